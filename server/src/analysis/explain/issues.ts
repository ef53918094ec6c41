/**
 * "Issues with this infrastructure": every reported finding, grouped by
 * theme, each with its consequence ("Why it matters") and its repair ("How
 * to fix") taken from the rule's own page, so the text is the rule docs'
 * text. Then the trade-offs every design has, findings or not.
 */
import type { Analysis, ReportedFinding } from '../analyze';
import type { RuleCode } from '../findings';
import { RULES_BY_CODE } from '../rules';
import { listNames, plural } from '../rules/text';
import { esc, Linker, section } from './text';

export const THEMES = ['availability', 'security', 'operations', 'capacity', 'cost', 'the file itself'] as const;
export type Theme = (typeof THEMES)[number];

const BY_CODE: Partial<Record<RuleCode, Theme>> = {
  'shared-server': 'capacity', 'missing-monitoring': 'operations',
};

export function themeOf(code: RuleCode): Theme {
  const explicit = BY_CODE[code];
  if (explicit) return explicit;
  const family = RULES_BY_CODE.get(code)?.family;
  if (family === 'validation') return 'the file itself';
  if (family === 'dns') return 'availability';
  return (family as Theme | undefined) ?? 'operations';
}

/** The page of a rule (Markdown), as the adapter finds it; undefined when there is none. */
export type RuleDocs = (code: RuleCode) => string | undefined;

export function issues(a: Analysis, findings: readonly ReportedFinding[], link: Linker, docs: RuleDocs, lineOf: (offset: number) => number): string[] {
  const out = ['## Issues', ''];
  if (!findings.length) out.push('No finding: every check passes. The trade-offs below still hold.', '');
  for (const theme of THEMES) {
    const mine = findings.filter((f) => themeOf(f.code) === theme);
    if (!mine.length) continue;
    out.push(`### ${theme[0]!.toUpperCase()}${theme.slice(1)}`, '');
    for (const f of mine) {
      const page = docs(f.code);
      out.push(`- **${f.severity}** \`${f.code}\` at ${link(`line ${lineOf(f.span.start)}`, f.span)}: ${esc(f.message)}`);
      const why = section(page, 'Why it matters') ?? RULES_BY_CODE.get(f.code)?.title;
      const fix = section(page, 'How to fix');
      if (why) out.push(`  - *Consequence:* ${indent(why)}`);
      if (fix) out.push(`  - *Repair:* ${indent(fix)}`);
    }
    out.push('');
  }
  for (const line of tradeOffs(a, link)) out.push(line);
  out.push('');
  return out;
}

const indent = (s: string): string => s.split('\n').join('\n    ');

/** Cost and what is still shared: true of every design, findings or not. */
function tradeOffs(a: Analysis, link: Linker): string[] {
  const t = a.topology;
  const hosts = [...t.hosts.values()];
  const machines = hosts.reduce((n, h) => n + (h.implicit ? Math.max(1, h.components[0]?.replicas?.value ?? 1) : 1), 0);
  const out = ['## Trade-offs', ''];
  out.push(`- **Cost:** ${plural(machines, 'machine')} to pay for, patch and watch, running ${plural(t.components.size, 'component')}.`);
  const crowded = hosts.filter((h) => h.server && h.components.length > 1);
  for (const h of crowded) {
    out.push(`- **Shared:** ${link(h.name, h.server!.nameSpan)} runs ${listNames(h.components.map((c) => link(c.name, c.nameSpan)), 50)}: they compete for its CPU, memory and disk, and one crash or reboot stops them all.`);
  }
  const zones = new Set(hosts.map((h) => h.props.zone?.value).filter((z): z is string => z !== undefined));
  if (zones.size <= 1) out.push(`- **Shared:** ${zones.size ? `every machine is in zone ${esc([...zones][0]!)}` : 'no machine names a zone, so all may share one data centre'}: a power or network loss there takes the whole design down.`);
  const dbs = [...t.components.values()].filter((c) => t.kindOf(c) === 'database');
  const primaries = dbs.filter((c) => t.isPrimary(c));
  if (primaries.length) out.push(`- **Writes:** every write goes to ${listNames(primaries.map((c) => link(c.name, c.nameSpan)), 20)}; replicas add read capacity, not write capacity.`);
  out.push('- **Maintenance:** updating a component means restarting it; with one instance that is downtime, with several a rolling deploy leaves the others to carry the load meanwhile.');
  return out;
}
