/**
 * "Fix all": per rule, one analysis and the preferred fixes of all its
 * findings applied together; a fix whose edits touch the same text as a fix
 * already taken waits for the next pass, which sees the design as this pass
 * left it. No cap on the number of fixes: passes stop when nothing changes
 * (each pass fixes at least one finding), and the result says how many
 * findings of the rules asked for are left for a manual change.
 */
import { Analysis, analyzeText, ReportedFinding, reportedFindings, RuleSettings } from '../analyze';
import type { RuleCode } from '../findings';
import { applyEdits, TextEditData } from './edits';
import { quickFixes } from './fixes';

export interface FixAllResult {
  readonly text: string;
  /** Titles of the fixes applied, in order. */
  readonly applied: readonly string[];
  /** Findings of the requested rules still there afterwards (no fix, or a fix that did not remove them). */
  readonly remaining: number;
}

const overlaps = (a: TextEditData, b: TextEditData): boolean =>
  a.span.start === b.span.start || (a.span.start < b.span.end && b.span.start < a.span.end);

/** The preferred fixes of `findings` that do not touch each other's text. */
function onePass(a: Analysis, findings: readonly ReportedFinding[]): { edits: TextEditData[]; titles: string[] } {
  const edits: TextEditData[] = [];
  const titles: string[] = [];
  for (const f of findings) {
    const preferred = quickFixes(a, f).find((q) => q.preferred);
    if (!preferred || preferred.edits.some((e) => edits.some((x) => overlaps(e, x)))) continue;
    for (const e of preferred.edits) edits.push(e);
    titles.push(preferred.title);
  }
  return { edits, titles };
}

export function fixAll(text: string, codes?: ReadonlySet<RuleCode>, settings: RuleSettings = {}): FixAllResult {
  const applied: string[] = [];
  const wanted = (f: ReportedFinding): boolean => (codes ? codes.has(f.code) : f.severity === 'error' || f.severity === 'warning');
  let current = text;
  let a = analyzeText(current);
  let progressed = true;
  // Each pass removes at least one finding, so this ends; the bound only guards against a fix that undoes another.
  for (let pass = 0; progressed && pass < 1000; pass++) {
    progressed = false;
    const byCode = new Map<RuleCode, ReportedFinding[]>();
    for (const f of reportedFindings(a, settings)) {
      if (!wanted(f)) continue;
      const list = byCode.get(f.code);
      if (list) list.push(f);
      else byCode.set(f.code, [f]);
    }
    for (const [, findings] of byCode) {
      const before = findings.length;
      const { edits, titles } = onePass(a, findings);
      const next = edits.length ? applyEdits(current, edits) : current;
      if (next === current) continue;
      const b = analyzeText(next);
      const total = (x: Analysis): number => reportedFindings(x, settings).filter(wanted).length;
      // A batch that leaves the design worse (two fixes that interact) is dropped.
      if (total(b) >= total(a) && reportedFindings(b, settings).filter((x) => x.code === findings[0]!.code).length >= before) continue;
      current = next;
      a = b;
      for (const title of titles) applied.push(title);
      progressed = true;
      break;
    }
  }
  return { text: current, applied, remaining: reportedFindings(a, settings).filter(wanted).length };
}
