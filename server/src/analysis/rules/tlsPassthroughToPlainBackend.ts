/** tls-passthrough-to-plain-backend: `tls: passthrough` to a backend that does not serve TLS. */
import type { Finding } from '../findings';
import type { Rule } from './types';

export const tlsPassthroughToPlainBackend: Rule = {
  code: 'tls-passthrough-to-plain-backend',
  severity: 'error',
  title: 'TLS passed through to a backend that does not speak TLS.',
  family: 'security',
  reads: ['tls'],
  check(ctx) {
    const t = ctx.topology;
    const out: Finding[] = [];
    for (const c of t.components.values()) {
      if (c.tls?.value !== 'passthrough') continue;
      for (const { ref, component } of t.targets(c)) {
        const plain = t.clusterOf(component).filter((m) => !t.servesTls(m));
        if (plain.length === 0) continue;
        out.push({
          code: 'tls-passthrough-to-plain-backend', span: ref.span,
          message: `${c.name} passes the encrypted stream through to ${plain.map((m) => m.name).join(', ')}, which ${plain.length === 1 ? 'does' : 'do'} not serve TLS: the handshake fails and users get an error. Give ${plain.length === 1 ? 'it' : 'them'} 'tls: true' and a certificate, or terminate at ${c.name}.`,
          related: [{ span: c.tls.span, message: `${c.name} passes TLS through` }],
          data: { repair: 'set', subject: plain[0]!.name, key: 'tls', value: 'true' },
        });
      }
    }
    return out;
  },
};
