/**
 * parse → model → rules → results. One `Analysis` per document version,
 * computed lazily where it can be (the failure model) and cached by callers.
 *
 * After an edit (`analyzeEdit`) each phase redoes only what the edit can have changed: the re-parse
 * parses the entries it touched (parse/incremental.ts), the model builds those entries again and
 * moves the others (model/build.ts), the topology and failure model stand when the edit changed
 * nothing they are built from, and a rule runs again only when the edit changed something it reads
 * (`Rule.reads`); the findings of the others are those of the previous version, moved. Whatever the
 * path, the result is what `analyzeText` gives (test/unit/incremental.test.ts).
 */
import type { Pair } from 'yaml';
import { buildFailureModel, FailureModel, renamedUnit } from './engine/failures';
import { forgetOfferedLoad } from './engine/load';
import { Finding, FindingCollector, RuleCode, Severity } from './findings';
import { BuiltEntry, buildModel, Renamed, same } from './model/build';
import { added, buildTopology, forgetNames, Rekind, rekinded, renamed, retargeted, rewired, Topology } from './model/topology';
import type { Component } from './model/types';
import type { Design } from './model/types';
import { Change, reparse } from './parse/incremental';
import { ParsedYaml, parseYaml } from './parse/yamlDocument';
import { RULES, RULES_BY_CODE } from './rules';
import { FAILURE_INPUTS, LOAD_INPUTS, MODEL_INPUTS, Rule, RuleContext, TopologyPart } from './rules/types';
import { suppressions } from './suppress';

export interface Analysis {
  readonly parsed: ParsedYaml;
  readonly design: Design;
  readonly topology: Topology;
  failures(): FailureModel;
  /** Every finding, before settings and suppressions. */
  findings(): readonly Finding[];
  /**
   * Runs the rules as `findings()` does, yielding after each rule family that ran some rule, so that a
   * caller (the analysis worker) can answer requests in between; returns the findings. `findings()`
   * called in a pause finishes the same run.
   */
  findingSteps(): Generator<void, readonly Finding[]>;
  /** The findings if they are computed or adopted already, without running the rules; `undefined` otherwise. */
  knownFindings(): readonly Finding[] | undefined;
  /** Takes the findings of the same text computed elsewhere (a worker), so they are not computed twice; a function is called on first use. */
  adoptFindings(findings: readonly Finding[] | (() => readonly Finding[])): void;
  /** Milliseconds per rule family of the last `findings()` run. */
  readonly timings: Map<string, number>;
  /** How the text was parsed: whole, or by re-parsing the entries an edit touched (`analyzeEdit`). */
  readonly parse: { readonly incremental: boolean; readonly entries: number };
  /** What this version took over from the previous one (`analyzeEdit`); all built anew after `analyzeText`. */
  readonly reuse: Reuse;
}

export interface Reuse {
  /** Entries of servers, components and dns built again (the others are the previous version's, moved). */
  readonly entriesBuilt: number;
  /** Whether the topology (and the failure model, when it was built and the edit left its inputs) was kept. */
  readonly topologyKept: boolean;
  /** Components whose edited `to:` list was taken into the kept topology (it resolves to the targets it had). */
  readonly retargeted: number;
  /** Whether the kept topology took in an edit of `to:` lists that changed their targets (the edges updated in place; the failure model and the rules that read edges run again, `Rule.topology`). */
  readonly rewired: boolean;
  /** Whether the kept topology took in an edit of components' kinds (no cluster or database concerned; the rules that read kinds run again, `Rule.topology`). */
  readonly rekinded: boolean;
  /** Whether, after such a kind edit, the failure model and the offered load stood (no load balancer or cache concerned, the edited sent to by load balancers only: `Rekind`). */
  readonly enginesKept: boolean;
  /** Whether the set of server and component names was taken over without listing them again (an edit that renames nothing). */
  readonly namesKept: boolean;
  /** Whether the kept topology took in a component renamed in place (no reference or other definition reads either name, `renamed`). */
  readonly renamed: boolean;
  /** Whether the kept topology took in a component added that nothing names and that names nothing (`added`; the failure model is built again). */
  readonly added: boolean;
  /** Rules that ran for `findings()` (the others' findings were the previous version's, moved); unset until then. */
  rulesRun?: number;
}

