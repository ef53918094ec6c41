import * as assert from 'node:assert/strict';
import { IDLE_TRIM_MS, Timers, TrimSchedule } from '../../server/src/features/trimSchedule';

/** A clock moved by hand: timers fire when `advance` passes their time. */
class FakeClock implements Timers {
  now = 0;
  private next = 1;
  private readonly due = new Map<number, { at: number; f: () => void }>();
  setTimeout(f: () => void, ms: number): unknown {
    const id = this.next++;
    this.due.set(id, { at: this.now + ms, f });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.due.delete(handle as number);
  }
  advance(ms: number): void {
    const end = this.now + ms;
    for (;;) {
      const first = [...this.due.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!first) break;
      this.due.delete(first[0]);
      this.now = first[1].at;
      first[1].f();
    }
    this.now = end;
  }
}

describe('when the analysis worker runs its full collection', () => {
  it('collects on the next turn after a whole-file parse', () => {
    const clock = new FakeClock();
    let trims = 0;
    const s = new TrimSchedule(() => trims++, clock);
    s.afterJob(true);
    clock.advance(0);
    assert.equal(trims, 1);
    assert.equal(s.scheduled, false);
  });

  it('never collects while the user keeps typing, and once after they pause', () => {
    const clock = new FakeClock();
    let trims = 0;
    const s = new TrimSchedule(() => trims++, clock);
    // 40 keystrokes 150 ms apart: each brings a change and a job, some a hover between them
    for (let i = 0; i < 40; i++) {
      s.activity(); // the change
      clock.advance(30);
      s.afterJob(false); // its job
      clock.advance(50);
      if (i % 3 === 0) s.activity(); // a hover
      clock.advance(70);
    }
    assert.equal(trims, 0, 'a collection ran in the middle of typing');
    assert.equal(s.scheduled, true);
    clock.advance(IDLE_TRIM_MS - 71);
    assert.equal(trims, 0, 'collected before the worker had been quiet for the idle time');
    clock.advance(1);
    assert.equal(trims, 1);
    clock.advance(10 * IDLE_TRIM_MS);
    assert.equal(trims, 1, 'one collection per pause');
  });

  it('a request with nothing scheduled schedules nothing', () => {
    const clock = new FakeClock();
    let trims = 0;
    const s = new TrimSchedule(() => trims++, clock);
    s.activity();
    clock.advance(10 * IDLE_TRIM_MS);
    assert.equal(trims, 0);
    assert.equal(s.scheduled, false);
  });

  it('a whole-file parse during typing collects at once', () => {
    const clock = new FakeClock();
    let trims = 0;
    const s = new TrimSchedule(() => trims++, clock);
    s.afterJob(false);
    clock.advance(200);
    s.afterJob(true); // a paste that the re-parse could not splice
    clock.advance(0);
    assert.equal(trims, 1);
    clock.advance(10 * IDLE_TRIM_MS);
    assert.equal(trims, 1, 'the edit\'s pending collection was replaced, not added');
  });
});
