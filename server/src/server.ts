/**
 * The Infra YAML language server for Node: makes the connection (stdio or
 * IPC, from the command line) and hands it to the shared wiring, with
 * the analysis kept and the requests that read it answered on a worker
 * thread (features/analysisPool.ts).
 * Run standalone with `node dist/server.js --stdio` for any LSP client.
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { AnalysisPool } from './features/analysisPool';
import { DiagnosticsPublisher } from './features/diagnostics';
import { exitOnFramingErrors } from './features/framing';
import { ruleDocs } from './features/ruleDocs';
import { CANCEL_UNDISPATCHED } from './features/runner';
import { serverPreflight } from './cli/info';
import { startServer } from './startServer';
import { crashOnMarker, TEST_CRASH_VARIABLE } from './features/testCrash';
import { BENCH_HEAP_VARIABLE, HEAP_REQUEST, heapReport } from './features/heapReport';
import { HeapTrimmer } from './features/heapTrim';
import { localRequester } from './features/modelRequests';
import { TEST_THREADS_REQUEST, TEST_THREADS_VARIABLE, ThreadsReport } from './features/testThreads';
import { withQuickCompletion } from './features/quickAnswers';
import { VERSION } from './version';

// --version, --help, or no transport given: answer and exit before making a connection.
const preflight = serverPreflight(process.argv.slice(2));
if (preflight) {
  if (preflight.out !== undefined) process.stdout.write(preflight.out + '\n');
  if (preflight.err !== undefined) process.stderr.write(preflight.err + '\n');
  process.exit(preflight.code);
}

const connection = createConnection(ProposedFeatures.all, CANCEL_UNDISPATCHED);
const docsBase = process.env.INFRA_YAML_DOCS_BASE ?? pathToFileURL(path.resolve(__dirname, '..', 'docs', 'rules')).href;
// dist/analysisWorker.js sits beside this bundle; without it (or if it cannot start) the pool analyses in-thread.
const testThreads = process.env[TEST_THREADS_VARIABLE];
const workerFile = testThreads === 'no-worker' ? undefined : path.join(__dirname, 'analysisWorker.js');
const pool = new AnalysisPool(workerFile, (m) => connection.console.error(m));

connection.onExit(() => pool.dispose());
process.on('uncaughtException', (e) => connection.console.error(`uncaught: ${e.stack ?? e.message}`));

// Over stdio a framing error would leave us alive but deaf: exit instead.
if (process.argv.includes('--stdio')) exitOnFramingErrors(process.stdin, (m) => process.stderr.write(`${m}\n`), (code) => process.exit(code));

// The request thread builds its own analysis rarely (the first request, the catch-up after a pause)
// and then answers from it: the garbage of building it would stay in the heap until the next analysis
// without a collection right after it (features/heapTrim.ts). One collection per turn at most.
const trimmer = new HeapTrimmer();
let trimQueued = false;
let analysesHere = 0;
const analysed = (): void => {
  analysesHere++;
  if (trimQueued) return;
  trimQueued = true;
  setImmediate(() => { trimQueued = false; trimmer.trim(); });
};

// The worker keeps the only analysis: it gets a copy of the documents and answers the requests that
// read the model; completion answers from the text when the worker is in a phase it cannot split.
const { documents } = startServer(connection, {
  docsBase,
  analysed,
  mirror: pool,
  configured: (o) => pool.configure(o),
  requests: (scope) => {
    pool.attach({ documents: () => scope.all(), local: localRequester(scope) });
    return withQuickCompletion(pool, scope, () => pool.busy);
  },
  version: VERSION,
  ruleDocs: ruleDocs(),
  diagnostics: (c, docs, service, settings, currentDocsBase) => new DiagnosticsPublisher(c, docs, service, settings, { analyser: pool, docsBase: currentDocsBase }),
});
// The e2e suite's crash (features/testCrash.ts): armed only by the server's environment.
crashOnMarker(documents, process.env[TEST_CRASH_VARIABLE], (m) => process.stderr.write(`${m}\n`), (code) => process.exit(code));
// The server tests' question of where the analyses are (features/testThreads.ts): armed only by the server's environment.
if (testThreads) connection.onRequest(TEST_THREADS_REQUEST, (): ThreadsReport => ({ requestThreadAnalyses: analysesHere, worker: pool.hasWorker }));
// The memory benchmark's per-thread heap report (features/heapReport.ts): armed only by the server's environment.
if (process.env[BENCH_HEAP_VARIABLE] === '1') {
  connection.onRequest(HEAP_REQUEST, async (p: { collect?: boolean } | undefined) => {
    const collect = !!p?.collect;
    return { request: heapReport(collect), worker: await pool.heap(collect), rss: process.memoryUsage.rss() };
  });
}