/** Severity per rule code; `off` drops the rule. */
export type RuleSettings = Partial<Record<RuleCode, Severity | 'off'>>;

export interface ReportedFinding extends Finding {
  readonly severity: Severity;
}

/** One rule's findings in one version, with their offsets as they were then (the findings' spans may be the model's, which later edits move). */
interface RuleRun {
  readonly findings: readonly Finding[];
  readonly offsets: readonly number[];
}

/** What a version keeps for the next one. */
interface Kept {
  readonly entries: WeakMap<Pair, BuiltEntry>;
  readonly names: ReadonlySet<string>;
  readonly design: Design;
  readonly topology: Topology;
  failures?: FailureModel;
  rules?: Map<RuleCode, RuleRun>;
  /**
   * While this version's rules have not run to the end (its job was superseded in a pause between
   * rule families, or before them): the rule runs it started from, with the change and the keys
   * changed since them. The next version starts from those, so that a burst of typing, whose
   * jobs are superseded one after another, never falls back to running every rule (~300 ms at 10k).
   */
  pending?: Earlier;
}

/** Rule runs of an earlier version, and what changed since: the text region, the model's keys, the parts of the topology updated in place and the names components renamed in place had (in lower case). */
interface Earlier {
  readonly runs: Map<RuleCode, RuleRun>;
  readonly change: Change | undefined;
  readonly changed: ReadonlySet<string>;
  readonly updated: ReadonlySet<TopologyPart>;
  readonly renamed: ReadonlySet<string>;
  /** Whether a component was added in place since (`added`): a rule that suggests names may suggest it. */
  readonly added: boolean;
}

/** The rule runs the previous version finished (or started from), with this edit's changes added. */
function earlierRuns(from: From, changed: ReadonlySet<string>, updated: readonly TopologyPart[], names: readonly string[] = [], add = false): Earlier | undefined {
  const renames = names.map((n) => n.toLowerCase());
  if (from.kept.rules) return { runs: from.kept.rules, change: from.change, changed, updated: new Set(updated), renamed: new Set(renames), added: add };
  const p = from.kept.pending;
  return p && { runs: p.runs, change: composeChanges(p.change, from.change), changed: new Set([...p.changed, ...changed]), updated: new Set([...p.updated, ...updated]), renamed: new Set([...p.renamed, ...renames]), added: p.added || add };
}

/**
 * Whether a rule's earlier findings stand: it reads none of the keys changed and no part of the
 * topology updated in place, and after a rename none of its findings says a name the renamed
 * components had (in any case: the message, a related place's, the repair), nor, for a rule that
 * suggests names (`Rule.names`), is there any finding (after a component added too).
 */
function stands(rule: Rule, e: Earlier, run: RuleRun): boolean {
  if (!rule.reads || rule.reads.some((k) => e.changed.has(k))) return false;
  for (const part of e.updated) if (!rule.topology || rule.topology.includes(part)) return false;
  if ((e.added || e.renamed.size > 0) && rule.names && run.findings.length > 0) return false;
  if (e.renamed.size === 0) return true;
  const says = (text: string): boolean => { const l = text.toLowerCase(); for (const n of e.renamed) if (l.includes(n)) return true; return false; };
  return !run.findings.some((f) => says(f.message) || f.related?.some((r) => says(r.message)) || (f.data !== undefined && says(JSON.stringify(f.data))));
}

const kept = new WeakMap<ParsedYaml, Kept>();

/** Keys an edit can change without changing the topology (every other key is one it is built from). */
const OUTSIDE_TOPOLOGY: ReadonlySet<string> = new Set<string>(MODEL_INPUTS);

const TOP_LEVEL = ['infra', 'name', 'domain', 'lesson', 'traffic'] as const;

export function analyzeText(text: string): Analysis {
  return analyzeParsed(parseYaml(text), { incremental: false, entries: 0 });
}

/**
 * The analysis of `text`, an edit of `prev`'s text: only the entries the edit
 * touched are parsed again (parse/incremental.ts); anything the re-parse is not
 * sure of, or fails on, is parsed whole. The findings are those of `analyzeText(text)`.
 * `prev`'s tree and model are reused in place: `prev` must not be used afterwards. Only
 * its `parsed` part is read, so a caller may keep just that between versions.
 */
