/**
 * The facade of the analysis core: plain functions over a TextDocument that
 * return LSP-shaped data. It imports LSP *types* only, never the transport,
 * so tests, the server and the CLI all use it the same way.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeLens, CompletionList, Diagnostic, Hover, Position } from 'vscode-languageserver-types';
import { Analysis, analyzeText, reportedFindings, RuleSettings } from './analyze';
import { toDiagnostic } from './diagnostics';
import { complete } from './services/completion';
import { hover } from './services/hover';
import { summarize, summaryTitle } from './services/summary';

export interface LanguageServiceOptions {
  /** Base URL of the rule pages; a rule's page is `${docsBase}/${code}.md`. */
  readonly docsBase?: string;
}

export interface LanguageService {
  /** The analysis of this document version (parsed once, cached). */
  analyze(doc: TextDocument): Analysis;
  diagnostics(doc: TextDocument, settings?: RuleSettings): Diagnostic[];
  complete(doc: TextDocument, position: Position): CompletionList;
  hover(doc: TextDocument, position: Position): Hover | null;
  /** The summary lens at the top of the file. */
  codeLenses(doc: TextDocument): CodeLens[];
  /** Forget a closed document. */
  forget(uri: string): void;
}

export function createLanguageService(options: LanguageServiceOptions = {}): LanguageService {
  const cache = new Map<string, { version: number; analysis: Analysis }>();
  const analyze = (doc: TextDocument): Analysis => {
    const hit = cache.get(doc.uri);
    if (hit && hit.version === doc.version) return hit.analysis;
    const analysis = analyzeText(doc.getText());
    cache.set(doc.uri, { version: doc.version, analysis });
    return analysis;
  };
  return {
    analyze,
    diagnostics: (doc, settings) => reportedFindings(analyze(doc), settings).map((f) => toDiagnostic(doc, f, options.docsBase)),
    complete: (doc, position) => complete(analyze(doc), doc, doc.offsetAt(position)),
    hover(doc, position) {
      const h = hover(analyze(doc), doc.offsetAt(position));
      return h ? { contents: { kind: 'markdown', value: h.markdown }, range: { start: doc.positionAt(h.span.start), end: doc.positionAt(h.span.end) } } : null;
    },
    codeLenses(doc) {
      const a = analyze(doc);
      if (a.design.components.length === 0) return [];
      const line = doc.positionAt(a.design.rootSpan.start).line;
      const range = { start: { line, character: 0 }, end: { line, character: 0 } };
      return [{ range, command: { title: summaryTitle(summarize(a)), command: 'workbench.actions.view.problems' } }];
    },
    forget: (uri) => { cache.delete(uri); },
  };
}

export type { Analysis, RuleSettings };
