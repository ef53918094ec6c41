/** Per-node counters of a run, bucketed by tick: arrivals, served, dropped, busy time. */
import type { NodeTickStats } from '../../../../common/webviewProtocol';

interface NodeCounters {
  readonly arrivals: Float64Array;
  readonly drops: Float64Array;
  /** Capacity in requests per second (Infinity for users and DNS). */
  readonly capacity: number;
}

export class TickStats {
  private readonly nodes = new Map<string, NodeCounters>();

  constructor(private readonly ticks: number, private readonly tickMs: number) {}

  register(id: string, capacity: number): void {
    if (!this.nodes.has(id)) this.nodes.set(id, { arrivals: new Float64Array(this.ticks), drops: new Float64Array(this.ticks), capacity });
  }

  arrive(id: string, at: number): void {
    const n = this.nodes.get(id);
    if (n) n.arrivals[this.tickOf(at)]! += 1;
  }

  drop(id: string, at: number): void {
    const n = this.nodes.get(id);
    if (n) n.drops[this.tickOf(at)]! += 1;
  }

  /** Per-tick snapshots with cumulative served and dropped counts. */
  snapshots(): Record<string, NodeTickStats>[] {
    const steps = this.snapshotSteps(Infinity);
    for (;;) {
      const r = steps.next();
      if (r.done) return r.value;
    }
  }

  /** The same, yielding after every `slice` nodes. */
  *snapshotSteps(slice: number): Generator<void, Record<string, NodeTickStats>[]> {
    const out: Record<string, NodeTickStats>[] = Array.from({ length: this.ticks }, () => ({}));
    const perSecond = 1000 / this.tickMs;
    let done = 0;
    for (const [id, n] of this.nodes) {
      if (++done % slice === 0) yield;
      let served = 0;
      let dropped = 0;
      for (let i = 0; i < this.ticks; i++) {
        const arrivals = n.arrivals[i]!;
        dropped += n.drops[i]!;
        served += arrivals - n.drops[i]!;
        const load = arrivals * perSecond;
        out[i]![id] = { load: round(load), utilisation: Number.isFinite(n.capacity) ? round(load / n.capacity, 3) : 0, served, dropped };
      }
    }
    return out;
  }

  private tickOf(at: number): number {
    return Math.min(this.ticks - 1, Math.max(0, Math.floor(at / this.tickMs)));
  }
}

function round(x: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
