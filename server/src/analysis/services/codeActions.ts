/**
 * Code actions for diagnostics: their quick fixes, "Fix all" of a rule,
 * "Explain this", and `source.fixAll.infra-yaml`. Actions come from each
 * diagnostic's code and typed data; a fix-all is resolved lazily because it
 * re-analyses the design after every step.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { CodeAction, CodeActionKind, Diagnostic, TextEdit } from 'vscode-languageserver-types';
import type { Analysis, RuleSettings } from '../analyze';
import { rangeOf } from '../diagnostics';
import { isRuleCode, RuleCode } from '../findings';
import type { Span } from '../model/types';
import { fixAll } from './fixAll';
import { FIXABLE, quickFixes } from './fixes';
import type { TextEditData } from './edits';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.infra-yaml`;
export const EXPLAIN_COMMAND = 'infraYaml.explainRule';

/** What a lazily resolved action needs to compute its edit. */
export interface FixAllData {
  readonly fixAll: true;
  readonly uri: string;
  readonly version: number;
  readonly codes?: readonly RuleCode[];
}

function toTextEdits(doc: TextDocument, edits: readonly TextEditData[]): TextEdit[] {
  return edits.map((e) => ({ range: rangeOf(doc, e.span), newText: e.text }));
}

/** `explainCommand`: the command of the "Explain" actions, none when null. */
export function codeActions(a: Analysis, doc: TextDocument, diagnostics: readonly Diagnostic[], only?: readonly string[], explainCommand: string | null = EXPLAIN_COMMAND): CodeAction[] {
  const wants = (kind: string): boolean => !only || only.some((o) => kind === o || kind.startsWith(o + '.'));
  const out: CodeAction[] = [];
  if (wants(FIX_ALL_KIND) && only) {
    out.push({ title: 'Fix all Infra YAML problems', kind: FIX_ALL_KIND, data: { fixAll: true, uri: doc.uri, version: doc.version } satisfies FixAllData });
    return out;
  }
  if (!wants(CodeActionKind.QuickFix)) return out;
  // Repairs first, then one "Fix all" and one "Explain" per rule, so the lightbulb leads with fixes.
  const fixAlls: CodeAction[] = [];
  const explains: CodeAction[] = [];
  const codesSeen = new Set<RuleCode>();
  for (const d of diagnostics) {
    const code = String(d.code ?? '');
    if (d.source !== 'infra-yaml' || !isRuleCode(code)) continue;
    const span: Span = { start: doc.offsetAt(d.range.start), end: doc.offsetAt(d.range.end) };
    for (const q of quickFixes(a, { code, span, data: d.data as never })) {
      out.push({ title: q.title, kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: q.preferred, edit: { changes: { [doc.uri]: toTextEdits(doc, q.edits) } } });
    }
    if (codesSeen.has(code)) continue;
    codesSeen.add(code);
    if (FIXABLE.has(code)) fixAlls.push({ title: `Fix all '${code}' problems in this file`, kind: CodeActionKind.QuickFix, diagnostics: [d], data: { fixAll: true, uri: doc.uri, version: doc.version, codes: [code] } satisfies FixAllData });
    if (explainCommand) explains.push({ title: `Explain '${code}'`, kind: CodeActionKind.QuickFix, diagnostics: [d], command: { title: `Explain '${code}'`, command: explainCommand, arguments: [code] } });
  }
  out.push(...fixAlls, ...explains);
  return out;
}

/** Computes a fix-all action's edit: one replacement of the changed middle of the file. */
export function resolveFixAll(doc: TextDocument, action: CodeAction, settings: RuleSettings = {}): CodeAction {
  const data = action.data as FixAllData | undefined;
  if (!data?.fixAll) return action;
  const text = doc.getText();
  const codes = data.codes ? new Set(data.codes) : new Set(FIXABLE);
  const result = fixAll(text, codes, settings);
  if (result.text === text) return action;
  return { ...action, edit: { changes: { [doc.uri]: toTextEdits(doc, [minimalEdit(text, result.text)]) } } };
}

/** The single edit that turns `a` into `b`, trimming their common prefix and suffix. */
export function minimalEdit(a: string, b: string): TextEditData {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) { endA--; endB--; }
  return { span: { start, end: endA }, text: b.slice(start, endB) };
}
