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
import { Analysis, analyzeEdit, analyzeText, reportedFindings, RuleSettings } from './analyze';
import { rangeOf, toDiagnostic } from './diagnostics';
import { complete } from './services/completion';
import { hover } from './services/hover';
import { skipUpOf } from './services/locate';
import { summarize, summaryTitle } from './services/summary';
import { tracePath, traceTitle } from './services/encryption';
import { plainText } from './services/markdown';
import { codeActions, resolveFixAll } from './services/codeActions';
import { inlayHints } from './services/inlayHints';
import { lessonLens } from './services/lessonLens';
import { definitionAt, prepareRename, referencesAt, rename } from './services/navigation';
import { semanticTokens } from './services/semanticTokens';
import { documentSymbols, foldingRanges, selectionSpans, SymbolNode } from './services/structure';
import type { Finding } from './findings';
import { inChange, oldToNew, skipThrough, staleView, TextDelta } from './staleView';

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
  /**
   * Called each time the service has built a new analysis (the Node server then collects the
   * garbage that analysis left, features/heapTrim.ts). Read on every use.
   */
  readonly analysed?: () => void;
  /**
   * The rules run in the analysis jobs only (the Node server's worker, which answers requests between
   * a job's phases): hover then shows a finding once the job's rules have found it, rather than
   * running every rule itself while the job waits behind it.
   */
  readonly rulesInJobs?: boolean;
}

export interface LanguageService {
  /** The analysis of this document version (parsed once, cached). */
  analyze(doc: TextDocument): Analysis;
  /** The newest analysis there is without parsing on the request path: for a large document being edited, an older version's. */
  newest(doc: TextDocument): Analysis;
  diagnostics(doc: TextDocument, settings?: RuleSettings): Diagnostic[];
  complete(doc: TextDocument, position: Position): CompletionList;
  /**
   * Completion from the vocabulary and the cursor's context in the text alone, with no model of the
   * document (no names): what a thread that keeps no analysis answers when the one that does is busy.
   */
  completeFromText(doc: TextDocument, position: Position): CompletionList;
  hover(doc: TextDocument, position: Position): Hover | null;
  /** The summary lens at the top of the file, the lesson checklist above `lesson:`, and each DNS name's encryption path. */
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
  /** Findings of one version computed elsewhere (the server's worker): adopted instead of computed again. */
  adoptFindings(uri: string, version: number, findings: readonly Finding[] | (() => readonly Finding[])): void;
  /** True for a large document whose current version is not analysed here yet (requests answer from an older one). */
  isBehind(doc: TextDocument): boolean;
  /**
   * The diagnostics of this version are being sent: from now on requests answer from this version,
   * the next one bringing the model forward (incrementally, on first use, so versions nobody asks
   * about build no model here).
   */
  catchUp(doc: TextDocument): void;
  /** Brings a document's model, if there is one here, up to this version now (incrementally); a document never analysed here is left alone. */
  bringForward(doc: TextDocument): void;
  /** Forget a closed document. */
  forget(uri: string): void;
}

/**
 * Above this size (about 300 components, where one parse costs tens of
 * milliseconds) requests answer from the last analysis while a newer version
 * waits for its own, instead of parsing on the request path.
 */
export const STALE_COMPLETION_CHARS = 64 * 1024;

interface Latest {
  readonly a: Analysis;
  /** The document the core should read: the current one, or a stale view of the analysed text in current coordinates. */
  readonly doc: TextDocument;
  readonly delta?: TextDelta;
}