export function analyzeEdit(prev: Pick<Analysis, 'parsed'>, text: string): Analysis {
  try {
    const before = kept.get(prev.parsed);
    const r = reparse(prev.parsed, text);
    if (r) return analyzeParsed(r.parsed, { incremental: true, entries: r.entries }, before && { kept: before, change: r.change, replaced: r.replaced });
  } catch {
    // a re-parse or reuse that fails for any reason is no reason to fail the analysis: parse whole below
  }
  return analyzeText(text);
}

interface From {
  readonly kept: Kept;
  /** Undefined when the text is the same. */
  readonly change: Change | undefined;
  readonly replaced: readonly Pair[];
}

function analyzeParsed(parsed: ParsedYaml, parse: Analysis['parse'], from?: From): Analysis {
  const delta = from?.change ? from.change.newEnd - from.change.oldEnd : 0;
  const built = buildModel(parsed, from && { entries: from.kept.entries, replaced: from.replaced, names: from.kept.names, delta });
  const changed = new Set<string>(built.changed);
  let topology: Topology;
  let failures: FailureModel | undefined;
  let earlier: Earlier | undefined;
  const keeps = from && keepsTopology(from.kept, built, changed);
  let rekind: Rekind | undefined;
  // The offered load and the failure model of the kept topology stand unless the edit changed what they read besides it.
  const keepEngines = (t: Topology, k: Kept): void => {
    if (LOAD_INPUTS.some((x) => changed.has(x))) forgetOfferedLoad(t);
    if (!FAILURE_INPUTS.some((x) => changed.has(x))) failures = k.failures;
  };
  const rename = keeps === 'rename' ? built.renamed[0] : undefined;
  const fresh = keeps === 'add' ? addedComponent(from!.kept.design.components, built.design.components) : undefined;
  if (from && (keeps === true || keeps === 'to')) {
    topology = from.kept.topology;
    (topology as { design: Design }).design = built.design;
    keepEngines(topology, from.kept);
    earlier = earlierRuns(from, changed, []);
  } else if (from && rename && renamed(from.kept.topology, rename.component, rename.from)) {
    // A component renamed that nothing refers to by either name: the topology and the engines stand
    // with the new name; the rules run again that read names or say the old one.
    topology = from.kept.topology;
    (topology as { design: Design }).design = built.design;
    keepEngines(topology, from.kept);
    if (failures) renamedUnit(failures, rename.component, rename.from);
    earlier = earlierRuns(from, changed, [], [rename.from]);
  } else if (from && fresh && added(from.kept.topology, fresh, built.design)) {
    // A component added that nothing names and that names nothing: the topology takes it in place and
    // the offered load stands (it takes none); the failure model is built again on the new component
    // ids, and the rules run again that go over every component or host (`members`) or read the failures.
    topology = from.kept.topology;
    (topology as { design: Design }).design = built.design;
    earlier = earlierRuns(from, changed, ['members'], [], true);
  } else if (from && (keeps === 'rewire' ? rewired(from.kept.topology, built.edited.filter(isComponent)) : keeps === 'rekind' && (rekind = rekinded(from.kept.topology, built.edited.filter(isComponent))))) {
    // Only `to:` lists changed, and their targets with them, or only kinds: the topology is updated in
    // place, and what reads it (the failure model and the offered load unless a kind edit leaves
    // them standing, the rules but those that read no part updated, `Rule.topology`) is computed again.
    topology = from.kept.topology;
    (topology as { design: Design }).design = built.design;
    if (rekind?.enginesStand) keepEngines(topology, from.kept);
    else forgetOfferedLoad(topology);
    earlier = earlierRuns(from, changed, [keeps === 'rewire' ? 'edges' : 'kind']);
  } else topology = buildTopology(built.design);
  // A kept topology's names for `renamed` stand across renames and edits that changed nothing else.
  if (topology === from?.kept.topology && changed.size > 0) forgetNames(topology);
  const state: Kept = { entries: built.entries, names: built.names, design: built.design, topology, failures, pending: earlier };
  kept.set(parsed, state);

  let findings: readonly Finding[] | undefined;
  let adopted: readonly Finding[] | (() => readonly Finding[]) | undefined;
  const syntax: Finding[] = parsed.errors.map((e) => ({ code: 'yaml-syntax', span: e.span, message: e.message }));
  const timings = new Map<string, number>();
  const reuse: Reuse = { entriesBuilt: built.rebuilt, topologyKept: topology === from?.kept.topology && keeps !== 'rewire' && keeps !== 'rekind', renamed: topology === from?.kept.topology && keeps === 'rename', added: topology === from?.kept.topology && keeps === 'add', rewired: topology === from?.kept.topology && keeps === 'rewire', rekinded: topology === from?.kept.topology && keeps === 'rekind', enginesKept: rekind?.enginesStand === true, retargeted: keeps === 'to' ? built.edited.filter(isComponent).length : 0, namesKept: built.names === from?.kept.names };
  const analysis: Analysis = {
    parsed, design: built.design, topology, timings, parse, reuse,
    failures: () => (failures ??= state.failures = buildFailureModel(topology)),
    adoptFindings(f) { adopted ??= f; },
    knownFindings: () => findings ?? (adopted ? analysis.findings() : undefined),
    findings() {
      const steps = analysis.findingSteps();
      let r = steps.next();
      while (!r.done) r = steps.next();
      return r.value;
    },
    *findingSteps() {
      if (findings) return findings;
      if (adopted) return (findings = typeof adopted === 'function' ? adopted() : adopted);
      running ??= runRules();
      // Shared with a `findings()` called in a pause: whoever asks next carries the same run on.
      for (;;) {
        let r: IteratorResult<void, void>;
        try {
          r = running.next();
        } catch (e) {
          running = undefined; // a rule that threw: the next call runs the rules again, as before
          throw e;
        }
        if (r.done) return findings!;
        yield;
      }
    },
  };
  let running: Generator<void, void> | undefined;
  function* runRules(): Generator<void, void> {
    const ctx: RuleContext = {
      design: built.design, topology, failures: analysis.failures,
      parseFindings: syntax.concat(built.findings),
      readShare: built.design.traffic?.reads?.value ?? 0.9,
    };
    const all = new FindingCollector();
    const runs = new Map<RuleCode, RuleRun>();
    let ran = 0;
    let family = RULES[0]!.family;
    let ranInFamily = false;
    for (const rule of RULES) {
      if (rule.family !== family) {
        if (ranInFamily) yield;
        family = rule.family;
        ranInFamily = false;
      }
      const last = earlier?.runs.get(rule.code);
      let run = last && stands(rule, earlier!, last) ? moved(last, earlier!.change) : undefined;
      if (!run) {
        const t0 = performance.now();
        const fs = rule.check(ctx);
        timings.set(rule.family, (timings.get(rule.family) ?? 0) + performance.now() - t0);
        run = { findings: fs, offsets: offsetsOf(fs) };
        ran++;
        ranInFamily = true;
      }
      runs.set(rule.code, run);
      all.add(rule.code, run.findings);
    }
    state.rules = runs;
    state.pending = undefined;
    earlier = undefined;
    reuse.rulesRun = ran;
    findings = all.findings.sort((a, b) => a.span.start - b.span.start || a.code.localeCompare(b.code));
  }
  return analysis;
}

