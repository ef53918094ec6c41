// The request thread's collection after an analysis (server/src/features/heapTrim.ts): it collects
// when the heap has grown well past what was live, frees that garbage, and does nothing until the
// heap grows again.
import * as assert from 'node:assert/strict';
import * as v8 from 'node:v8';
import { HeapTrimmer } from '../../server/src/features/heapTrim';

const used = (): number => v8.getHeapStatistics().used_heap_size;

describe('heap trimmer', () => {
  it('collects the garbage an analysis left once the heap grew past the live heap, then waits for it to grow again', () => {
    const trimmer = new HeapTrimmer();
    trimmer.trim(); // whatever the suites before left: start from a collected heap
    const live = used();
    // About 80 MB that nothing refers to once built, like the garbage of building a large analysis.
    let garbage: number[][] | undefined = [];
    for (let i = 0; i < 10_000; i++) garbage.push(Array.from({ length: 1000 }, (_, j) => i + j + 0.5));
    garbage = undefined;
    const grown = used();
    assert.ok(grown > live + 60 * 1024 * 1024, `the heap grew (${grown - live} bytes)`);
    const before = trimmer.collections;
    assert.equal(trimmer.trim(), true, 'a collection ran');
    assert.equal(trimmer.collections, before + 1);
    assert.ok(used() < grown - 60 * 1024 * 1024, 'the garbage is gone');
    assert.equal(trimmer.trim(), false, 'nothing grew since: no second collection');
  });
});
