/**
 * Hover: what a key, value or name means and why it matters, from the
 * vocabulary's documentation; on a name, a summary of that server or
 * component in this design.
 */
import type { Analysis } from '../analyze';
import { capacityOf } from '../engine/load';
import { deployCost } from '../engine/maintenance';
import type { Component, Span } from '../model/types';
import { isIp } from '../model/values';
import { suppressionAt } from '../suppress';
import { DEFAULT_LATENCY_MS, KEYS, SERVER_PROPERTY_NAMES } from '../vocabulary';
import { DOCS } from '../vocabulary/docs';
import { docMarkdown } from './docText';
import { entryHop, hopsFrom } from './encryption';
import { nodeAt, NodeAt } from './locate';
import { mdCode, mdText } from './markdown';
import { own } from '../own';

export interface HoverResult {
  readonly markdown: string;
  readonly span: Span;
}

export function hover(a: Analysis, offset: number): HoverResult | undefined {
  const suppression = suppressionAt(a.parsed.text, offset);
  if (suppression) return { markdown: entry('concept.suppression'), span: suppression };
  const at = nodeAt(a.parsed.doc, offset);
  if (!at) return undefined;
  const markdown = at.on === 'key' ? keyHover(a, at) : valueHover(a, at);
  return markdown ? { markdown, span: at.span } : undefined;
}

function entry(id: string): string {
  const d = own(DOCS, id);
  return d ? docMarkdown(d, true) : '';
}

function keyHover(a: Analysis, at: NodeAt): string | undefined {
  const p = at.path;
  const [top, name, sub, leaf] = p;
  switch (p.length) {
    case 1: return entry(`key.${top}`) || undefined;
    case 2:
      if (top === 'traffic') return entry(`key.traffic.${name}`);
      if (top === 'dns') return dnsNameHover(a, name!);
      if (top === 'servers') return serverSummary(a, name!);
      if (top === 'components') return componentSummary(a, name!);
      return undefined;
    case 3:
      if (top === 'dns') return entry(`dns.${sub}`) || undefined;
      if (top === 'servers') return entry(`key.server.${sub}`) || undefined;
      if (top === 'components' && sub === 'replicas') return replicasHover(a, name!);
      if (top === 'components') return entry(SERVER_PROPERTY_NAMES.has(sub!) ? `key.server.${sub}` : `key.component.${sub}`) || undefined;
      return undefined;
    case 4:
      if (top === 'components' && sub === 'cluster') return entry(`key.cluster.${leaf}`) || undefined;
      if (top === 'components' && sub === 'weights') return componentSummary(a, leaf!);
      return undefined;
    default: return undefined;
  }
}

/** Doc id prefixes of enum values by key, from the vocabulary (`tls` values are documented as `tls.<mode>` too). */
const VALUE_DOCS: Readonly<Record<string, string>> = Object.fromEntries([
  ...KEYS.flatMap((k) => (k.shape.type === 'enum' ? [[k.name, k.shape.docPrefix] as const] : [])),
  ['tls', 'tls.'] as const,
]);

