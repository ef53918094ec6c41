/**
 * Publishes diagnostics: at once when a document opens, and shortly after
 * typing pauses when it changes (longer pauses for larger files, so that a
 * huge design never makes typing lag).
 */
import type { Connection, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { LanguageService } from '../analysis/languageService';
import type { Settings } from './settings';

export class DiagnosticsPublisher {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly service: LanguageService,
    private readonly settings: Settings,
  ) {}

  /** URIs whose pending publication is immediate (an open): a change event must not postpone it. */
  private readonly immediate = new Set<string>();

  schedule(doc: TextDocument, immediate = false): void {
    // The library fires a content change right after each open: keep the open's immediate run.
    if (!immediate && this.immediate.has(doc.uri)) return;
    clearTimeout(this.timers.get(doc.uri));
    if (immediate) this.immediate.add(doc.uri);
    const delay = immediate ? 0 : Math.min(1000, 100 + Math.floor(doc.getText().length / 10000));
    this.timers.set(doc.uri, setTimeout(() => void this.publish(doc.uri), delay));
  }

  async publish(uri: string): Promise<void> {
    this.timers.delete(uri);
    this.immediate.delete(uri);
    const doc = this.documents.get(uri);
    if (!doc) return;
    try {
      const rules = await this.settings.rules(uri);
      const current = this.documents.get(uri);
      if (!current || current.version !== doc.version) return; // a newer version is scheduled
      const diagnostics = this.service.diagnostics(doc, rules);
      await this.connection.sendDiagnostics({ uri, version: doc.version, diagnostics });
    } catch (e) {
      this.connection.console.error(`diagnostics for ${uri} failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
    }
  }

  clear(uri: string): void {
    this.immediate.delete(uri);
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  refreshAll(): void {
    for (const doc of this.documents.all()) this.schedule(doc, true);
  }
}
