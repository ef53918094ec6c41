/**
 * The typed protocol of the preview: the data the server computes (diagram
 * model, simulation result) and the messages between the extension and the
 * webview. Imported by the server, the client and the webview alike, so it
 * must stay free of runtime imports (but for common/floats.ts, which has none).
 */
import type { DiagramChanges } from './diagramChanges';
import { decodeFloats, encodeFloats } from './floats';

/** Zero-based line/character, the LSP shape (declared here so the webview needs no LSP package). */
export interface Position { readonly line: number; readonly character: number }
export interface Range { readonly start: Position; readonly end: Position }

export type Severity = 'error' | 'warning' | 'information' | 'hint';
export type SeverityCounts = Readonly<Record<Severity, number>>;

export type NodeKind = 'users' | 'dns' | 'load-balancer' | 'web-server' | 'app-server' | 'database' | 'cache' | 'cdn' | 'queue' | 'storage' | 'unknown';

/** A failure unit as the simulation names it: `component:NAME`, `server:NAME` or `zone:NAME`. */
export type UnitId = string;

export interface Badges {
  /** Whether the machine has a firewall (absent or false: none). */
  readonly firewall: boolean;
  /** The monitoring agent, `true` when unnamed, `false` when none. */
  readonly monitoring: string | boolean;
}

/** What nodes and frames share: badges, findings, the unit to fail, and where they are in the file. */
export interface DiagramItem {
  /** Server badges (on servers, and on components with a server of their own). */
  readonly badges?: Badges;
  readonly findings: SeverityCounts;
  /** Rule codes of its findings, e.g. single-point-of-failure. */
  readonly codes: readonly string[];
  /** The failure unit clicking it fails; absent for users/DNS (and replicated components on a declared server). */
  readonly unit?: UnitId;
  /** Where its name is (revealed on click) and its whole definition (for cursor highlight). */
  readonly nameRange?: Range;
  readonly range?: Range;
}

export interface DiagramNode extends DiagramItem {
  readonly id: string;
  readonly kind: NodeKind;
  readonly label: string;
  readonly software?: string;
  /** `replicas: N`; drawn as a stacked card with ×N when above 1. */
  readonly instances: number;
  /** The group (server, cluster or zone frame) that holds it, if any. */
  readonly parent?: string;
  readonly role?: 'primary' | 'replica';
  readonly algorithm?: string;
  readonly tls?: string;
  readonly certificate?: string;
  /** A second line in place of kind · software (an overview's tier: "web server on 6 servers, 2 zones"). */
  readonly detail?: string;
}

export type EdgeSecurity = 'encrypted' | 'plain' | 'terminated-plain';

export interface DiagramEdge {
  readonly id: string;
  readonly source: string;
  readonly target: string;
  /** request: a `to:` hop; resolve: DNS answer; lookup: user → DNS; replication: replica ← primary. */
  readonly kind: 'request' | 'resolve' | 'lookup' | 'replication';
  readonly security: EdgeSecurity;
}

export interface DiagramGroup extends DiagramItem {
  readonly id: string;
  /** `tier`: an opened tier of the overview, holding its members. */
  readonly kind: 'server' | 'zone' | 'cluster' | 'tier';
  readonly label: string;
  readonly parent?: string;
  readonly mode?: string;
}

export interface DiagramModel {
  readonly title: string;
  readonly nodes: readonly DiagramNode[];
  readonly edges: readonly DiagramEdge[];
  readonly groups: readonly DiagramGroup[];
  /** `traffic:` of the design, the defaults of the simulation controls. */
  readonly traffic: { readonly qps: number; readonly readShare: number };
  /** On large designs, the tiers of the overview (the preview's default view there). */
  readonly tiers?: readonly DiagramTier[];
}

/**
 * Components of one kind and one name stem across the design ("web" for
 * web-0-1 … web-132-2), drawn as one node in the overview of a large design.
 */
export interface DiagramTier {
  readonly id: string;
  readonly kind: NodeKind;
  /** The name stem, e.g. `web`. */
  readonly label: string;
  /** Node ids, in design order. */
  readonly members: readonly string[];
  /** Distinct machines and zones the members run on. */
  readonly servers: number;
  readonly zones: number;
  /** The members' findings added up, and the union of their rule codes. */
  readonly findings: SeverityCounts;
  readonly codes: readonly string[];
}

// ---------------------------------------------------------------- simulation

