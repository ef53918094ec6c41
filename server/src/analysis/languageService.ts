/**
 * The facade of the analysis core: plain functions over a TextDocument that
 * return LSP-shaped data. It imports LSP *types* only, never the transport,
 * so tests, the server and the CLI all use it the same way.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CodeAction, CodeLens, CompletionList, Diagnostic, DocumentHighlight, DocumentHighlightKind, DocumentSymbol, FoldingRange, Hover, InlayHint,
  Location, Position, Range, SelectionRange, SymbolKind, TextEdit, WorkspaceEdit,
} from 'vscode-languageserver-types';
import { Analysis, analyzeText, reportedFindings, RuleSettings } from './analyze';
import { rangeOf, toDiagnostic } from './diagnostics';
import { complete } from './services/completion';
import { hover } from './services/hover';
import { summarize, summaryTitle } from './services/summary';
import { tracePath, traceTitle } from './services/encryption';
import { plainText } from './services/markdown';
import { codeActions, resolveFixAll } from './services/codeActions';
import { inlayHints } from './services/inlayHints';
import { definitionAt, prepareRename, referencesAt, rename } from './services/navigation';
import { semanticTokens } from './services/semanticTokens';
import { documentSymbols, foldingRanges, selectionSpans, SymbolNode } from './services/structure';

/** The commands code actions and lenses carry; what the client can run decides them (see features/commands.ts). */
export interface CommandIds {
  /** Opens a rule's page (argument: the rule code); null when the client can run none. */
  readonly explain: string | null;
  /** Run by the summary lens (argument: the summary text). */
  readonly summary: string;
}

/** VS Code's own: the extension's command and the Problems view. */
export const VSCODE_COMMANDS: CommandIds = { explain: 'infraYaml.explainRule', summary: 'workbench.actions.view.problems' };

export interface LanguageServiceOptions {
  /** Base URL of the rule pages; a rule's page is `${docsBase}/${code}.md`. Read on every use. */
  readonly docsBase?: string;
  /** Read on every use (default VSCODE_COMMANDS). */
  readonly commands?: CommandIds;
}

export interface LanguageService {
  /** The analysis of this document version (parsed once, cached). */
  analyze(doc: TextDocument): Analysis;
  diagnostics(doc: TextDocument, settings?: RuleSettings): Diagnostic[];
  complete(doc: TextDocument, position: Position): CompletionList;
  hover(doc: TextDocument, position: Position): Hover | null;
  /** The summary lens at the top of the file. */
  codeLenses(doc: TextDocument): CodeLens[];
  codeActions(doc: TextDocument, diagnostics: readonly Diagnostic[], only?: readonly string[]): CodeAction[];
  resolveCodeAction(doc: TextDocument, action: CodeAction, settings?: RuleSettings): CodeAction;
  definition(doc: TextDocument, position: Position): Location | null;
  references(doc: TextDocument, position: Position, includeDeclaration: boolean): Location[];
  highlights(doc: TextDocument, position: Position): DocumentHighlight[];
  prepareRename(doc: TextDocument, position: Position): { range: Range; placeholder: string } | { error: string };
  rename(doc: TextDocument, position: Position, newName: string): WorkspaceEdit | { error: string };
  symbols(doc: TextDocument): DocumentSymbol[];
  foldingRanges(doc: TextDocument): FoldingRange[];
  selectionRanges(doc: TextDocument, positions: readonly Position[]): SelectionRange[];
  semanticTokens(doc: TextDocument): number[];
  inlayHints(doc: TextDocument, range: Range): InlayHint[];
  /** Forget a closed document. */
  forget(uri: string): void;
}

