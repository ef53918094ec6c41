/** Go to definition, find references, highlights and rename over name occurrences. */
import type { Analysis } from '../analyze';
import type { Span } from '../model/types';
import { NAME_PATTERN } from '../vocabulary';
import { NameOccurrence, occurrenceAt, occurrences } from './references';

export function definitionAt(a: Analysis, offset: number): Span | undefined {
  const all = occurrences(a);
  const at = occurrenceAt(all, offset);
  if (!at) return undefined;
  return all.find((o) => o.role === 'definition' && o.name === at.name && o.target !== undefined)?.span;
}

/** Every occurrence of the name under the cursor (definition included when asked). */
export function referencesAt(a: Analysis, offset: number, includeDefinition = true): NameOccurrence[] {
  const all = occurrences(a);
  const at = occurrenceAt(all, offset);
  if (!at) return [];
  return all.filter((o) => o.name === at.name && (includeDefinition || o.role === 'reference'));
}

export type RenameCheck = { readonly span: Span; readonly name: string } | { readonly error: string };

export function prepareRename(a: Analysis, offset: number): RenameCheck {
  const at = occurrenceAt(occurrences(a), offset);
  if (!at) return { error: 'Only the name of a server or component can be renamed here.' };
  if (!at.target) return { error: `'${at.name}' names no server or component, so there is nothing to rename.` };
  return { span: at.span, name: at.name };
}

export type RenameResult = { readonly edits: readonly { readonly span: Span; readonly text: string }[] } | { readonly error: string };

export function rename(a: Analysis, offset: number, newName: string): RenameResult {
  const check = prepareRename(a, offset);
  if ('error' in check) return check;
  if (!NAME_PATTERN.test(newName)) return { error: `'${newName}' is not a valid name: use lower-case letters, digits and hyphens, starting with a letter or digit.` };
  if (newName !== check.name && (a.topology.components.has(newName) || a.topology.servers.has(newName))) {
    return { error: `'${newName}' is already the name of a ${a.topology.components.has(newName) ? 'component' : 'server'}.` };
  }
  return { edits: referencesAt(a, offset).map((o) => ({ span: o.span, text: newName })) };
}