export interface SimulationParams {
  readonly seed: number;
  readonly qps: number;
  /** Share of requests that only read, 0..1. */
  readonly readShare: number;
  /** Failed units (`component:web-1`, `server:server-1`, `zone:eu-1a`). */
  readonly failed: readonly UnitId[];
  readonly ticks: number;
  readonly tickMs: number;
  /** Exactly this many requests, evenly spaced, instead of Poisson arrivals at `qps` (tests, teaching). */
  readonly requests?: number;
  /** At most this many requests per tick are returned for animation (all are counted). */
  readonly sampleRate?: number;
  /** Instead of one run: a deploy of every tier, one step at a time (see DeployTimeline). */
  readonly deploy?: DeployMode;
}

/** `rolling`: each instance of a tier out in turn, then back; `blue-green`: a second copy of the tier runs during the switch. */
export type DeployMode = 'rolling' | 'blue-green';

/** What a step of a deploy did to the service: nothing, some requests failed, a class failed for every user, or instances got more than they serve. */
export type DeployMark = 'ok' | 'errors' | 'downtime' | 'overload';

/** One step of a deploy: a short run of the simulation with one instance out (rolling) or a tier doubled (blue-green). */
export interface DeployStep {
  /** The tier deployed, e.g. `web-1/web-2`; empty for the steps before and after. */
  readonly tier: string;
  /** What the step does, e.g. "web-1 out" or "green copy of web-1/web-2 takes the traffic". */
  readonly label: string;
  /** The unit taken out, if any (`component:web-1`). */
  readonly out?: UnitId;
  readonly read: number;
  readonly write: number;
  /** Share of all requests that succeeded, 0..1. */
  readonly success: number;
  /** Median and 95th-percentile latency (ms) of the successful requests. */
  readonly p50: number;
  readonly p95: number;
  readonly mark: DeployMark;
  /** Why the step is marked, in words (empty for ok). */
  readonly why: string;
}

export interface DeployTimeline {
  readonly mode: DeployMode;
  /** Simulated milliseconds per step. */
  readonly stepMs: number;
  readonly steps: readonly DeployStep[];
  /** Each tier deployed and the worst mark of its steps. */
  readonly tiers: readonly { readonly name: string; readonly members: readonly string[]; readonly mark: DeployMark }[];
}

export type RequestClass = 'read' | 'write';

/** One animated request: the nodes it visits, with arrival offsets in ms from its start. */
export interface SampledRequest {
  readonly id: number;
  readonly cls: RequestClass;
  /** The simulated client (its address decides ip-hash). */
  readonly client: string;
  /** Offset within its tick (ms) at which it starts. */
  readonly start: number;
  readonly path: readonly string[];
  readonly at: readonly number[];
  /** Index in `path` of the node that sent each hop (-1 for the first). */
  readonly parents: readonly number[];
  readonly ok: boolean;
  /** Why it failed, e.g. "web-1 is down (server server-1 failed)". */
  readonly reason?: string;
}

export interface NodeTickStats {
  /** Arrivals per second during the tick. */
  readonly load: number;
  /** Busy share of its capacity, 0..1+. */
  readonly utilisation: number;
  /** Cumulative since the start. */
  readonly served: number;
  readonly dropped: number;
}

export interface Tick {
  readonly index: number;
  readonly requests: readonly SampledRequest[];
  readonly nodes: Readonly<Record<string, NodeTickStats>>;
}

export interface ClassSummary {
  readonly sent: number;
  readonly ok: number;
  /** ok / sent, 0..1 (1 when nothing was sent). */
  readonly successRate: number;
}

export interface SimulationSummary {
  readonly read: ClassSummary;
  readonly write: ClassSummary;
  /** Successful requests per second. */
  readonly throughput: number;
  readonly p50: number;
  readonly p95: number;
  /** What the static failure engine says about the same failures, per service. */
  readonly expected: readonly { readonly service: string; readonly read: boolean; readonly write: boolean }[];
  /** Databases promoted by automatic failover, and passive members that took over. */
  readonly promoted: readonly string[];
  /** Most common failure reasons with counts. */
  readonly reasons: readonly { readonly reason: string; readonly count: number }[];
  /**
   * Requests per second each node is offered at this qps by the static model
   * (the editor's inlay hints), by node id: the users and DNS names always,
   * the components only while nothing is failed.
   */
  readonly offered?: Readonly<Record<string, number>>;
  /** Per service (DNS name): what its users saw. */
  readonly services?: readonly { readonly service: string; readonly read: ClassSummary; readonly write: ClassSummary }[];
}

export interface SimulationResult {
  readonly params: SimulationParams;
  readonly ticks: readonly Tick[];
  readonly summary: SimulationSummary;
  /** Present when the parameters asked for a deploy. */
  readonly deploy?: DeployTimeline;
}