/** Above this size (about 1,000 components) completion may use the previous version's analysis. */
export const STALE_COMPLETION_CHARS = 256 * 1024;

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
    // On a large design, completion answers from the last analysis rather than
    // re-parsing on every keystroke: it reads names and kinds from it, and the
    // cursor context from the current text. Diagnostics catch up after the debounce.
    complete(doc, position) {
      const hit = cache.get(doc.uri);
      const a = hit && hit.version !== doc.version && doc.getText().length > STALE_COMPLETION_CHARS ? hit.analysis : analyze(doc);
      return complete(a, doc, doc.offsetAt(position));
    },
    hover(doc, position) {
      const h = hover(analyze(doc), doc.offsetAt(position));
      return h ? { contents: { kind: 'markdown', value: h.markdown }, range: { start: doc.positionAt(h.span.start), end: doc.positionAt(h.span.end) } } : null;
    },
    codeLenses(doc) {
      const a = analyze(doc);
      if (a.design.components.length === 0) return [];
      const line = doc.positionAt(a.design.rootSpan.start).line;
      const range = { start: { line, character: 0 }, end: { line, character: 0 } };
      const title = summaryTitle(summarize(a));
      const lenses: CodeLens[] = [{ range, command: { title, command: (options.commands ?? VSCODE_COMMANDS).summary, arguments: [title] } }];
      // Over each DNS name: its encryption traced hop by hop (bounded: the first 50 services, 6 hops each).
      for (const s of a.topology.services.slice(0, 50)) {
        const hops = tracePath(a.topology, s);
        if (!hops.length) continue;
        const at = doc.positionAt(s.dns.nameSpan.start);
        lenses.push({ range: { start: at, end: at }, command: { title: plainText(`${s.host}: ${traceTitle(hops)}`, 400), command: '' } });
      }
      return lenses;
    },
    codeActions: (doc, diagnostics, only) => codeActions(analyze(doc), doc, diagnostics, only, (options.commands ?? VSCODE_COMMANDS).explain),
    resolveCodeAction: (doc, action, settings) => resolveFixAll(doc, action, settings),
    definition(doc, position) {
      const span = definitionAt(analyze(doc), doc.offsetAt(position));
      return span ? { uri: doc.uri, range: rangeOf(doc, span) } : null;
    },
    references: (doc, position, includeDeclaration) =>
      referencesAt(analyze(doc), doc.offsetAt(position), includeDeclaration).map((o) => ({ uri: doc.uri, range: rangeOf(doc, o.span) })),
    highlights: (doc, position) =>
      referencesAt(analyze(doc), doc.offsetAt(position)).map((o) => ({ range: rangeOf(doc, o.span), kind: o.role === 'definition' ? DocumentHighlightKind.Write : DocumentHighlightKind.Read })),
    prepareRename(doc, position) {
      const r = prepareRename(analyze(doc), doc.offsetAt(position));
      return 'error' in r ? r : { range: rangeOf(doc, r.span), placeholder: r.name };
    },
    rename(doc, position, newName) {
      const r = rename(analyze(doc), doc.offsetAt(position), newName);
      if ('error' in r) return r;
      return { changes: { [doc.uri]: r.edits.map((e): TextEdit => ({ range: rangeOf(doc, e.span), newText: e.text })) } };
    },
    symbols: (doc) => documentSymbols(analyze(doc)).map((n) => toSymbol(doc, n)),
    foldingRanges: (doc) => foldingRanges(analyze(doc)),
    selectionRanges(doc, positions) {
      const a = analyze(doc);
      return positions.map((p) => {
        let parent: SelectionRange | undefined;
        for (const span of [...selectionSpans(a, doc.offsetAt(p))].reverse()) parent = parent ? { range: rangeOf(doc, span), parent } : { range: rangeOf(doc, span) };
        return parent ?? { range: { start: p, end: p } };
      });
    },
    semanticTokens: (doc) => semanticTokens(analyze(doc)),
    inlayHints: (doc, range) =>
      inlayHints(analyze(doc), doc.offsetAt(range.start), doc.offsetAt(range.end)).map((h) => ({ position: doc.positionAt(h.offset), label: h.label, tooltip: h.tooltip, paddingLeft: false })),
    forget: (uri) => { cache.delete(uri); },
  };
}

const SYMBOL_KIND: Readonly<Record<SymbolNode['kind'], SymbolKind>> = {
  namespace: SymbolKind.Namespace, module: SymbolKind.Module, class: SymbolKind.Class, object: SymbolKind.Object, field: SymbolKind.Field, enum: SymbolKind.Enum,
};

function toSymbol(doc: TextDocument, n: SymbolNode): DocumentSymbol {
  const s: DocumentSymbol = { name: n.name, kind: SYMBOL_KIND[n.kind], range: rangeOf(doc, n.span), selectionRange: rangeOf(doc, n.selection), children: n.children.map((c) => toSymbol(doc, c)) };
  if (n.detail) s.detail = n.detail;
  return s;
}

export type { Analysis, RuleSettings };