export function createLanguageService(options: LanguageServiceOptions = {}): LanguageService {
  const cache = new Map<string, { version: number; analysis: Analysis }>();
  const adopted = new Map<string, { version: number; findings: readonly Finding[] | (() => readonly Finding[]) }>();
  const views = new Map<string, { version: number; base: Analysis; latest: Latest }>();
  /** The version whose diagnostics were sent last: requests must not answer from an older model. */
  const published = new Map<string, number>();
  /** The analysis of an empty design, for completion without a model (completeFromText). */
  let empty: Analysis | undefined;
  /**
   * One model per document, brought forward from the previous version's parse with `analyzeEdit`
   * (only the edited entries are parsed again). That reuses the previous tree in place, so the
   * previous analysis is dropped here first: its stale views go with it, requests are synchronous,
   * and the one asynchronous reader of a model (the sliced simulation) reads its topology only,
   * which holds no node of the tree.
   */
  const analyze = (doc: TextDocument): Analysis => {
    const hit = cache.get(doc.uri);
    if (hit && hit.version === doc.version) return hit.analysis;
    cache.delete(doc.uri);
    views.delete(doc.uri);
    const text = doc.getText();
    const analysis = hit ? analyzeEdit(hit.analysis, text) : analyzeText(text);
    const known = adopted.get(doc.uri);
    if (known?.version === doc.version) analysis.adoptFindings(known.findings);
    cache.set(doc.uri, { version: doc.version, analysis });
    views.delete(doc.uri);
    options.analysed?.();
    return analysis;
  };
  /** A large document whose current version has no analysis here yet. */
  const behind = (doc: TextDocument): boolean =>
    cache.get(doc.uri)?.version !== doc.version && published.get(doc.uri) !== doc.version && doc.getText().length > STALE_COMPLETION_CHARS;
  /** The newest analysis this request may use without parsing on the request path. */
  const latest = (doc: TextDocument): Latest => {
    const hit = cache.get(doc.uri);
    if (!hit || !behind(doc)) return { a: analyze(doc), doc };
    const v = views.get(doc.uri);
    if (v && v.version === doc.version && v.base === hit.analysis) return v.latest;
    const view = staleView(doc, hit.analysis.parsed.text);
    const l: Latest = { a: hit.analysis, doc: view.doc, delta: view.delta };
    views.set(doc.uri, { version: doc.version, base: hit.analysis, latest: l });
    return l;
  };
  return {
    analyze,
    newest: (doc) => latest(doc).a,
    isBehind: behind,
    catchUp(doc) { published.set(doc.uri, doc.version); },
    bringForward(doc) {
      const hit = cache.get(doc.uri);
      if (hit && hit.version !== doc.version) analyze(doc);
    },
    adoptFindings(uri, version, findings) {
      adopted.set(uri, { version, findings });
      const hit = cache.get(uri);
      if (hit?.version === version) hit.analysis.adoptFindings(findings);
    },
    diagnostics: (doc, settings) => reportedFindings(analyze(doc), settings).map((f) => toDiagnostic(doc, f, options.docsBase)),
    // On a large design, completion answers from the last analysis rather than
    // re-parsing on every keystroke: it reads names and kinds from it, and the
    // cursor context from the current text. Diagnostics catch up after the debounce.
    complete(doc, position) {
      const { a, delta } = latest(doc);
      const skip = skipUpOf(a.parsed);
      return complete(a, doc, doc.offsetAt(position), delta ? skipThrough(skip, delta, doc.getText()) : skip);
    },
    completeFromText: (doc, position) => complete(empty ??= analyzeText(''), doc, doc.offsetAt(position)),
    hover(current, position) {
      const { a, doc, delta } = latest(current);
      if (delta && inChange(delta, current.offsetAt(position))) return null; // typed since the last analysis: nothing known there yet
      const h = hover(options.rulesInJobs ? withoutPendingRules(a) : a, doc.offsetAt(position));
      return h ? { contents: { kind: 'markdown', value: h.markdown }, range: { start: doc.positionAt(h.span.start), end: doc.positionAt(h.span.end) } } : null;
    },
    codeLenses(current) {
      const { a, doc } = latest(current);
      const lesson = lessonLens(a);
      const lessons: CodeLens[] = [];
      if (lesson) {
        const at = doc.positionAt(lesson.offset);
        const range = { start: { line: at.line, character: 0 }, end: { line: at.line, character: 0 } };
        for (const title of lesson.titles) lessons.push({ range, command: { title, command: '', tooltip: lesson.tooltip } });
      }
      if (a.design.components.length === 0) return lessons;
      const line = doc.positionAt(a.design.rootSpan.start).line;
      const range = { start: { line, character: 0 }, end: { line, character: 0 } };
      const title = summaryTitle(summarize(a));
      const lenses: CodeLens[] = [{ range, command: { title, command: (options.commands ?? VSCODE_COMMANDS).summary, arguments: [title] } }, ...lessons];
      // Over each DNS name: its encryption traced hop by hop (bounded: the first 50 services, 6 hops each).
      for (const s of a.topology.services.slice(0, 50)) {
        const hops = tracePath(a.topology, s);
        if (!hops.length) continue;
        const at = doc.positionAt(s.dns.nameSpan.start);
        lenses.push({ range: { start: at, end: at }, command: { title: plainText(`${s.host}: ${traceTitle(hops)}`, 400), command: '' } });
      }
      return lenses;
    },
    // The analysis is read only to build repairs for our diagnostics, and repairs are edits: those always use the current version.
    codeActions: (doc, diagnostics, only) =>
      codeActions(diagnostics.some((d) => d.source === 'infra-yaml') ? analyze(doc) : latest(doc).a, doc, diagnostics, only, (options.commands ?? VSCODE_COMMANDS).explain),
    resolveCodeAction: (doc, action, settings) => resolveFixAll(doc, action, settings),
    definition(current, position) {
      const { a, doc } = latest(current);
      const span = definitionAt(a, doc.offsetAt(position));
      return span ? { uri: doc.uri, range: rangeOf(doc, span) } : null;
    },
    references(current, position, includeDeclaration) {
      const { a, doc } = latest(current);
      return referencesAt(a, doc.offsetAt(position), includeDeclaration).map((o) => ({ uri: doc.uri, range: rangeOf(doc, o.span) }));
    },
    highlights(current, position) {
      const { a, doc } = latest(current);
      return referencesAt(a, doc.offsetAt(position)).map((o) => ({ range: rangeOf(doc, o.span), kind: o.role === 'definition' ? DocumentHighlightKind.Write : DocumentHighlightKind.Read }));
    },
    prepareRename(doc, position) {
      const r = prepareRename(analyze(doc), doc.offsetAt(position));
      return 'error' in r ? r : { range: rangeOf(doc, r.span), placeholder: r.name };
    },
    rename(doc, position, newName) {
      const r = rename(analyze(doc), doc.offsetAt(position), newName);
      if ('error' in r) return r;
      return { changes: { [doc.uri]: r.edits.map((e): TextEdit => ({ range: rangeOf(doc, e.span), newText: e.text })) } };
    },
    symbols(current) {
      const { a, doc } = latest(current);
      return documentSymbols(a).map((n) => toSymbol(doc, n));
    },
    foldingRanges(current) {
      const l = latest(current);
      const lines = foldingRanges(l.a);
      return l.delta ? lines.map((r) => ({ startLine: shiftLine(l, r.startLine), endLine: shiftLine(l, r.endLine) })).filter((r) => r.endLine > r.startLine) : lines;
    },
    selectionRanges(current, positions) {
      const { a, doc } = latest(current);
      return positions.map((p) => {
        let parent: SelectionRange | undefined;
        for (const span of [...selectionSpans(a, doc.offsetAt(p))].reverse()) parent = parent ? { range: rangeOf(doc, span), parent } : { range: rangeOf(doc, span) };
        return parent ?? { range: { start: p, end: p } };
      });
    },
    semanticTokens(current) {
      const l = latest(current);
      const data = semanticTokens(l.a);
      return l.delta ? shiftTokens(l, current, data) : data;
    },
    inlayHints(current, range) {
      const { a, doc } = latest(current);
      return inlayHints(a, doc.offsetAt(range.start), doc.offsetAt(range.end)).map((h) => ({ position: doc.positionAt(h.offset), label: h.label, tooltip: h.tooltip, paddingLeft: false }));
    },
    forget: (uri) => { cache.delete(uri); adopted.delete(uri); views.delete(uri); published.delete(uri); },
  };
}

