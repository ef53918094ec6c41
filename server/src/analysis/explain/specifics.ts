/**
 * "Specifics about this infrastructure": each part's role in this design,
 * in sentences built from the vocabulary's summaries (the text hover shows)
 * and this design's own names, addresses and connections.
 */
import type { Analysis } from '../analyze';
import type { Topology } from '../model/topology';
import type { Component } from '../model/types';
import { listNames } from '../rules/text';
import { esc, Linker, lower, summary } from './text';

export function specifics(a: Analysis, link: Linker): string[] {
  const t = a.topology;
  const out = ['## Specifics', ''];
  const domain = a.design.domain?.value;
  if (domain) out.push(`- **${esc(domain)}** is the domain: the name users type instead of an address. ${summary('concept.dns')}`);
  for (const s of t.services) {
    for (const r of s.dns.records) {
      for (const v of r.values) {
        const entry = s.entries.find((e) => e.via.text === v.text);
        const named = entry && entry.component.name === v.text;
        const at = named ? `${link(v.text, entry.component.nameSpan)}'s address` : `${esc(v.text)}${entry ? `, the address of ${link(entry.component.name, entry.component.nameSpan)}` : ''}`;
        out.push(`- ${link(s.host, s.dns.nameSpan)} is a DNS **${esc(r.type)}** record pointing at ${at}. ${summary(`dns.${r.type}`)}`);
      }
    }
  }
  if (t.services.length) {
    out.push(`- Users' browsers look the name up in DNS, then talk to the address it gives over TCP/IP: HTTP on port 80${t.services.some((s) => s.entries.some((e) => t.servesTls(e.component))) ? ', HTTPS on port 443' : ''}; the server answers each request with the page or data.`);
  }
  for (const h of t.hosts.values()) {
    if (h.implicit || !h.server) continue;
    const p = h.props;
    const where = [p.ip ? `address ${esc(p.ip.value)}` : '', p.zone ? `zone ${esc(p.zone.value)}` : ''].filter(Boolean).join(', ');
    out.push(`- ${link(h.name, h.server.nameSpan)} is a server${where ? ` (${where})` : ''}: ${lower(summary('concept.server'))} It runs ${listNames(h.components.map((c) => link(c.name, c.nameSpan)), 50) || 'nothing yet'}.`);
  }
  for (const c of t.components.values()) out.push(`- ${componentSentence(t, c, link)}`);
  return [...out, ...machines(t, link), ''];
}

function componentSentence(t: Topology, c: Component, link: Linker): string {
  const kind = t.kindOf(c);
  const article = kind && /^[aeiou]/.test(kind) ? 'an' : 'a';
  const parts = [`${link(c.name, c.nameSpan)} is ${kind ? `${article} ${kind.replace('-', ' ')}` : 'a component'}${c.software ? ` (${esc(c.software.value)})` : ''}: ${lower(summary(`kind.${kind}`))}`];
  const targets = [...new Set(t.targets(c).flatMap((x) => t.clusterOf(x.component)))];
  const names = (cs: readonly Component[]) => listNames(cs.map((x) => link(x.name, x.nameSpan)), 50);
  if (kind === 'load-balancer' && targets.length) {
    const algo = c.algorithm?.value;
    parts.push(`It spreads requests over ${names(targets)}${algo ? ` by ${esc(algo)}: ${lower(summary(`algorithm.${algo}`))}` : ' by its software\'s default algorithm (no `algorithm` given).'}`);
  } else if (targets.length) parts.push(`It sends its requests to ${names(targets)}.`);
  const senders = t.senders(c);
  if (senders.length && kind !== 'database') parts.push(`It is called by ${names(senders)}.`);
  const peers = t.clusterOf(c).filter((m) => m !== c);
  if (peers.length) {
    const mode = t.clusterOf(c).find((m) => m.cluster?.mode)?.cluster?.mode?.value ?? 'active-active';
    parts.push(`With ${names(peers)} it forms an **${mode}** cluster: ${lower(summary(`mode.${mode}`))}`);
  }
  if (kind === 'database') parts.push(databaseRole(t, c, names));
  const replicas = c.replicas?.value ?? 1;
  if (replicas > 1) parts.push(`It runs ${replicas} identical instances, so losing one leaves ${replicas - 1}.`);
  const tls = c.tls?.value;
  if (tls !== undefined && tls !== false) parts.push(`HTTPS: ${lower(summary(`tls.${tls === true ? 'true' : tls}`))}`);
  if (c.certificate) parts.push(`It holds the SSL certificate for ${listNames(c.certificate.value.map(esc), 20)}: browsers check it to know they talk to the real site, and it keys the encryption.`);
  return parts.filter(Boolean).join(' ');
}

function databaseRole(t: Topology, c: Component, names: (cs: readonly Component[]) => string): string {
  if (t.isPrimary(c)) {
    const replicas = t.replicasOf(c);
    const copies = replicas.length ? ` ${names(replicas)} ${replicas.length === 1 ? 'copies' : 'copy'} every change and ${replicas.length === 1 ? 'serves' : 'serve'} reads.` : ' No replica copies it.';
    const fail = replicas.length ? ` ${summary(`failover.${t.autoFailover(c) ? 'automatic' : 'manual'}`)}` : '';
    return `It is the **primary**: it takes every write of the application.${copies}${fail}`;
  }
  const p = t.primaryOf(c);
  return `It is a **replica**${p ? ` of ${names([p])}` : ''}: ${lower(summary('role.replica'))} The application reads from it; writes still go to the primary.`;
}

/** Firewalls and monitoring clients, machine by machine. */
function machines(t: Topology, link: Linker): string[] {
  const fw: string[] = [];
  const mon: string[] = [];
  for (const h of t.hosts.values()) {
    const name = h.server ? link(h.name, h.server.nameSpan) : h.components[0] ? link(h.components[0].name, h.components[0].nameSpan) : h.name;
    const f = h.props.firewall?.value;
    if (f !== undefined && f !== false) fw.push(name);
    const m = h.props.monitoring?.value;
    if (m !== undefined && m !== false) mon.push(m === true ? name : `${name} (${esc(String(m))})`);
  }
  const out: string[] = [];
  if (fw.length) out.push(`- Firewalls on ${listNames(fw, 50)}: ${lower(summary('firewall.true'))} ${summary('concept.firewall')}`);
  if (mon.length) out.push(`- Monitoring clients on ${listNames(mon, 50)}: ${lower(summary('concept.monitoring'))}`);
  return out;
}
