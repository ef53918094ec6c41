// Hostile designs for the robustness tests and scripts/robustness-figures.mjs:
// shapes whose naive analysis grows faster than the file (chains, fleets,
// CNAME chains, huge reference lists).

/** c0 → c1 → … → c(n-1), DNS at c0: every component is a single point of failure. */
export function chainDesign(n: number): string {
  const lines = ['infra: 1', 'domain: chain.example', 'dns:', '  www:', '    A: c0', 'components:'];
  for (let i = 0; i < n; i++) {
    lines.push(`  c${i}:`, `    kind: ${i === n - 1 ? 'database' : 'app-server'}`);
    if (i < n - 1) lines.push(`    to: c${i + 1}`);
  }
  return lines.join('\n') + '\n';
}

/** n servers in one zone, each running one web server behind one load balancer. */
export function zoneFleetDesign(n: number): string {
  const lines = ['infra: 1', 'domain: fleet.example', 'dns:', '  www:', '    A: lb', 'servers:'];
  for (let i = 0; i < n; i++) lines.push(`  s${i}:`, '    zone: zone-a');
  lines.push('components:', '  lb:', '    kind: load-balancer', '    replicas: 2', `    to: [${Array.from({ length: n }, (_, i) => `w${i}`).join(', ')}]`);
  for (let i = 0; i < n; i++) lines.push(`  w${i}:`, '    kind: web-server', `    on: s${i}`);
  return lines.join('\n') + '\n';
}

/** www → n0 → n1 → … → n(n-1) (CNAMEs), the last one an A record to the web server. */
export function cnameChainDesign(n: number): string {
  const lines = ['infra: 1', 'domain: cname.example', 'dns:', '  www:', '    CNAME: n0.cname.example'];
  for (let i = 0; i < n; i++) {
    lines.push(`  n${i}:`, i < n - 1 ? `    CNAME: n${i + 1}.cname.example` : '    A: web');
  }
  lines.push('components:', '  web:', '    kind: web-server');
  return lines.join('\n') + '\n';
}

/** A CNAME cycle of n names reached from www. */
export function cnameCycleDesign(n: number): string {
  const lines = ['infra: 1', 'domain: loop.example', 'dns:', '  www:', '    CNAME: n0.loop.example'];
  for (let i = 0; i < n; i++) lines.push(`  n${i}:`, `    CNAME: n${(i + 1) % n}.loop.example`);
  lines.push('components:', '  web:', '    kind: web-server');
  return lines.join('\n') + '\n';
}

/** One component whose `to:` names n components that do not exist. */
export function unknownRefsDesign(n: number): string {
  return `infra: 1\ncomponents:\n  web:\n    kind: web-server\n    to: [${Array.from({ length: n }, (_, i) => `u${i}`).join(', ')}]\n`;
}
