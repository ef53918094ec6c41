/**
 * The overview of a large design: its components grouped into tiers by
 * kind and name stem (web-0-1 … web-132-2 → "web"), each tier with the
 * number of machines and zones it runs on and its findings added up. DNS
 * names form one tier too. Computed from the diagram model alone.
 */
import type { DiagramGroup, DiagramNode, DiagramTier, Severity } from '../../../../common/webviewProtocol';
import { addTo } from '../../../../common/addTo';

/** Above this many components the preview opens on the overview. */
export const OVERVIEW_ABOVE = 40;

const SEVERITIES: readonly Severity[] = ['error', 'warning', 'information', 'hint'];

/** `web-0-1` → `web`; a name that starts with a digit keeps its kind as the stem. */
export function stemOf(name: string): string {
  return name.replace(/[-_.]*\d.*$/, '') || name;
}

export function buildTiers(nodes: readonly DiagramNode[], groups: readonly DiagramGroup[]): DiagramTier[] {
  const groupById = new Map(groups.map((g) => [g.id, g]));
  const ancestor = (n: DiagramNode, kind: DiagramGroup['kind']): string | undefined => {
    for (let p = n.parent; p; p = groupById.get(p)?.parent) if (groupById.get(p)?.kind === kind) return p;
    return undefined;
  };
  const byKey = new Map<string, DiagramNode[]>();
  for (const n of nodes) {
    if (n.kind === 'users') continue;
    const key = n.kind === 'dns' ? 'dns' : `${n.kind}:${stemOf(n.label)}`;
    addTo(byKey, key, n);
  }
  const tiers: DiagramTier[] = [];
  for (const [key, members] of byKey) {
    const findings = { error: 0, warning: 0, information: 0, hint: 0 };
    for (const m of members) for (const s of SEVERITIES) findings[s] += m.findings[s];
    tiers.push({
      id: `tier:${key}`, kind: members[0]!.kind, label: key === 'dns' ? 'DNS names' : stemOf(members[0]!.label),
      members: members.map((m) => m.id),
      servers: new Set(members.map((m) => ancestor(m, 'server') ?? m.id)).size,
      zones: new Set(members.map((m) => ancestor(m, 'zone')).filter((z) => z !== undefined)).size,
      findings, codes: [...new Set(members.flatMap((m) => m.codes))].sort(),
    });
  }
  return tiers;
}