/**
 * Whether the previous topology stands for the new design: the same servers, components and DNS
 * names in the same order (the objects of entries the edit did not touch, or edited in place), and
 * no change of a key the topology is built from. Adds the top-level keys whose values changed to `changed`.
 */
function keepsTopology(kept: Kept, built: { readonly design: Design; readonly edited: readonly object[]; readonly renamed: readonly Renamed[] }, changed: Set<string>): boolean | 'to' | 'rewire' | 'rekind' | 'rename' | 'add' {
  const before = kept.design;
  const after = built.design;
  for (const k of TOP_LEVEL) if (!same(before[k], after[k], false)) changed.add(k);
  for (const k of changed) if (k !== 'to' && k !== 'kind' && !OUTSIDE_TOPOLOGY.has(k)) return false;
  if (!(sameItems(before.servers, after.servers) && sameItems(before.dns, after.dns))) return false;
  // One component added, nothing else changed: the topology may take it in place (`added`).
  // (`addedComponent` tells whether the one more is an insertion, once, in analyzeParsed.)
  if (!sameItems(before.components, after.components)) return changed.size === 0 && built.renamed.length === 0 && after.components.length === before.components.length + 1 ? 'add' : false;
  // A component renamed in place, and nothing else changed: the topology may take the new name (`renamed`).
  if (built.renamed.length > 0) return built.renamed.length === 1 && changed.size === 0 ? 'rename' : false;
  // Kinds edited (and no `to:` list): the topology may take them in place (`rekinded`).
  if (changed.has('kind')) return changed.has('to') ? false : 'rekind';
  // A `to:` list edited: kept when each edited list still resolves to the targets it had (typing a
  // name that names nothing yet). Only components have `to`; the other edited objects are skipped.
  if (changed.has('to')) {
    for (const o of built.edited) if (isComponent(o) && !retargeted(kept.topology, o)) return 'rewire';
    return 'to';
  }
  return true;
}

