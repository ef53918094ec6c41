/**
 * Code actions for diagnostics: their quick fixes, "Fix all" of a rule,
 * "Explain this", and `source.fixAll.infra-yaml`. Actions come from each
 * diagnostic's code and typed data; a fix-all is resolved lazily because it
 * re-analyses the design once per rule and pass.
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
  // The client's diagnostics may predate the document (the server republishes after
  // its debounce): a fix is offered only for a finding the current text still has,
  // at the same range, and is built from that finding's data.
  const current = new Map(a.findings().map((f) => [`${f.code}@${f.span.start}-${f.span.end}`, f]));
  for (const d of diagnostics) {
    const code = String(d.code ?? '');
    if (d.source !== 'infra-yaml' || !isRuleCode(code)) continue;
    const span: Span = { start: doc.offsetAt(d.range.start), end: doc.offsetAt(d.range.end) };
    const now = current.get(`${code}@${span.start}-${span.end}`);
    for (const q of now ? quickFixes(a, now) : []) {
      out.push({ title: q.title, kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: q.preferred, edit: { changes: { [doc.uri]: toTextEdits(doc, q.edits) } } });
    }
    if (codesSeen.has(code)) continue;
    codesSeen.add(code);
    if (FIXABLE.has(code)) fixAlls.push({ title: `Fix all '${code}' problems in this file`, kind: CodeActionKind.QuickFix, diagnostics: [d], data: { fixAll: true, uri: doc.uri, version: doc.version, codes: [code] } satisfies FixAllData });
    if (explainCommand) explains.push({ title: `Explain '${code}'`, kind: CodeActionKind.QuickFix, diagnostics: [d], command: { title: `Explain '${code}'`, command: explainCommand, arguments: [code] } });
  }
  return [...out, ...fixAlls, ...explains];
}

/** Computes a fix-all action's edit: one replacement of the changed middle of the file. */
export function resolveFixAll(doc: TextDocument, action: CodeAction, settings: RuleSettings = {}): CodeAction {
  const data = action.data as FixAllData | undefined;
  if (!data?.fixAll) return action;
  const text = doc.getText();
  const codes = data.codes ? new Set(data.codes) : new Set(FIXABLE);
  const result = fixAll(text, codes, settings);
  // Honest when partial: the title says what is left for a manual change.
  const title = result.remaining > 0 ? `${action.title} (${result.applied.length} fixed, ${result.remaining} left to fix by hand)` : action.title;
  if (result.text === text) return { ...action, title };
  return { ...action, title, edit: { changes: { [doc.uri]: toTextEdits(doc, [minimalEdit(text, result.text)]) } } };
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
