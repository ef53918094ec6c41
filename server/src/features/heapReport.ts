/**
 * For the memory benchmark only (scripts/bench-memory.mjs): a request that
 * reports the heap of each thread of the server — the request thread and the
 * analysis worker — since the process's RSS alone cannot say which holds what.
 * Only the server's environment arms it (INFRA_YAML_BENCH_HEAP=1); without the
 * variable nothing is registered. Node only.
 */
import * as v8 from 'node:v8';

export const BENCH_HEAP_VARIABLE = 'INFRA_YAML_BENCH_HEAP';
export const HEAP_REQUEST = 'infraYaml/benchHeap';

/** One isolate's heap, in bytes. */
export interface HeapReport {
  /** Live and not yet collected objects. */
  readonly used: number;
  /** What the heap has reserved from the system (what shows in the RSS). */
  readonly committed: number;
  /** Used bytes per space: new (young generation), old, code, large objects... */
  readonly spaces: Readonly<Record<string, number>>;
  /** Committed bytes per space. */
  readonly spacesCommitted: Readonly<Record<string, number>>;
  /** Whether a full collection ran first (then `used` is what the thread retains). */
  readonly collected: boolean;
}

/** This thread's heap; `collect` runs a full collection first when the process has `--expose-gc`. */
export function heapReport(collect: boolean): HeapReport {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (collect && gc) gc();
  const h = v8.getHeapStatistics();
  const spaces: Record<string, number> = {};
  const spacesCommitted: Record<string, number> = {};
  for (const s of v8.getHeapSpaceStatistics()) {
    const name = s.space_name.replace(/_space$/, '');
    spaces[name] = s.space_used_size;
    spacesCommitted[name] = s.physical_space_size;
  }
  return { used: h.used_heap_size, committed: h.total_physical_size, spaces, spacesCommitted, collected: collect && !!gc };
}
