/**
 * "Fix all": applies preferred fixes one at a time, re-analysing after each,
 * so that every fix sees the design as the previous one left it (two fixes
 * never fight over the same lines). Bounded, and stops when nothing changes.
 */
import { analyzeText, reportedFindings, RuleSettings } from '../analyze';
import type { RuleCode } from '../findings';
import { applyEdits } from './edits';
import { quickFixes } from './fixes';

export interface FixAllResult {
  readonly text: string;
  /** Titles of the fixes applied, in order. */
  readonly applied: readonly string[];
}

export function fixAll(text: string, codes?: ReadonlySet<RuleCode>, settings: RuleSettings = {}, maxSteps = 60): FixAllResult {
  const applied: string[] = [];
  const stuck = new Set<string>();
  let current = text;
  for (let step = 0; step < maxSteps; step++) {
    const a = analyzeText(current);
    const candidates = reportedFindings(a, settings).filter((f) => (!codes || codes.has(f.code)) && (f.severity === 'error' || f.severity === 'warning' || codes) && !stuck.has(`${f.code}@${f.message}`));
    let progressed = false;
    for (const f of candidates) {
      const preferred = quickFixes(a, f).find((q) => q.preferred);
      const next = preferred ? applyEdits(current, preferred.edits) : current;
      if (!preferred || next === current) { stuck.add(`${f.code}@${f.message}`); continue; }
      current = next;
      applied.push(preferred.title);
      progressed = true;
      break;
    }
    if (!progressed) break;
  }
  return { text: current, applied };
}