/**
 * A simulation result as the preview reads it: each tick's per-node
 * statistics in one flat array of numbers instead of an object per node per
 * tick (at 1,000 components 57,000 objects and 4 MB of JSON, which took the
 * preview's main thread 0.2–0.3 s to receive).
 * `stats[(tick × ids.length + i) × 4 + k]` is, for node `ids[i]`, k = 0 load,
 * 1 utilisation, 2 served, 3 dropped; a load of -1 marks a node absent from that tick.
 */
export interface PackedResult extends Omit<SimulationResult, 'ticks'> {
  readonly ticks: readonly Omit<Tick, 'nodes'>[];
  readonly ids: readonly string[];
  readonly stats: ArrayLike<number>;
}

/**
 * The same as the extension posts it: the figures as one base64 string of
 * doubles (common/floats.ts), which the page receives and decodes in a few
 * milliseconds where a JSON array of 226,000 numbers took it about 40 ms.
 */
export interface PostedResult extends Omit<PackedResult, 'stats'> {
  readonly stats: string;
}

export const STATS_PER_NODE = 4;

export function packResult(r: SimulationResult): PostedResult {
  const index = new Map<string, number>();
  for (const t of r.ticks) for (const id of Object.keys(t.nodes)) if (!index.has(id)) index.set(id, index.size);
  const stats = new Float64Array(r.ticks.length * index.size * STATS_PER_NODE);
  r.ticks.forEach((t, k) => {
    const base = k * index.size;
    for (let i = 0; i < index.size; i++) stats[(base + i) * STATS_PER_NODE] = -1;
    for (const [id, s] of Object.entries(t.nodes)) {
      const at = (base + index.get(id)!) * STATS_PER_NODE;
      stats[at] = s.load; stats[at + 1] = s.utilisation; stats[at + 2] = s.served; stats[at + 3] = s.dropped;
    }
  });
  return { ...r, ticks: r.ticks.map(({ nodes: _nodes, ...t }) => t), ids: [...index.keys()], stats: encodeFloats(stats) };
}

/** The posted result with its figures decoded; undefined when they are not one set of figures per node per tick. */
export function unpackResult(r: PostedResult): PackedResult | undefined {
  const stats = decodeFloats(r.stats);
  if (!stats || !Array.isArray(r.ticks) || !Array.isArray(r.ids) || stats.length !== r.ticks.length * r.ids.length * STATS_PER_NODE) return undefined;
  return { ...r, stats };
}

// ---------------------------------------------------------------- messages

/** Extension → webview. */
export type ToWebview =
  /** `version`: the number `diagramChanges` name their base by (absent from a diagram no changes will follow). */
  | { readonly type: 'diagram'; readonly uri: string; readonly model: DiagramModel; readonly locked?: boolean; readonly version?: number }
  /** The next version as what changed since version `changes.base` (common/diagramChanges.ts); a page without that version asks for the whole with `ready`. */
  | { readonly type: 'diagramChanges'; readonly uri: string; readonly changes: DiagramChanges; readonly version: number; readonly locked?: boolean }
  | { readonly type: 'notice'; readonly text: string | null }
  | { readonly type: 'simulation'; readonly requestId: number; readonly result: PostedResult }
  | { readonly type: 'simulationError'; readonly requestId: number; readonly error: string }
  | { readonly type: 'cursor'; readonly position: Position }
  | { readonly type: 'exported'; readonly ok: boolean; readonly text: string };

/** Webview → extension. */
export type FromWebview =
  | { readonly type: 'ready' }
  | { readonly type: 'reveal'; readonly nodeId: string; readonly range: Range }
  | { readonly type: 'simulate'; readonly requestId: number; readonly params: SimulationParams }
  | { readonly type: 'export'; readonly format: 'svg' | 'png'; readonly data: string }
  /** "Export as…": the other formats (Mermaid, DOT, D2, draw.io), written by the server. */
  | { readonly type: 'exportAs' }
  | { readonly type: 'log'; readonly level: 'info' | 'error'; readonly text: string };

/** What the webview keeps with `setState`, restored by the panel serializer. */
export interface WebviewState {
  readonly uri?: string;
  readonly zoom?: number;
  readonly pan?: { readonly x: number; readonly y: number };
  readonly selected?: string;
  readonly failed?: readonly UnitId[];
  /** The flow direction chosen for this document (kept across edits so the picture never flips). */
  readonly direction?: 'RIGHT' | 'DOWN';
  /** Whether the preview is pinned to this document (else it follows the active editor). */
  readonly locked?: boolean;
  /** On a large design: the full detail instead of the overview, and the tiers opened in the overview. */
  readonly detail?: boolean;
  readonly opened?: readonly string[];
  /** Whether the view is the fitted one (then a resize re-fits it). */
  readonly fitted?: boolean;
}

