/**
 * parse → model → rules → results. One `Analysis` per document version,
 * computed lazily where it can be (the failure model) and cached by callers.
 */
import { buildFailureModel, FailureModel } from './engine/failures';
import { Finding, FindingCollector, RuleCode, Severity } from './findings';
import { buildModel } from './model/build';
import { buildTopology, Topology } from './model/topology';
import type { Design } from './model/types';
import { reparse } from './parse/incremental';
import { ParsedYaml, parseYaml } from './parse/yamlDocument';
import { RULES, RULES_BY_CODE } from './rules';
import type { RuleContext } from './rules/types';
import { suppressions } from './suppress';

export interface Analysis {
  readonly parsed: ParsedYaml;
  readonly design: Design;
  readonly topology: Topology;
  failures(): FailureModel;
  /** Every finding, before settings and suppressions. */
  findings(): readonly Finding[];
  /** Takes the findings of the same text computed elsewhere (a worker), so they are not computed twice; a function is called on first use. */
  adoptFindings(findings: readonly Finding[] | (() => readonly Finding[])): void;
  /** Milliseconds per rule family of the last `findings()` run. */
  readonly timings: Map<string, number>;
  /** How the text was parsed: whole, or by re-parsing the entries an edit touched (`analyzeEdit`). */
  readonly parse: { readonly incremental: boolean; readonly entries: number };
}

/** Severity per rule code; `off` drops the rule. */
export type RuleSettings = Partial<Record<RuleCode, Severity | 'off'>>;

export interface ReportedFinding extends Finding {
  readonly severity: Severity;
}

export function analyzeText(text: string): Analysis {
  return analyzeParsed(parseYaml(text), { incremental: false, entries: 0 });
}

/**
 * The analysis of `text`, an edit of `prev`'s text: only the entries the edit
 * touched are parsed again (parse/incremental.ts); anything the re-parse is not
 * sure of, or fails on, is parsed whole. The findings are those of `analyzeText(text)`.
 * `prev`'s tree is reused in place: `prev` must not be used afterwards. Only its
 * `parsed` part is read, so a caller may keep just that between versions.
 */
export function analyzeEdit(prev: Pick<Analysis, 'parsed'>, text: string): Analysis {
  try {
    const r = reparse(prev.parsed, text);
    if (r) return analyzeParsed(r.parsed, { incremental: true, entries: r.entries });
  } catch {
    // a re-parse that fails for any reason is no reason to fail the analysis: parse whole below
  }
  return analyzeText(text);
}

function analyzeParsed(parsed: ParsedYaml, parse: Analysis['parse']): Analysis {
  const built = buildModel(parsed);
  const topology = buildTopology(built.design);
  let failures: FailureModel | undefined;
  let findings: readonly Finding[] | undefined;
  let adopted: readonly Finding[] | (() => readonly Finding[]) | undefined;
  const syntax: Finding[] = parsed.errors.map((e) => ({ code: 'yaml-syntax', span: e.span, message: e.message }));
  const timings = new Map<string, number>();
  const analysis: Analysis = {
    parsed, design: built.design, topology, timings, parse,
    failures: () => (failures ??= buildFailureModel(topology)),
    adoptFindings(f) { adopted ??= f; },
    findings() {
      if (findings) return findings;
      if (adopted) return (findings = typeof adopted === 'function' ? adopted() : adopted);
      const ctx: RuleContext = {
        design: built.design, topology, failures: analysis.failures,
        parseFindings: syntax.concat(built.findings),
        readShare: built.design.traffic?.reads?.value ?? 0.9,
      };
      const all = new FindingCollector();
      for (const rule of RULES) {
        const t0 = performance.now();
        all.add(rule.code, rule.check(ctx));
        timings.set(rule.family, (timings.get(rule.family) ?? 0) + performance.now() - t0);
      }
      return (findings = all.findings.sort((a, b) => a.span.start - b.span.start || a.code.localeCompare(b.code)));
    },
  };
  return analysis;
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
