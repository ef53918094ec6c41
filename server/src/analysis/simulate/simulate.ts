/**
 * The request-flow simulation: Poisson arrivals at `qps` for `ticks ×
 * tickMs` of simulated time, each request a read or a write, resolved by DNS
 * and routed through the design (see router.ts), queueing at each component
 * (see station.ts). Deterministic for a seed. Returns per-tick node load and
 * a sample of requests to animate, and a summary that carries the failure
 * engine's verdict for the same failures, so the two can be compared.
 */
import type { SampledRequest, SimulationParams, SimulationResult, SimulationSummary, Tick } from '../../../../common/webviewProtocol';
import type { Analysis } from '../analyze';
import type { Topology } from '../model/topology';
import type { Component } from '../model/types';
import { offeredLoad } from '../engine/load';
import { DEFAULT_CAPACITY, DEFAULT_LATENCY_MS } from '../vocabulary';
import { componentId, dnsId, USERS_ID } from '../view/diagram';
import { Balancers } from './balancer';
import { deploySteps } from './deploy';
import { buildOutage } from './outage';
import { exponentialGap, seededRandom } from './random';
import { Router, Visit } from './router';
import { Station } from './station';
import { TickStats } from './stats';

/**
 * Bounds of one run. Requests are capped outright; the per-tick node table
 * (ticks × nodes, the bulk of the result) is capped by design size, so a
 * 10,000-component design gets fewer ticks instead of a 100 MB answer.
 */
export const LIMITS = { maxRequests: 100_000, maxTicks: 600, clients: 64, maxCells: 500_000 } as const;
const DNS_MS = 1;
/** Requests (or nodes, for the tick table) between two yields of `simulateSteps`. */
export const SLICE = 256;

interface Outcome { readonly cls: 'read' | 'write'; readonly ok: boolean; readonly latency: number; readonly service: number }

/** How one run differs from the design as written (the deploy's blue-green step doubles a tier). */
export interface FlowOptions {
  /** Components whose capacity counts twice: a green copy runs beside the blue one. */
  readonly doubled?: ReadonlySet<string>;
}