/** The analysis with its findings as far as they are known: none before the rules have run. */
function withoutPendingRules(a: Analysis): Analysis {
  return a.knownFindings() ? a : { ...a, findings: () => [] };
}

/** A line of the analysed text, as a line of the current one (the view maps offsets). */
function shiftLine(l: Latest, line: number): number {
  const starts = l.a.parsed.lineCounter.lineStarts;
  return l.doc.positionAt(starts[Math.min(line, starts.length - 1)] ?? 0).line;
}

/** Semantic tokens of the analysed text moved to the current one; tokens in the changed region are dropped. */
function shiftTokens(l: Latest, current: TextDocument, data: readonly number[]): number[] {
  const starts = l.a.parsed.lineCounter.lineStarts;
  const out: number[] = [];
  let line = 0, char = 0, prevLine = 0, prevChar = 0;
  for (let i = 0; i + 4 < data.length; i += 5) {
    line += data[i]!;
    char = data[i] === 0 ? char + data[i + 1]! : data[i + 1]!;
    const oldOffset = (starts[line] ?? 0) + char;
    if (l.delta && oldOffset + data[i + 2]! > l.delta.start && oldOffset < l.delta.oldEnd) continue;
    const p = current.positionAt(oldToNew(l.delta!, oldOffset));
    out.push(p.line - prevLine, p.line === prevLine ? p.character - prevChar : p.character, data[i + 2]!, data[i + 3]!, data[i + 4]!);
    prevLine = p.line;
    prevChar = p.character;
  }
  return out;
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
