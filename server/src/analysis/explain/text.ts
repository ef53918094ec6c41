/** Markdown helpers for the explanation: escaping, links back to the YAML, vocabulary sentences. */
import { DOCS } from '../vocabulary/docs';
import type { Span } from '../model/types';

/** Escapes Markdown's inline markup in user text (names, addresses). */
export const esc = (s: string): string => s.replace(/[\\`*_{}[\]()<>#+!|~]/g, (c) => `\\${c}`);

/** A vocabulary entry's one-line summary (the text hover and completion show). */
export function summary(id: string): string {
  return DOCS[id]?.summary ?? '';
}

/** The summary as the rest of a sentence: "sends requests to each target in turn." */
export function lower(s: string): string {
  return s ? s[0]!.toLowerCase() + s.slice(1) : s;
}

export type Linker = (name: string, span: Span) => string;

/** `[name](file#L12)`: VS Code's Markdown preview opens the design at that line. */
/** A Markdown link target for a relative file name (spaces and parentheses encoded). */
export const fileTarget = (file: string): string => encodeURI(file).replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16)}`);

export function linker(file: string, lineOf: (offset: number) => number): Linker {
  const target = fileTarget(file);
  return (name, span) => `[${esc(name)}](${target}#L${lineOf(span.start)})`;
}

/** The first paragraph (or list) under a `## heading` of a rule page. */
export function section(markdown: string | undefined, heading: string): string | undefined {
  if (!markdown) return undefined;
  const lines = markdown.split('\n');
  const at = lines.findIndex((l) => l.trim().toLowerCase() === `## ${heading.toLowerCase()}`);
  if (at < 0) return undefined;
  const out: string[] = [];
  for (const l of lines.slice(at + 1)) {
    if (l.startsWith('#')) break;
    if (l.trim() === '') { if (out.length && !out[out.length - 1]!.endsWith(':')) break; continue; }
    out.push(l);
  }
  return out.length ? out.join('\n') : undefined;
}
