/**
 * For the server tests only: where the analyses are. `INFRA_YAML_TEST_THREADS=1`
 * in the server's environment registers a request that answers how many
 * analyses the request thread has built and whether a worker runs, so a test
 * can check that the worker keeps the only analysis; `=no-worker` also starts
 * the server without its worker, as when none can start. Without the
 * variable nothing changes and nothing is registered.
 */
export const TEST_THREADS_VARIABLE = 'INFRA_YAML_TEST_THREADS';
export const TEST_THREADS_REQUEST = 'infraYaml/test/threads';

/** The answer: analyses built on the request thread since the start, and whether the analysis worker runs. */
export interface ThreadsReport {
  readonly requestThreadAnalyses: number;
  readonly worker: boolean;
}