function valueHover(a: Analysis, at: NodeAt): string | undefined {
  const p = at.path;
  const key = p[p.length - 1]!;
  if (p[0] === 'dns' && p.length === 3) return dnsValueHover(a, key, at.text);
  if (p[0] === 'traffic' && key === 'qps') return entry('concept.qps');
  if (p[0] === 'infra') return entry('key.infra');
  const prefix = own(VALUE_DOCS, key);
  if (prefix && own(DOCS, prefix + at.text)) return entry(prefix + at.text);
  if (key === 'firewall') return entry(at.inSeq ? 'firewall.rules' : at.text === 'true' ? 'firewall.true' : 'concept.firewall');
  if (key === 'monitoring') return entry(at.text === 'true' ? 'monitoring.true' : 'monitoring.agent');
  if (key === 'zone') return entry('concept.zone');
  if (key === 'on') return serverSummary(a, at.text) ?? componentSummary(a, at.text);
  if (['to', 'peers', 'replicates'].includes(key)) return componentSummary(a, at.text);
  if (key === 'capacity') return entry('concept.qps');
  if (p[0] === 'components' && p.length === 3 && key === 'replicas') return replicasHover(a, p[1]!);
  if (p[0] === 'components' && p.length === 3) return entry(SERVER_PROPERTY_NAMES.has(key) ? `key.server.${key}` : `key.component.${key}`) || undefined;
  if (p[0] === 'servers' && p.length === 3) return entry(`key.server.${key}`) || undefined;
  if (p[0] === 'components' && p[2] === 'cluster' && p.length === 4) return entry(`key.cluster.${key}`) || undefined;
  if (p[0] === 'components' && p[2] === 'weights' && p.length === 4) return entry('key.component.weights');
  if (p.length === 1) return entry(`key.${key}`) || undefined;
  if (p[0] === 'traffic' && p.length === 2) return entry(`key.traffic.${key}`) || undefined;
  return undefined;
}

function dnsNameHover(a: Analysis, name: string): string {
  const t = a.topology;
  const service = t.services.find((s) => s.dns.name === name);
  const lines = [`**${mdText(name)}** stands for ${mdCode(t.fqdn(name) || name)}`];
  if (service) lines.push(`Users reach ${names(service.entries.map((e) => e.component))} through it (entry points).`);
  return [lines.join('\n\n'), entry('dns.record-name')].join('\n\n---\n\n');
}

function dnsValueHover(a: Analysis, type: string, text: string): string | undefined {
  const t = a.topology;
  const named = t.components.get(text);
  if (named) return componentSummary(a, text);
  if (t.servers.has(text)) return serverSummary(a, text);
  if (isIp(text)) {
    const holders = [...t.hosts.values()].filter((h) => h.props.ip?.value === text).map((h) => h.name);
    const head = holders.length ? `${mdCode(text)} is the address of ${holders.map((h) => mdText(h)).join(', ')}.` : `${mdCode(text)} is not the address of any server or component of this design.`;
    return [head, entry(`dns.${type}`)].join('\n\n---\n\n');
  }
  return entry(`dns.${type}`) || undefined;
}

function serverSummary(a: Analysis, name: string): string | undefined {
  const h = a.topology.hosts.get(name);
  if (!h || h.implicit) return undefined;
  const props = h.props;
  const facts = [
    props.ip ? `address ${mdText(props.ip.value)}` : undefined,
    props.zone ? `zone ${mdText(props.zone.value)}` : undefined,
    props.cpu ? `${mdText(String(props.cpu.value))} cores` : undefined,
    props.ram ? `${mdText(String(props.ram.value))} RAM` : undefined,
  ].filter(Boolean);
  const lines = [
    `**${mdText(name)}** — server${facts.length ? ` (${facts.join(', ')})` : ''}`,
    `- runs: ${h.components.map((c) => `${mdText(c.name)} (${mdText(c.kind?.value ?? '?')})`).join(', ') || 'nothing yet'}`,
    `- firewall: ${describeFirewall(props.firewall?.value)}`,
    `- monitoring: ${props.monitoring && props.monitoring.value !== false ? mdText(String(props.monitoring.value)) : 'none'}`,
    h.components.length ? `- maintenance: a reboot of ${mdText(name)} stops ${h.components.map((c) => mdText(c.name)).join(', ')} at once; ${h.components.map((c) => deployLine(a, c)).join('; ')}` : undefined,
  ].filter((l): l is string => !!l);
  return [lines.join('\n'), findingsLine(a, h.span)].filter(Boolean).join('\n\n');
}

function describeFirewall(f: unknown): string {
  if (f === true) return 'allows exactly what the design uses';
  if (Array.isArray(f)) return `${f.length} rule${f.length === 1 ? '' : 's'}, default deny`;
  return 'none';
}