export const PREVIEW_VIEW_TYPE = 'infraYaml.preview';

// ---------------------------------------------------------------- validation

/** Limits on what the webview may ask for; anything outside them is ignored. */
export const MESSAGE_LIMITS = { text: 10_000, id: 1_000, failed: 10_000, qps: 1_000_000, ticks: 1_000, tickMs: 10_000, requests: 1_000_000, sampleRate: 10_000, exportChars: 64 * 1024 * 1024 } as const;

type Obj = Readonly<Record<string, unknown>>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isInt = (v: unknown, min: number, max: number): v is number => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
const isNum = (v: unknown, min: number, max: number): v is number => typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max;
const isStr = (v: unknown, max: number): v is string => typeof v === 'string' && v.length <= max;

function position(v: unknown): Position | undefined {
  if (!isObj(v) || !isInt(v.line, 0, 10_000_000) || !isInt(v.character, 0, 10_000_000)) return undefined;
  return { line: v.line, character: v.character };
}

function range(v: unknown): Range | undefined {
  if (!isObj(v)) return undefined;
  const start = position(v.start);
  const end = position(v.end);
  if (!start || !end || start.line > end.line || (start.line === end.line && start.character > end.character)) return undefined;
  return { start, end };
}

/** Only the known parameters, each in range: nothing else (a `uri`, say) gets through. */
function simulationParams(v: unknown): SimulationParams | undefined {
  const L = MESSAGE_LIMITS;
  if (!isObj(v) || !isNum(v.seed, -Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER) || !isNum(v.qps, 0, L.qps) || !isNum(v.readShare, 0, 1)) return undefined;
  if (!Array.isArray(v.failed) || v.failed.length > L.failed || !v.failed.every((u) => isStr(u, L.id))) return undefined;
  if (!isInt(v.ticks, 1, L.ticks) || !isNum(v.tickMs, 1, L.tickMs)) return undefined;
  if (v.requests !== undefined && !isInt(v.requests, 0, L.requests)) return undefined;
  if (v.sampleRate !== undefined && !isInt(v.sampleRate, 0, L.sampleRate)) return undefined;
  if (v.deploy !== undefined && v.deploy !== 'rolling' && v.deploy !== 'blue-green') return undefined;
  return {
    seed: v.seed, qps: v.qps, readShare: v.readShare, failed: [...(v.failed as string[])], ticks: v.ticks, tickMs: v.tickMs,
    ...(v.requests !== undefined ? { requests: v.requests as number } : {}),
    ...(v.sampleRate !== undefined ? { sampleRate: v.sampleRate as number } : {}),
    ...(v.deploy !== undefined ? { deploy: v.deploy as DeployMode } : {}),
  };
}

const SVG_START = /^\s*(<\?xml[^>]*\?>\s*)?<svg[\s>]/;
const PNG_DATA = /^data:image\/png;base64,[A-Za-z0-9+/]+={0,2}$/;

/**
 * A message from the webview as the typed protocol allows it, or undefined.
 * The webview runs design strings and is treated as untrusted: every field is
 * checked and copied, so that unknown fields never reach the extension.
 */
export function parseFromWebview(m: unknown): FromWebview | undefined {
  if (!isObj(m)) return undefined;
  const L = MESSAGE_LIMITS;
  switch (m.type) {
    case 'ready': return { type: 'ready' };
    case 'reveal': {
      const r = range(m.range);
      return r && isStr(m.nodeId, L.id) ? { type: 'reveal', nodeId: m.nodeId, range: r } : undefined;
    }
    case 'simulate': {
      const params = simulationParams(m.params);
      return params && isInt(m.requestId, 0, Number.MAX_SAFE_INTEGER) ? { type: 'simulate', requestId: m.requestId, params } : undefined;
    }
    case 'export': {
      if (!isStr(m.data, L.exportChars)) return undefined;
      if (m.format === 'svg' && SVG_START.test(m.data)) return { type: 'export', format: 'svg', data: m.data };
      if (m.format === 'png' && PNG_DATA.test(m.data)) return { type: 'export', format: 'png', data: m.data };
      return undefined;
    }
    case 'exportAs': return { type: 'exportAs' };
    case 'log':
      return (m.level === 'info' || m.level === 'error') && typeof m.text === 'string' ? { type: 'log', level: m.level, text: m.text.slice(0, L.text) } : undefined;
    default: return undefined;
  }
}
