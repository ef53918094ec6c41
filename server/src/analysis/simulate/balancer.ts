/**
 * How a sender picks one of several live alternatives. Load balancers
 * follow their `algorithm`; every other sender (and DNS over a cluster's
 * shared address) alternates, which is what a client library's pool does.
 * State is per sender and target group, so that two groups of one sender
 * rotate independently.
 */
import type { Component } from '../model/types';
import { hashString } from './random';
import type { Station } from './station';

export interface Choice {
  /** The live candidates, in a stable order. */
  readonly live: readonly Component[];
  /** Every candidate (live or not), for ip-hash's stable mapping. */
  readonly all: readonly Component[];
  readonly client: string;
  readonly now: number;
}

interface GroupState {
  counter: number;
  /** Smooth weighted round-robin: current weight per candidate name. */
  readonly current: Map<string, number>;
}

export class Balancers {
  private readonly state = new Map<string, GroupState>();

  constructor(
    private readonly stationOf: (c: Component) => Station,
    private readonly random: () => number,
  ) {}

  choose(sender: Component | undefined, groupKey: string, algorithm: string | undefined, weightOf: (c: Component) => number, choice: Choice): Component {
    const key = `${sender?.name ?? 'dns'}|${groupKey}`;
    let s = this.state.get(key);
    if (!s) this.state.set(key, (s = { counter: 0, current: new Map() }));
    const { live } = choice;
    if (live.length === 1) return live[0]!;
    switch (algorithm) {
      case 'weighted-round-robin': return smoothWeighted(s, live, weightOf);
      case 'least-connections': return this.leastBy(s, live, (c) => this.stationOf(c).inFlight(choice.now));
      case 'least-response-time': return this.leastBy(s, live, (c) => { const st = this.stationOf(c); return st.responseEwma * (st.inFlight(choice.now) + 1); });
      case 'ip-hash': return ipHash(choice);
      case 'random': return live[Math.floor(this.random() * live.length)]!;
      default: return live[s.counter++ % live.length]!;
    }
  }

  /** The least-loaded candidate; ties rotate, so an idle pool still alternates. */
  private leastBy(s: GroupState, live: readonly Component[], cost: (c: Component) => number): Component {
    const offset = s.counter++;
    let best = live[offset % live.length]!;
    let bestCost = cost(best);
    for (let i = 1; i < live.length; i++) {
      const c = live[(offset + i) % live.length]!;
      const v = cost(c);
      if (v < bestCost) { best = c; bestCost = v; }
    }
    return best;
  }
}

/** nginx's smooth weighted round-robin: exact proportions, evenly interleaved. */
function smoothWeighted(s: GroupState, live: readonly Component[], weightOf: (c: Component) => number): Component {
  let total = 0;
  let best: Component | undefined;
  let bestValue = -Infinity;
  for (const c of live) {
    const w = Math.max(0, weightOf(c));
    total += w;
    const v = (s.current.get(c.name) ?? 0) + w;
    s.current.set(c.name, v);
    if (v > bestValue) { best = c; bestValue = v; }
  }
  if (!best || total === 0) return live[s.counter++ % live.length]!;
  s.current.set(best.name, bestValue - total);
  return best;
}

/** The client's backend is fixed by its address; only when it is down does the client move. */
function ipHash(choice: Choice): Component {
  const h = hashString(choice.client);
  const home = choice.all[h % choice.all.length]!;
  return choice.live.includes(home) ? home : choice.live[h % choice.live.length]!;
}