/** Of the objects the model builder edited in place, the components (the only ones with `to:`). */
function isComponent(o: object): o is Component {
  return 'to' in o;
}

/** The one item of `b` that is not `a`'s, when `b` is `a` with it inserted somewhere. */
function addedComponent(a: readonly Component[], b: readonly Component[]): Component | undefined {
  if (b.length !== a.length + 1) return undefined;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  for (let j = i; j < a.length; j++) if (a[j] !== b[j + 1]) return undefined;
  return b[i];
}

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * One change for two in a row (`a` from W to X, then `b` from X to Y): the region of X either
 * touched, with its ends in W's and in Y's coordinates. It may take in unchanged text between
 * them, which only makes the rules with findings there run again.
 */
export function composeChanges(a: Change | undefined, b: Change | undefined): Change | undefined {
  if (!a) return b;
  if (!b) return a;
  const start = Math.min(a.start, b.start);
  const endInX = Math.max(a.newEnd, b.oldEnd);
  return { start, oldEnd: endInX - a.newEnd + a.oldEnd, newEnd: endInX - b.oldEnd + b.newEnd };
}

/** Every offset of some findings, in order: each finding's span, then its related places'. */
function offsetsOf(fs: readonly Finding[]): number[] {
  const out: number[] = [];
  for (const f of fs) {
    out.push(f.span.start, f.span.end);
    for (const r of f.related ?? []) out.push(r.span.start, r.span.end);
  }
  return out;
}

/**
 * A rule's previous findings moved through the edit: offsets before the changed text stay, those
 * after it move by the length difference. Undefined when an offset falls in or at the edge of the
 * changed text (where the finding would start or end then is not known): the rule runs again.
 */
function moved(run: RuleRun, c: Change | undefined): RuleRun | undefined {
  if (!c) return run;
  const d = c.newEnd - c.oldEnd;
  const offsets = new Array<number>(run.offsets.length);
  for (let i = 0; i < offsets.length; i++) {
    const x = run.offsets[i]!;
    if (x < c.start) offsets[i] = x;
    else if (x > c.oldEnd) offsets[i] = x + d;
    else return undefined;
  }
  let i = 0;
  const at = (): { start: number; end: number } => ({ start: offsets[i++]!, end: offsets[i++]! });
  const findings = run.findings.map((f): Finding => {
    const span = at();
    return f.related ? { ...f, span, related: f.related.map((r) => ({ ...r, span: at() })) } : { ...f, span };
  });
  return { findings, offsets };
}

/** Findings after rule settings and `# infra-yaml-disable-next-line` comments. */
export function reportedFindings(a: Analysis, settings: RuleSettings = {}): ReportedFinding[] {
  const silenced = suppressions(a.parsed.text);
  const out: ReportedFinding[] = [];
  for (const f of a.findings()) {
    const rule = RULES_BY_CODE.get(f.code)?.severity;
    const severity = settings[f.code] ?? rule ?? 'warning';
    if (severity === 'off') continue;
    if (silenced.silences(f.code, f.span.start, a.parsed.lineCounter)) continue;
    out.push({ ...f, severity });
  }
  return out;
}