/** The whole run at once (tests, the CLI). */
export function simulate(a: Analysis, params: SimulationParams): SimulationResult {
  const steps = simulateSteps(a, params);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/**
 * The run in slices: yields after every `SLICE` requests and `SLICE` nodes of
 * the tick table, so a caller can let other work through between slices and
 * stop when the run is no longer wanted. Same result as `simulate`.
 */
export function* simulateSteps(a: Analysis, params: SimulationParams): Generator<void, SimulationResult> {
  return params.deploy ? yield* deploySteps(a, params, params.deploy, flowSteps) : yield* flowSteps(a, params);
}

/** One run of the request flow with the given failures (and options). */
export function* flowSteps(a: Analysis, params: SimulationParams, options: FlowOptions = {}): Generator<void, SimulationResult> {
  const t = a.topology;
  const nodes = t.components.size + t.services.length + 1;
  const ticks = Math.max(1, Math.min(LIMITS.maxTicks, Math.floor(LIMITS.maxCells / nodes), Math.floor(params.ticks)));
  const tickMs = Math.max(10, params.tickMs);
  const fixed = params.requests !== undefined ? Math.max(0, Math.min(LIMITS.maxRequests, Math.floor(params.requests))) : undefined;
  const qps = fixed !== undefined ? (fixed * 1000) / (ticks * tickMs) : Math.max(0, Math.min(params.qps, (LIMITS.maxRequests * 1000) / (ticks * tickMs)));
  const random = seededRandom(params.seed);
  const outage = buildOutage(t, a.failures(), params.failed);
  const stations = new Map<Component, Station>();
  const stats = new TickStats(ticks, tickMs);
  stats.register(USERS_ID, Infinity);
  for (const s of t.services) stats.register(dnsId(s.host), Infinity);
  for (const c of t.components.values()) {
    const station = stationFor(t, c, outage.lostInstances(c), options.doubled?.has(c.name) ? 2 : 1);
    stations.set(c, station);
    stats.register(componentId(c.name), station.capacity);
  }
  const stationOf = (c: Component): Station => stations.get(c)!;
  const promoted = new Set<string>();
  const router = new Router(t, outage, new Balancers(stationOf, random), stationOf, {
    arrive: (c, at) => stats.arrive(componentId(c.name), at),
    promoted: (text) => promoted.add(text),
  });
  const samples: SampledRequest[][] = Array.from({ length: ticks }, () => []);
  const stride = Math.max(1, Math.ceil((qps * tickMs) / 1000 / (params.sampleRate ?? 12)));
  const outcomes: Outcome[] = [];
  const reasons = new Map<string, number>();
  const end = ticks * tickMs;
  // Evenly spaced arrivals when a count is fixed, Poisson otherwise.
  const gap = (): number => (fixed !== undefined ? end / Math.max(fixed, 1) : exponentialGap(random, qps / 1000));
  let now = qps > 0 && t.services.length ? (fixed !== undefined ? 0 : gap()) : Infinity;
  for (let id = 0; now < end && (fixed === undefined || id < fixed); id++, now += gap()) {
    if (id % SLICE === SLICE - 1) yield;
    const cls = random() < params.readShare ? 'read' : 'write';
    const client = `client-${Math.floor(random() * LIMITS.clients)}`;
    const serviceIndex = Math.floor(random() * t.services.length);
    const service = t.services[serviceIndex]!;
    stats.arrive(USERS_ID, now);
    stats.arrive(dnsId(service.host), now);
    const entry = router.entry(service, client, random, now);
    const visits: Visit[] = [];
    const routed = router.visit(entry, cls, client, -1, now + DNS_MS, visits);
    if (!routed.ok) {
      const last = visits[visits.length - 1];
      if (last) stats.drop(componentId(last.node.name), last.at);
      reasons.set(routed.reason ?? 'failed', (reasons.get(routed.reason ?? 'failed') ?? 0) + 1);
    }
    outcomes.push({ cls, ok: routed.ok, latency: routed.end - now, service: serviceIndex });
    const tick = Math.min(ticks - 1, Math.floor(now / tickMs));
    const bucket = samples[tick]!;
    if (id % stride === 0 || (!routed.ok && bucket.filter((r) => !r.ok).length < 3)) {
      bucket.push(sample(id, cls, client, now - tick * tickMs, service.host, visits, routed.ok, routed.reason));
    }
  }
  const table = yield* stats.snapshotSteps(SLICE);
  const tickList: Tick[] = table.map((n, index) => ({ index, nodes: n, requests: samples[index]! }));
  return { params: { ...params, ticks, tickMs, qps }, ticks: tickList, summary: { ...summarize(outcomes, end, outage.expected(), promoted, reasons, t.services.map((x) => x.host)), offered: offered(t, qps, params.readShare, params.failed.length === 0) } };
}

/**
 * The static model's load per drawn node at this qps (the inlay hints' figure):
 * the users send `qps`, split evenly over the DNS names, and on through the
 * design; past the DNS names only while nothing is failed (`healthy`).
 */
function offered(t: Topology, qps: number, readShare: number, healthy: boolean): Record<string, number> {
  const out: Record<string, number> = { [USERS_ID]: qps };
  for (const s of t.services) out[dnsId(s.host)] = (out[dnsId(s.host)] ?? 0) + qps / t.services.length;
  if (!healthy) return out;
  for (const [c, l] of offeredLoad(t, qps, readShare)) out[componentId(c.name)] = l.reads + l.writes;
  return out;
}

function stationFor(t: Topology, c: Component, lost: number, factor: number): Station {
  const kind = t.kindOf(c);
  const instances = Math.max(1, c.replicas?.value ?? 1);
  const one = c.capacity?.value ?? (kind ? DEFAULT_CAPACITY[kind] : 1000);
  const latency = c.latency?.value ?? (kind ? DEFAULT_LATENCY_MS[kind] : 5);
  return new Station(one * factor * Math.max(instances - lost, 0.001), latency);
}

function sample(id: number, cls: 'read' | 'write', client: string, start: number, host: string, visits: readonly Visit[], ok: boolean, reason: string | undefined): SampledRequest {
  // The path is users → DNS name → the visited components; parents are implied by order
  // except where a component called several groups (the webview draws hops by edge).
  const path = [USERS_ID, dnsId(host), ...visits.map((v) => componentId(v.node.name))];
  const base = visits[0]?.at ?? 0;
  const at = [0, 0, ...visits.map((v) => round(v.at - base + DNS_MS))];
  const parents = [-1, 0, ...visits.map((v) => (v.parent < 0 ? 1 : v.parent + 2))];
  return { id, cls, client, start: round(start), path, at, parents, ok, ...(reason ? { reason } : {}) };
}

function summarize(outcomes: readonly Outcome[], durationMs: number, expected: ReturnType<ReturnType<typeof buildOutage>['expected']>, promoted: Set<string>, reasons: Map<string, number>, hosts: readonly string[]): SimulationSummary {
  const cls = (c: 'read' | 'write', service?: number) => {
    const all = outcomes.filter((o) => o.cls === c && (service === undefined || o.service === service));
    const ok = all.filter((o) => o.ok).length;
    return { sent: all.length, ok, successRate: all.length ? ok / all.length : 1 };
  };
  const latencies = outcomes.filter((o) => o.ok).map((o) => o.latency).sort((x, y) => x - y);
  const pct = (p: number): number => (latencies.length ? round(latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!) : 0);
  return {
    read: cls('read'), write: cls('write'),
    throughput: round((latencies.length * 1000) / durationMs),
    p50: pct(0.5), p95: pct(0.95),
    expected: expected.map((e) => ({ service: e.service.host, read: e.read, write: e.write })),
    promoted: [...promoted].sort(),
    reasons: [...reasons].map(([reason, count]) => ({ reason, count })).sort((x, y) => y.count - x.count).slice(0, 8),
    services: hosts.map((service, i) => ({ service, read: cls('read', i), write: cls('write', i) })),
  };
}

function round(x: number): number {
  return Math.round(x * 10) / 10;
}
