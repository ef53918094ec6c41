/**
 * A full garbage collection after the request thread built an analysis, when
 * its heap has grown well past what it kept after the last one. The request
 * thread builds its own analysis rarely (the first request on a document, the
 * catch-up once typing pauses) and then only answers from it, allocating
 * little: nothing makes V8 collect the hundred-odd megabytes that building a
 * 10,000-component analysis leaves behind, so they stayed in the heap through
 * the whole next burst of typing. Collecting then costs one pause of tens of
 * milliseconds (marking the kept analysis) per analysis here.
 *
 * The analysis worker runs `trim` after each job: after the open of a large
 * design it collects the whole-file parse's garbage (about 130 MB at 10k);
 * an edit leaves ~12 MB, and a small design too little, to collect again.
 * Node only (`node:v8`, `node:vm`).
 */
import * as v8 from 'node:v8';
import * as vm from 'node:vm';

/** Growth allowed past the live heap before collecting: a fraction of it, and a floor so small designs never pay. */
const GROWTH = 0.5;
const SLACK_BYTES = 48 * 1024 * 1024;

type Gc = () => void;
let collector: Gc | undefined | null = null;

/** V8's `gc`, exposed for this process (the flag is read when a context is made), or undefined when it cannot be. */
function gcFunction(): Gc | undefined {
  if (collector !== null) return collector;
  try {
    v8.setFlagsFromString('--expose-gc');
    const f: unknown = vm.runInNewContext('gc');
    collector = typeof f === 'function' ? (f as Gc) : undefined;
  } catch {
    collector = undefined;
  }
  return collector;
}

export class HeapTrimmer {
  /** Heap used after this thread's last collection here. */
  private live = 0;
  /** Collections run. */
  collections = 0;

  /** Collects when the heap has grown past the live heap by more than the allowed growth; true when it did. */
  trim(): boolean {
    const used = v8.getHeapStatistics().used_heap_size;
    if (used <= this.live * (1 + GROWTH) + SLACK_BYTES) return false;
    const gc = gcFunction();
    if (!gc) return false;
    gc();
    this.collections++;
    this.live = v8.getHeapStatistics().used_heap_size;
    return true;
  }
}
