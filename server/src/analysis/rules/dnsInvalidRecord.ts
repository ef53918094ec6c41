/** dns-invalid-record: a record value that does not fit its type. */
import type { Finding } from '../findings';
import type { Topology } from '../model/topology';
import type { DnsName, DnsRecord, Span } from '../model/types';
import { isHostName, isIPv4, isIPv6, isIp } from '../model/values';
import { NAME_PATTERN } from '../vocabulary';
import type { Rule } from './types';
import { own } from '../own';

type Check = (value: string, ctx: { name: DnsName; record: DnsRecord; topology: Topology }) => string | undefined;

const int = (s: string | undefined, max: number): boolean => s !== undefined && /^\d+$/.test(s) && Number(s) <= max;
const hostProblem = (s: string, what: string): string | undefined =>
  isIp(s) ? `${what} must be a host name, not an IP address ('${s}').` : isHostName(s) ? undefined : `'${s}' is not a valid host name for ${what}.`;

function addressCheck(version: 4 | 6): Check {
  const type = version === 4 ? 'A' : 'AAAA';
  const fits = version === 4 ? isIPv4 : isIPv6;
  return (v, { topology }) => {
    if (fits(v)) return undefined;
    if (isIp(v)) return `'${v}' is an IPv${version === 4 ? 6 : 4} address: it belongs in ${version === 4 ? 'an AAAA' : 'an A'} record, not ${type}.`;
    if (/^\d+(\.\d+)*$/.test(v)) return `'${v}' is not a valid IPv${version} address.`;
    const c = topology.components.get(v);
    const s = topology.servers.get(v);
    if (!c && !s) {
      return NAME_PATTERN.test(v) ? undefined /* unknown-reference */ : `${type} holds an IPv${version} address or the name of a server or component; '${v}' is neither (for another host name, use CNAME).`;
    }
    const props = c ? topology.hostOf(c).props : s!.props;
    const ips = [props.ip?.value, c?.cluster?.vip?.value].filter((x): x is string => x !== undefined);
    if (ips.some(fits)) return undefined;
    return ips.length
      ? `${v} has no IPv${version} address (its ip is ${ips.join(', ')}), so ${type} cannot point at it.`
      : `${v} has no 'ip', so ${type} cannot point at it: give it an IPv${version} 'ip'.`;
  };
}

const CHECKS: Readonly<Record<string, Check>> = {
  A: addressCheck(4),
  AAAA: addressCheck(6),
  CNAME: (v, { record }) => hostProblem(v, 'CNAME') ?? (record.values.length > 1 ? 'A name has at most one CNAME value.' : undefined),
  MX: (v) => {
    const [prio, host, ...rest] = v.trim().split(/\s+/);
    if (!int(prio, 65535) || host === undefined || rest.length) return `MX is 'priority host', e.g. '10 mail.foobar.com' ('${v}' is not).`;
    return hostProblem(host, 'An MX host');
  },
  TXT: () => undefined,
  NS: (v) => hostProblem(v.trim(), 'NS'),
  PTR: (v) => hostProblem(v.trim(), 'PTR'),
  SOA: (v, { name }) => {
    if (name.name !== '@') return 'SOA belongs only at the apex (@).';
    const f = v.trim().split(/\s+/);
    if (f.length !== 7) return `SOA has 7 fields, 'mname rname serial refresh retry expire minimum' (found ${f.length}).`;
    if (!isHostName(f[0]!) || !isHostName(f[1]!)) return "SOA's first two fields are host names (the primary name server, and the admin mailbox with '.' for '@').";
    return f.slice(2).every((x) => int(x, 4294967295)) ? undefined : "SOA's last five fields are whole numbers (serial and times in seconds).";
  },
  SRV: (v, { name }) => {
    const f = v.trim().split(/\s+/);
    if (f.length !== 4) return `SRV is 'priority weight port target', e.g. '10 5 5060 sip.foobar.com' (found ${f.length} fields).`;
    if (!int(f[0], 65535) || !int(f[1], 65535) || !int(f[2], 65535)) return "SRV's priority, weight and port are whole numbers from 0 to 65535.";
    if (!name.name.startsWith('_')) return `SRV records live on names like _sip._tcp (service and protocol), not '${name.name}'.`;
    return f[3] === '.' ? undefined : hostProblem(f[3]!, 'An SRV target');
  },
  CAA: (v) => {
    const m = /^(\d+)\s+([a-z0-9]+)\s+(\S.*)$/i.exec(v.trim());
    if (!m || !int(m[1], 255)) return `CAA is 'flags tag value', e.g. '0 issue "letsencrypt.org"' ('${v}' is not).`;
    return ['issue', 'issuewild', 'iodef', 'contactemail', 'contactphone'].includes(m[2]!.toLowerCase()) ? undefined : `'${m[2]}' is not a CAA tag: use issue, issuewild or iodef.`;
  },
};

const NAME = /^(\*|[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?)(\.[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?)*$/i;

export const dnsInvalidRecord: Rule = {
  code: 'dns-invalid-record',
  severity: 'error',
  title: 'A DNS record value that does not fit its type.',
  family: 'dns',
  // The names, hosts' and clusters' addresses it reads are the topology's, built again when they change.
  reads: [],
  topology: [],
  check(ctx) {
    const out: Finding[] = ctx.parseFindings.filter((f) => f.code === 'dns-invalid-record');
    const report = (span: Span, message: string, candidates: string[] = []): void => {
      out.push({ code: 'dns-invalid-record', span, message, data: { repair: 'replace', candidates } });
    };
    for (const name of ctx.design.dns) {
      if (name.name !== '@' && !NAME.test(name.name)) report(name.nameSpan, `'${name.name}' is not a record name: use @ for the apex or labels such as www, api or _sip._tcp.`);
      for (const record of name.records) {
        const check = own(CHECKS, record.type);
        if (!check) continue;
        if (record.values.length === 0) report(record.typeSpan, `${record.type} has no value.`);
        for (const v of record.values) {
          const problem = check(v.text, { name, record, topology: ctx.topology });
          if (!problem) continue;
          const swap = record.type === 'A' && isIPv6(v.text) ? ['AAAA'] : record.type === 'AAAA' && isIPv4(v.text) ? ['A'] : [];
          out.push({ code: 'dns-invalid-record', span: v.span, message: problem, data: swap.length ? { repair: 'set', subject: name.name, key: record.type, value: swap[0]! } : { repair: 'none' } });
        }
      }
    }
    return out;
  },
};