function componentSummary(a: Analysis, name: string): string | undefined {
  const t = a.topology;
  const c = t.components.get(name);
  if (!c) return undefined;
  const kind = t.kindOf(c);
  const host = t.hostOf(c);
  const instances = c.replicas?.value ?? 1;
  const services = t.services.filter((s) => s.entries.some((e) => e.component === c)).map((s) => s.host);
  const lines = [
    `**${mdText(name)}** — ${kind ?? 'component'}${c.software ? ` (${mdText(c.software.value)})` : ''}${host.implicit ? ' on a server of its own' : ` on ${mdText(host.name)}`}${instances > 1 ? `, ${instances} instances` : ''}`,
    services.length ? `- entry point of: ${services.map((s) => mdCode(s)).join(', ')}` : undefined,
    `- sends to: ${names(t.targets(c).map((x) => x.component)) || 'nothing'}`,
    `- receives from: ${names(t.senders(c)) || (services.length ? 'users' : 'nobody')}`,
    t.clusterOf(c).length > 1 ? `- cluster (${mdText(c.cluster?.mode?.value ?? 'active-active')}) with ${names(t.clusterOf(c).slice(1))}` : undefined,
    kind === 'database' ? `- role: ${t.isPrimary(c) ? 'primary (reads and writes)' : `replica of ${mdText(c.replicates?.name ?? '?')} (reads only)`}` : undefined,
    kind ? `- capacity: ${capacityOf(t, c)} requests/s, latency ${mdText(String(c.latency?.value ?? DEFAULT_LATENCY_MS[kind]))} ms` : undefined,
    kind && kind !== 'database' ? `- deploy: ${deployLine(a, c)}` : undefined,
    t.servesTls(c) ? `- TLS: ${c.tls?.value === true ? 'serves HTTPS' : mdText(String(c.tls?.value))}${c.certificate ? ` (certificate ${c.certificate.value.map((n) => mdText(n)).join(', ')})` : ''}` : undefined,
    ...encryptionLines(a, c, services.length > 0),
  ].filter((l): l is string => !!l);
  return [lines.join('\n'), findingsLine(a, c.nameSpan), kind ? entry(`kind.${kind}`) : ''].filter(Boolean).join('\n\n---\n\n');
}

/** Each HTTP hop into and out of the component: encrypted or plain, and why. */
function encryptionLines(a: Analysis, c: Component, entry: boolean): string[] {
  const t = a.topology;
  const hops = [...(entry ? [entryHop(t, c)] : []), ...hopsFrom(t, c)];
  if (hops.length === 0) return [];
  const shown = hops.slice(0, 20).map((h) => `  - ${mdText(h.from)} → ${mdText(h.to)}: ${h.encrypted ? 'HTTPS' : '**plain HTTP**'} (${mdText(h.why)})`);
  return ['- encryption, hop by hop:', ...shown, ...(hops.length > 20 ? [`  - and ${hops.length - 20} more`] : [])];
}

function replicasHover(a: Analysis, name: string): string | undefined {
  const c = a.topology.components.get(name);
  const doc = entry('key.component.replicas');
  return c ? [doc, `Deploy: ${deployLine(a, c)}.`].filter(Boolean).join('\n\n') : doc || undefined;
}

function deployLine(a: Analysis, c: Component): string {
  return deployCost(a.topology, c, a.design.traffic?.qps?.value, a.design.traffic?.reads?.value ?? 0.9);
}

function names(cs: readonly Component[]): string {
  const unique = [...new Set(cs.map((c) => c.name))];
  const shown = unique.slice(0, 20).map((n) => mdText(n)).join(', ');
  return unique.length > 20 ? `${shown} and ${unique.length - 20} more` : shown;
}

function findingsLine(a: Analysis, span: Span): string {
  const here = a.findings().filter((f) => f.span.start === span.start);
  if (here.length === 0) return '';
  return here.map((f) => `⚠ \`${f.code}\`: ${mdText(f.message, 2000)}`).join('\n\n');
}
