// The request thread's model and the worker's analysis of the same version, side by side
// (server/src/features/diagnostics.ts): once bringing the model forward is known to be cheap, the
// publisher does it while the worker runs, so a request sent on the diagnostics finds it ready;
// while it is unknown or slow, only after a quiet pause.
import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import type { LanguageService } from '../../server/src/analysis/languageService';
import type { Analyser, AnalysisDone } from '../../server/src/features/analysisJob';
import { CATCH_UP_QUIET_MS, DiagnosticsPublisher } from '../../server/src/features/diagnostics';
import type { Settings } from '../../server/src/features/settings';

function setup(catchUpCost: () => void, sideBySideMs: number) {
  const events: string[] = [];
  let doc = TextDocument.create('file:///a.infra.yaml', 'infra-yaml', 1, 'infra: 1\n');
  let modelVersion = 1;
  let finish: ((d: AnalysisDone) => void) | undefined;
  const analyser: Analyser = {
    run: (job) => new Promise((resolve) => { events.push(`worker starts v${job.version}`); finish = resolve; }),
    cancel: () => undefined,
  };
  const service = {
    catchUp: () => undefined,
    adoptFindings: () => undefined,
    bringForward: (d: TextDocument) => {
      if (d.version === modelVersion) return false;
      catchUpCost();
      modelVersion = d.version;
      events.push(`request thread at v${d.version}`);
      return true;
    },
  } as unknown as LanguageService;
  const connection = { sendDiagnostics: async (p: { version?: number }) => { events.push(`diagnostics v${p.version}`); }, console: { error: (m: string) => assert.fail(m) } } as unknown as Connection;
  const documents = { get: () => doc, all: () => [doc] } as unknown as TextDocuments<TextDocument>;
  const settings = { rules: async () => ({}) } as unknown as Settings;
  const publisher = new DiagnosticsPublisher(connection, documents, service, settings, { analyser, sideBySideMs });
  const answer = (): void => finish!({ id: 0, diagnostics: '[]', findings: '[]', ms: 5, parse: { incremental: true, entries: 1 } } as AnalysisDone & { id: number });
  const edit = (): TextDocument => (doc = TextDocument.update(doc, [{ text: `# ${doc.version}\n` }], doc.version + 1));
  return { events, publisher, answer, edit };
}

const tick = (ms = 0): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('request thread catch-up', function () {
  this.timeout(30_000);

  it('brings the model forward while the worker analyses once a catch-up proved cheap', async () => {
    const { events, publisher, answer, edit } = setup(() => undefined, 10_000);
    const publish = async (): Promise<void> => {
      const p = publisher.publish('file:///a.infra.yaml');
      await tick();
      answer();
      await p;
    };
    edit();
    await publish();
    // unknown cost: only the quiet pause brings it forward (and measures it)
    assert.deepEqual(events, ['worker starts v2', 'diagnostics v2']);
    await tick(CATCH_UP_QUIET_MS + 100);
    assert.deepEqual(events.slice(2), ['request thread at v2']);
    edit();
    await publish();
    assert.deepEqual(events.slice(3), ['worker starts v3', 'request thread at v3', 'diagnostics v3']);
  });

  it('keeps waiting for the quiet pause when a catch-up was slow', async () => {
    const { events, publisher, answer, edit } = setup(() => { const end = performance.now() + 60; while (performance.now() < end); }, 1);
    const publish = async (): Promise<void> => {
      const p = publisher.publish('file:///a.infra.yaml');
      await tick();
      answer();
      await p;
    };
    edit();
    await publish();
    await tick(CATCH_UP_QUIET_MS + 100);
    edit();
    await publish();
    assert.deepEqual(events, ['worker starts v2', 'diagnostics v2', 'request thread at v2', 'worker starts v3', 'diagnostics v3']);
  });
});
