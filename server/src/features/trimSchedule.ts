/**
 * When the analysis worker runs its full collection (HeapTrimmer.trim). A full collection of a
 * 10,000-component analysis stops the worker for 130–170 ms, and the worker also answers hover and
 * completion: run after whichever edit's job crossed the trimmer's threshold, it landed in the
 * middle of typing every 10–20 keystrokes, and held that keystroke's squiggles and the requests
 * behind it (a burst of typing at 10k ended 90–210 ms after its last keystroke instead of ~40).
 *
 * - After a whole-file parse (an open, a refresh) the garbage is large and comes at once, before
 *   anyone types: collect on the next turn, which keeps the peak low.
 * - After an edit, collect once the worker has been quiet (no job, request or change) for
 *   `idleMs`: by then typing has paused, and nobody waits for the pause.
 *
 * Pure: the timers are passed in, so the policy is tested without a worker or a clock.
 */
export const IDLE_TRIM_MS = 1000;

export interface Timers {
  setTimeout(f: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export class TrimSchedule {
  private pending: unknown;

  constructor(
    private readonly trim: () => void,
    private readonly timers: Timers = { setTimeout: (f, ms) => setTimeout(f, ms), clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>) },
    private readonly idleMs = IDLE_TRIM_MS,
  ) {}

  /** A job finished; `wholeFile` when it parsed the whole document rather than an edit's entries. */
  afterJob(wholeFile: boolean): void {
    this.cancel();
    this.pending = this.timers.setTimeout(() => { this.pending = undefined; this.trim(); }, wholeFile ? 0 : this.idleMs);
  }

  /** A message came in (the user is at work): a collection waiting for quiet waits longer. */
  activity(): void {
    if (this.pending !== undefined) this.afterJob(false);
  }

  /** Whether a collection is scheduled. */
  get scheduled(): boolean {
    return this.pending !== undefined;
  }

  private cancel(): void {
    if (this.pending !== undefined) this.timers.clearTimeout(this.pending);
    this.pending = undefined;
  }
}
