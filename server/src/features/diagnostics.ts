/**
 * Publishes diagnostics: at once when a document opens, and after a short
 * pause in typing when it changes. The analysis runs on a worker thread
 * (AnalysisPool), so requests never wait for it; the pause adapts to how
 * long the last analysis of the document took (a few milliseconds for a
 * small file, at most a quarter of a second for a huge one). Once a large
 * document has been quiet for a moment, the request thread's own model is
 * brought up to date from the same version.
 */
import type { Connection, Diagnostic, TextDocuments } from 'vscode-languageserver/node';
import type { Finding } from '../analysis/findings';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { LanguageService } from '../analysis/languageService';
import type { AnalysisPool } from './analysisPool';
import type { Settings } from './settings';

/** Debounce bounds (ms): the pause is a quarter of the last analysis time, within these. */
export const DEBOUNCE_MIN_MS = 10;
export const DEBOUNCE_MAX_MS = 250;
/** How long a stale large document must stay unchanged before the request thread re-parses it. */
export const MODEL_REFRESH_QUIET_MS = 1000;

export function debounceFor(lastAnalysisMs: number | undefined, chars: number): number {
  const estimate = lastAnalysisMs ?? chars / 1000; // about 1 ms per KB before the first measure
  return Math.round(Math.min(DEBOUNCE_MAX_MS, Math.max(DEBOUNCE_MIN_MS, estimate / 4)));
}

export class DiagnosticsPublisher {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly refreshTimers = new Map<string, NodeJS.Timeout>();
  private readonly measured = new Map<string, number>();
  /** URIs whose pending publication is immediate (an open): a change event must not postpone it. */
  private readonly immediate = new Set<string>();

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly service: LanguageService,
    private readonly settings: Settings,
    private readonly pool: AnalysisPool,
    private readonly docsBase: string | undefined,
  ) {}

  schedule(doc: TextDocument, immediate = false): void {
    // The library fires a content change right after each open: keep the open's immediate run.
    if (!immediate && this.immediate.has(doc.uri)) return;
    clearTimeout(this.timers.get(doc.uri));
    clearTimeout(this.refreshTimers.get(doc.uri));
    if (immediate) this.immediate.add(doc.uri);
    const delay = immediate ? 0 : debounceFor(this.measured.get(doc.uri), doc.getText().length);
    this.timers.set(doc.uri, setTimeout(() => void this.publish(doc.uri), delay));
  }

  async publish(uri: string): Promise<void> {
    this.timers.delete(uri);
    this.immediate.delete(uri);
    const doc = this.documents.get(uri);
    if (!doc) return;
    try {
      const rules = await this.settings.rules(uri);
      if (this.documents.get(uri)?.version !== doc.version) return; // a newer version is scheduled
      const done = await this.pool.run({ uri, version: doc.version, text: doc.getText(), rules, docsBase: this.docsBase });
      if (!done || this.documents.get(uri)?.version !== doc.version) return; // superseded
      this.measured.set(uri, done.ms);
      this.service.adoptFindings(uri, doc.version, () => JSON.parse(done.findings) as Finding[]);
      await this.connection.sendDiagnostics({ uri, version: doc.version, diagnostics: JSON.parse(done.diagnostics) as Diagnostic[] });
      this.refreshModelLater(doc);
    } catch (e) {
      this.connection.console.error(`diagnostics for ${uri} failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
    }
  }

  /** Requests on a large document answer from its last model; re-parse it here once typing has paused. */
  private refreshModelLater(doc: TextDocument): void {
    if (!this.service.isBehind(doc)) return;
    clearTimeout(this.refreshTimers.get(doc.uri));
    this.refreshTimers.set(doc.uri, setTimeout(() => {
      this.refreshTimers.delete(doc.uri);
      const current = this.documents.get(doc.uri);
      if (current?.version === doc.version) this.service.analyze(current);
    }, MODEL_REFRESH_QUIET_MS));
  }

  clear(uri: string): void {
    this.immediate.delete(uri);
    clearTimeout(this.timers.get(uri));
    clearTimeout(this.refreshTimers.get(uri));
    this.timers.delete(uri);
    this.refreshTimers.delete(uri);
    this.measured.delete(uri);
    this.pool.cancel(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  refreshAll(): void {
    for (const doc of this.documents.all()) this.schedule(doc, true);
  }
}
