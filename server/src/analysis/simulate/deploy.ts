/**
 * A deploy of the whole design, tier by tier, as a sequence of short
 * simulation runs. Rolling: each instance of a tier is taken out in turn (and
 * back before the next one goes). Blue-green: a second copy of the tier runs
 * beside it while the traffic switches, so nothing is ever out. Each step is
 * marked from what the run measured: a request class that worked before and
 * now fails for every user of a service is downtime; an instance still running
 * that is sent more requests per second than it serves is overload; fewer
 * successful requests than before, short of that, is errors.
 */
import type { DeployMark, DeployMode, DeployStep, DeployTimeline, SimulationParams, SimulationResult } from '../../../../common/webviewProtocol';
import type { Analysis } from '../analyze';
import { capacityOf } from '../engine/load';
import { tierOf } from '../engine/maintenance';
import type { Topology } from '../model/topology';
import type { Component } from '../model/types';
import { componentId } from '../view/diagram';
import type { flowSteps } from './simulate';

/** One run of the request flow (simulate.ts passes its own, so the two files import in one direction). */
type Flow = typeof flowSteps;

/** Simulated time per step, requests per step at most (a busy design gets shorter steps), and steps at most. */
export const DEPLOY_LIMITS = { stepMs: 2000, minStepMs: 300, tickMs: 100, requestsPerStep: 20_000, maxSteps: 80 } as const;

/** A load this much above what the instances serve is overload (the arrivals are counted, so a little noise is allowed for). */
const OVER = 1.02;
/** A success rate this much below the one before the deploy is errors. */
const ERRORS = 0.01;

interface Tier { readonly name: string; readonly members: readonly Component[] }

const RANK: Readonly<Record<DeployMark, number>> = { ok: 0, errors: 1, overload: 2, downtime: 3 };
const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');

/** The tiers a deploy goes through, in file order: siblings behind one sender, or a component alone. */
export function deployTiers(t: Topology): Tier[] {
  const out: Tier[] = [];
  const seen = new Set<string>();
  for (const c of t.components.values()) {
    if (!t.reachable.has(c)) continue;
    const members = tierOf(t, c);
    const key = members.map((m) => m.name).sort().join('/');
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ name: members.map((m) => m.name).join('/'), members });
  }
  return out;
}

export function* deploySteps(a: Analysis, params: SimulationParams, mode: DeployMode, flow: Flow): Generator<void, SimulationResult> {
  const t = a.topology;
  const { deploy: _mode, ...rest } = params;
  const stepMs = Math.max(DEPLOY_LIMITS.minStepMs, Math.min(DEPLOY_LIMITS.stepMs, (DEPLOY_LIMITS.requestsPerStep * 1000) / Math.max(params.qps, 1)));
  const ticks = Math.max(1, Math.round(stepMs / DEPLOY_LIMITS.tickMs));
  const base: SimulationParams = { ...rest, failed: [], ticks, tickMs: DEPLOY_LIMITS.tickMs, sampleRate: 1 };
  const baseline = yield* flow(a, base);
  const steps: DeployStep[] = [measured('', 'every instance running', undefined, baseline, { mark: 'ok', why: '' })];
  const tiers: DeployTimeline['tiers'][number][] = [];
  for (const tier of deployTiers(t)) {
    if (steps.length >= DEPLOY_LIMITS.maxSteps) break;
    let worst: DeployMark = 'ok';
    for (const plan of plans(tier, mode)) {
      if (steps.length >= DEPLOY_LIMITS.maxSteps) break;
      const run = yield* flow(a, { ...base, failed: plan.out ? [plan.out] : [] }, { doubled: plan.doubled });
      const verdict = judge(t, baseline, run, tier, plan.outComponent);
      steps.push(measured(tier.name, plan.label, plan.out, run, verdict));
      if (RANK[verdict.mark] > RANK[worst]) worst = verdict.mark;
    }
    tiers.push({ name: tier.name, members: tier.members.map((m) => m.name), mark: worst });
  }
  steps.push({ ...steps[0]!, label: mode === 'rolling' ? 'every instance back' : 'the new copies running' });
  return { params, ticks: [], summary: baseline.summary, deploy: { mode, stepMs: ticks * DEPLOY_LIMITS.tickMs, steps, tiers } };
}

interface Plan { readonly label: string; readonly out?: `component:${string}`; readonly outComponent?: Component; readonly doubled?: ReadonlySet<string> }

/** Rolling: one step per instance; blue-green: one step per tier, with the tier doubled. */
function plans(tier: Tier, mode: DeployMode): Plan[] {
  if (mode === 'blue-green') return [{ label: `green copy of ${tier.name} takes the traffic`, doubled: new Set(tier.members.map((m) => m.name)) }];
  return tier.members.flatMap((m) => {
    const n = instances(m);
    return Array.from({ length: n }, (_, i) => ({ label: n > 1 ? `${m.name} instance ${i + 1} of ${n} out` : `${m.name} out`, out: `component:${m.name}` as const, outComponent: m }));
  });
}

const instances = (c: Component): number => Math.max(1, c.replicas?.value ?? 1);

function measured(tier: string, label: string, out: DeployStep['out'], run: SimulationResult, v: { mark: DeployMark; why: string }): DeployStep {
  const s = run.summary;
  const sent = s.read.sent + s.write.sent;
  const step: DeployStep = { tier, label, read: s.read.successRate, write: s.write.successRate, success: sent ? (s.read.ok + s.write.ok) / sent : 1, p50: s.p50, p95: s.p95, mark: v.mark, why: v.why };
  return out ? { ...step, out } : step;
}

/** The worst thing the step's run shows, against the run before the deploy. */
function judge(t: Topology, before: SimulationResult, run: SimulationResult, tier: Tier, out: Component | undefined): { mark: DeployMark; why: string } {
  const down = downtime(before, run);
  if (down) return { mark: 'downtime', why: down };
  const over = overload(t, run, tier, out);
  if (over) return { mark: 'overload', why: over };
  const rate = (r: SimulationResult): number => { const s = r.summary; const n = s.read.sent + s.write.sent; return n ? (s.read.ok + s.write.ok) / n : 1; };
  if (rate(run) < rate(before) - ERRORS) return { mark: 'errors', why: `${((rate(before) - rate(run)) * 100).toFixed(1)}% fewer requests succeed` };
  return { mark: 'ok', why: '' };
}

/** A class that some users of a service got before, and none of them get now. */
function downtime(before: SimulationResult, run: SimulationResult): string | undefined {
  const was = before.summary.services ?? [];
  for (const [i, now] of (run.summary.services ?? []).entries()) {
    for (const cls of ['read', 'write'] as const) {
      if ((was[i]?.[cls].ok ?? 0) > 0 && now[cls].sent > 0 && now[cls].ok === 0) return `every ${cls} to ${now.service} fails`;
    }
  }
  return undefined;
}

/** An instance of the tier still running that is sent more than it serves (arrivals per second over the step). */
function overload(t: Topology, run: SimulationResult, tier: Tier, out: Component | undefined): string | undefined {
  for (const m of tier.members) {
    const n = instances(m);
    if (m === out && n === 1) continue;
    const cap = m === out ? (capacityOf(t, m) * (n - 1)) / n : capacityOf(t, m);
    if (!Number.isFinite(cap)) continue;
    const id = componentId(m.name);
    const load = run.ticks.reduce((sum, k) => sum + (k.nodes[id]?.load ?? 0), 0) / Math.max(1, run.ticks.length);
    if (load > cap * OVER) return `${m.name} is sent ${fmt(load)} requests/s and serves ${fmt(cap)}`;
  }
  return undefined;
}
