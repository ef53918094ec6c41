/**
 * Publishes diagnostics: at once when a document opens, and after a short
 * pause in typing when it changes. Given an Analyser (the Node server's
 * worker thread, AnalysisPool), the analysis runs off the request thread, so
 * requests never wait for it, and the pause adapts to how long the last
 * analysis of the document took (a few milliseconds for a small file, at
 * most a quarter of a second for a huge one). On Node the worker keeps the
 * only analysis and answers the requests that read it (analysisWorker.ts).
 * When the job ran in this thread instead (no worker could start), the
 * request thread's own model answers: once the diagnostics of a version are
 * sent, requests answer from that version, the model brought forward from its
 * previous parse (only the edited entries are parsed again, the job's
 * findings are adopted) by the first request, or unasked once the document
 * has been quiet for CATCH_UP_QUIET_MS, so nothing parses the whole text
 * twice and no answer after the diagnostics
 * is stale. Without one (the web-worker server) the analysis
 * runs in-thread after a pause that grows with the file, so that a huge
 * design never makes typing lag.
 */
import type { Connection, Diagnostic, TextDocuments } from 'vscode-languageserver';
import type { Finding } from '../analysis/findings';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { RuleSettings } from '../analysis/analyze';
import type { LanguageService } from '../analysis/languageService';
import type { Analyser } from './analysisJob';
import type { Settings } from './settings';

/** Debounce bounds (ms): the pause is a quarter of the last analysis time, within these. */
export const DEBOUNCE_MIN_MS = 2;
export const DEBOUNCE_MAX_MS = 250;
/**
 * An edit analysed within this long (ms) is analysed at once, after the shortest pause: its job is
 * stopped between its phases when the next keystroke comes, which costs less than waiting. At 10k
 * components a value edit takes ~50 ms, and the quarter-of-it pause (12 ms, then at least 10) was
 * a sixth of keystroke → diagnostics.
 */
export const CHEAP_EDIT_MS = 100;
/**
 * How long a document must stay unchanged after its diagnostics before the request thread brings
 * its model forward unasked: versions typed over within it build no model here (memory churn),
 * and a request after a pause finds the model ready.
 */
export const CATCH_UP_QUIET_MS = 300;

/**
 * The pause before analysing an edit: the shortest after a cheap edit (CHEAP_EDIT_MS), else a quarter
 * of the last edit's analysis time, within the bounds. The shortest pause still takes in the changes
 * a client sends together (several cursors, a format on type).
 * Before the first edit's analysis is measured, the shortest: an edit is analysed incrementally,
 * and the open's whole-file analysis says nothing of that (it made the first keystroke after
 * opening a 10,000-component design wait the longest pause, 250 ms, for a 40 ms analysis).
 */
export function debounceFor(lastEditMs: number | undefined): number {
  const ms = lastEditMs ?? 0;
  // Past CHEAP_EDIT_MS a quarter of it is already above the shortest pause.
  return ms <= CHEAP_EDIT_MS ? DEBOUNCE_MIN_MS : Math.round(Math.min(DEBOUNCE_MAX_MS, ms / 4));
}

/** The pause before an in-thread analysis, which blocks requests while it runs: longer for larger files. */
export function inThreadDebounceFor(chars: number): number {
  return Math.min(1000, 100 + Math.floor(chars / 10000));
}

export interface DiagnosticsOptions {
  /** Runs the analyses off the request thread; without one they run in-thread. */
  readonly analyser?: Analyser;
  /** The rule pages' base URL for the diagnostics' links, read at each analysis (the analyser has no service). */
  readonly docsBase?: () => string | undefined;
}

/** `ownModel`: the request thread's model answers requests (the job ran here, or on a thread that kept no model). */
interface Published { readonly diagnostics: Diagnostic[]; readonly ms: number; readonly ownModel: boolean }

export class DiagnosticsPublisher {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly measured = new Map<string, number>();
  private readonly catchUpTimers = new Map<string, NodeJS.Timeout>();
  /** URIs whose pending publication is immediate (an open): a change event must not postpone it. */
  private readonly immediate = new Set<string>();

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly service: LanguageService,
    private readonly settings: Settings,
    private readonly options: DiagnosticsOptions = {},
  ) {}

  schedule(doc: TextDocument, immediate = false): void {
    // The library fires a content change right after each open: keep the open's immediate run.
    if (!immediate && this.immediate.has(doc.uri)) return;
    clearTimeout(this.timers.get(doc.uri));
    clearTimeout(this.catchUpTimers.get(doc.uri));
    if (immediate) this.immediate.add(doc.uri);
    const chars = doc.getText().length;
    const delay = immediate ? 0 : this.options.analyser ? debounceFor(this.measured.get(doc.uri)) : inThreadDebounceFor(chars);
    this.timers.set(doc.uri, setTimeout(() => void this.publish(doc.uri), delay));
  }

  async publish(uri: string): Promise<void> {
    this.timers.delete(uri);
    // An open or a refresh analyses the whole file at once: its time is not an edit's.
    const whole = this.immediate.delete(uri);
    const doc = this.documents.get(uri);
    if (!doc) return;
    try {
      const rules = await this.settings.rules(uri);
      if (this.documents.get(uri)?.version !== doc.version) return; // a newer version is scheduled
      const done = await this.analyse(doc, rules);
      if (!done || this.documents.get(uri)?.version !== doc.version) return; // superseded
      if (!whole) this.measured.set(uri, done.ms);
      if (done.ownModel) this.service.catchUp(doc);
      await this.connection.sendDiagnostics({ uri, version: doc.version, diagnostics: done.diagnostics });
      if (done.ownModel) this.catchUpLater(doc);
    } catch (e) {
      this.connection.console.error(`diagnostics for ${uri} failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
    }
  }

  /** On the analyser when there is one (its findings, if it sends them, adopted by the request thread's model), else here. */
  private async analyse(doc: TextDocument, rules: RuleSettings): Promise<Published | undefined> {
    const { analyser, docsBase } = this.options;
    if (!analyser) {
      const t0 = performance.now();
      const diagnostics = this.service.diagnostics(doc, rules);
      return { diagnostics, ms: performance.now() - t0, ownModel: true };
    }
    const done = await analyser.run({ uri: doc.uri, version: doc.version, text: doc.getText(), rules, docsBase: docsBase?.() });
    if (!done) return undefined;
    const findings = done.findings;
    // No findings: the thread that ran the job keeps the analysis and answers the requests.
    if (findings !== undefined) this.service.adoptFindings(doc.uri, doc.version, () => JSON.parse(findings) as Finding[]);
    return { diagnostics: JSON.parse(done.diagnostics) as Diagnostic[], ms: done.ms, ownModel: findings !== undefined };
  }

  private catchUpLater(doc: TextDocument): void {
    clearTimeout(this.catchUpTimers.get(doc.uri));
    this.catchUpTimers.set(doc.uri, setTimeout(() => {
      this.catchUpTimers.delete(doc.uri);
      const current = this.documents.get(doc.uri);
      if (current?.version === doc.version) this.service.bringForward(current);
    }, CATCH_UP_QUIET_MS));
  }

  clear(uri: string): void {
    this.immediate.delete(uri);
    clearTimeout(this.timers.get(uri));
    clearTimeout(this.catchUpTimers.get(uri));
    this.catchUpTimers.delete(uri);
    this.timers.delete(uri);
    this.measured.delete(uri);
    this.options.analyser?.cancel(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  refreshAll(): void {
    for (const doc of this.documents.all()) this.schedule(doc, true);
  }
}
