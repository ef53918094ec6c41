// Security and operations rules: tls-terminated-at-load-balancer, no-https,
// tls-passthrough-to-plain-backend, certificate-mismatch, missing-firewall,
// database-exposed, missing-monitoring, shared-server.
import * as assert from 'node:assert/strict';
import { analyzeText } from '../../server/src/analysis/analyze';
import { applyEdits } from '../../server/src/analysis/services/edits';
import { quickFixes } from '../../server/src/analysis/services/fixes';
import { CLEAN, expectAt, expectQuiet, findingsOf, y } from './helpers';

describe('rules: security and operations', () => {
  describe('storage may serve HTTPS (issue 11)', () => {
    it('accepts tls: true and a certificate on storage, and then no-https stays quiet', () => {
      const text = y`
        infra: 1
        domain: foobar.com
        dns: { static: { A: bucket } }
        components:
          bucket: { kind: storage, ip: 203.0.113.7, tls: true, certificate: static.foobar.com }
      `;
      const codes = findingsOf(text).map((f) => f.code);
      assert.ok(!codes.includes('unknown-key') && !codes.includes('no-https') && !codes.includes('certificate-mismatch'), codes.join(', '));
    });
  });

  describe('tls-terminated-at-cdn', () => {
    const cdn = (mode: string, origin = ''): string => y`
      infra: 1
      domain: foobar.com
      dns: { www: { A: edge } }
      components:
        edge: { kind: cdn, ip: 203.0.113.5, tls: [[${mode}]], certificate: www.foobar.com, to: web-1 }
        web-1: { kind: web-server${origin} }
    `;
    it('fires on a cdn that terminates TLS and fetches from its origin over plain HTTP, on its tls value', () => {
      const [f] = expectAt(cdn('terminate'), 'tls-terminated-at-cdn');
      assert.equal(f!.severity, 'warning');
      assert.match(f!.message, /web-1 over plain HTTP/);
    });
    it('stays quiet when the cdn re-encrypts or passes TLS through', () => {
      expectQuiet(cdn('reencrypt', ', tls: true, certificate: www.foobar.com'), 'tls-terminated-at-cdn');
      expectQuiet(cdn('passthrough', ', tls: true, certificate: www.foobar.com'), 'tls-terminated-at-cdn');
    });
    it('its preferred fix re-encrypts and gives the origin TLS, leaving fewer warnings', () => {
      const text = cdn('terminate').replace(/\[\[|\]\]/g, '');
      const a = analyzeText(text);
      const f = a.findings().find((x) => x.code === 'tls-terminated-at-cdn')!;
      const [re, pass] = quickFixes(a, f);
      assert.equal(re!.title, 'Re-encrypt to the origin');
      assert.equal(pass!.title, 'Pass TLS through to the origin');
      const after = applyEdits(text, re!.edits);
      assert.match(after, /tls: reencrypt/);
      assert.ok(!findingsOf(after).some((x) => x.code === 'tls-terminated-at-cdn' || x.code === 'tls-passthrough-to-plain-backend'), after);
    });
  });

  describe('tls-terminated-at-load-balancer', () => {
    it('fires on the terminate value of a load balancer with backends', () => {
      const [f] = expectAt(y`
        infra: 1
        components:
          lb-1:
            kind: load-balancer
            tls: [[terminate]]
            to: [web-1, web-2]
          web-1: { kind: web-server }
          web-2: { kind: web-server }
      `, 'tls-terminated-at-load-balancer');
      assert.match(f!.message, /web-1/);
      assert.match(f!.message, /web-2/);
    });
    it('stays quiet on reencrypt and passthrough', () => {
      expectQuiet(CLEAN, 'tls-terminated-at-load-balancer');
      expectQuiet(y`
        infra: 1
        components:
          lb-1: { kind: load-balancer, tls: passthrough, to: web-1 }
          web-1: { kind: web-server, tls: true }
      `, 'tls-terminated-at-load-balancer');
    });
  });

  describe('no-https', () => {
    it('fires on the name of an entry point that serves plain HTTP', () => {
      const [f] = expectAt(y`
        infra: 1
        domain: foobar.com
        dns:
          www: { A: lb-1 }
        components:
          [[lb-1]]: { kind: load-balancer, ip: 203.0.113.1, to: web-1 }
          web-1: { kind: web-server }
      `, 'no-https');
      assert.match(f!.message, /www\.foobar\.com/);
    });
    it('fires on a web server reached through a server address', () => {
      expectAt(y`
        infra: 1
        domain: foobar.com
        dns:
          www: { A: 10.0.0.1 }
        servers:
          box-1: { ip: 10.0.0.1 }
        components:
          [[web-1]]: { kind: web-server, on: box-1, to: app-1 }
          app-1: { kind: app-server, on: box-1 }
      `, 'no-https');
    });
    it('stays quiet when the entry point serves TLS, and for entry points that do not serve HTTP', () => {
      expectQuiet(CLEAN, 'no-https');
      expectQuiet(y`
        infra: 1
        domain: foobar.com
        dns:
          www: { A: web-1 }
          db: { A: db-1 }
        components:
          web-1: { kind: web-server, ip: 203.0.113.1, tls: true }
          db-1: { kind: database, ip: 203.0.113.2 }
      `, 'no-https');
    });
  });

  it('no-https: a load balancer with tls: passthrough counts as serving HTTPS', () => {
    expectQuiet(y`
      infra: 1
      domain: foobar.com
      dns:
        www: { A: lb-1 }
      components:
        lb-1: { kind: load-balancer, ip: 203.0.113.1, tls: passthrough, to: web-1 }
        web-1: { kind: web-server, tls: true }
    `, 'no-https');
  });

  describe('tls-passthrough-to-plain-backend', () => {
    it('fires on the to: item naming a backend without TLS', () => {
      expectAt(y`
        infra: 1
        components:
          lb-1:
            kind: load-balancer
            tls: passthrough
            to: [web-1, [[web-2]]]
          web-1: { kind: web-server, tls: true }
          web-2: { kind: web-server }
      `, 'tls-passthrough-to-plain-backend');
    });
    it('stays quiet when every backend serves TLS', () => {
      expectQuiet(y`
        infra: 1
        components:
          lb-1: { kind: load-balancer, tls: passthrough, to: [web-1, web-2] }
          web-1: { kind: web-server, tls: true }
          web-2: { kind: web-server, tls: true }
      `, 'tls-passthrough-to-plain-backend');
    });
  });

  describe('certificate-mismatch', () => {
    const design = (name: string, subject: string): string => y`
      infra: 1
      domain: foobar.com
      dns:
        "${name}": { A: lb-1 }
      components:
        lb-1:
          kind: load-balancer
          ip: 203.0.113.1
          tls: reencrypt
          certificate: ${subject}
          to: web-1
        web-1: { kind: web-server, tls: true }
    `;
    it('a wildcard covers exactly one label: *.foobar.com covers www.foobar.com', () => {
      expectQuiet(design('www', '"*.foobar.com"'), 'certificate-mismatch');
    });
    it('a wildcard does not cover the apex (foobar.com)', () => {
      const [f] = expectAt(design('@', '[["*.foobar.com"]]'), 'certificate-mismatch');
      assert.match(f!.message, /foobar\.com/);
    });
    it('a wildcard does not cover two labels (a.b.foobar.com)', () => {
      const [f] = expectAt(design('a.b', '[["*.foobar.com"]]'), 'certificate-mismatch');
      assert.match(f!.message, /a\.b\.foobar\.com/);
    });
    it('an exact subject for another name does not cover www', () => {
      expectAt(design('www', '[[shop.foobar.com]]'), 'certificate-mismatch');
    });
    it('an exact subject matches with or without a trailing dot', () => {
      expectQuiet(design('www', 'www.foobar.com.'), 'certificate-mismatch');
    });
    it('for passthrough, the backend certificate must cover the names that reach the load balancer', () => {
      expectAt(y`
        infra: 1
        domain: foobar.com
        dns:
          www: { A: lb-1 }
        components:
          lb-1: { kind: load-balancer, ip: 203.0.113.1, tls: passthrough, to: [web-1, web-2] }
          web-1: { kind: web-server, tls: true, certificate: www.foobar.com }
          web-2: { kind: web-server, tls: true, certificate: [[api.foobar.com]] }
      `, 'certificate-mismatch');
    });
    it('stays quiet on the clean design', () => {
      expectQuiet(CLEAN, 'certificate-mismatch');
    });
  });

  describe('missing-firewall', () => {
    it("fires on a component's own machine when users reach it, on the component's name", () => {
      expectAt(y`
        infra: 1
        domain: foobar.com
        dns:
          www: { A: web-1 }
        components:
          [[web-1]]: { kind: web-server, ip: 203.0.113.1, tls: true }
      `, 'missing-firewall');
    });
    it('fires on a declared server that another machine sends to', () => {
      expectAt(y`
        infra: 1
        servers:
          [[box-1]]: { ip: 10.0.0.1 }
        components:
          web-1: { kind: web-server, firewall: true, to: app-1 }
          app-1: { kind: app-server, on: box-1 }
      `, 'missing-firewall');
    });
    it('fires on firewall: false', () => {
      expectAt(y`
        infra: 1
        components:
          web-1: { kind: web-server, firewall: true, to: app-1 }
          [[app-1]]: { kind: app-server, firewall: false }
      `, 'missing-firewall');
    });
    it('stays quiet on firewall: true, on an explicit (even empty) rule list, and on unreached machines', () => {
      expectQuiet(CLEAN, 'missing-firewall');
      expectQuiet(y`
        infra: 1
        components:
          web-1: { kind: web-server, firewall: [], to: app-1 }
          app-1: { kind: app-server, firewall: [allow 8000/tcp from web-1] }
          lonely: { kind: web-server }
      `, 'missing-firewall');
    });
    it('stays quiet on a server reached only by components on itself', () => {
      expectQuiet(y`
        infra: 1
        servers:
          box-1: { ip: 10.0.0.1 }
        components:
          web-1: { kind: web-server, on: box-1, to: app-1 }
          app-1: { kind: app-server, on: box-1 }
      `, 'missing-firewall');
    });
  });

  describe('database-exposed', () => {
    it('fires when the database is an entry point', () => {
      const [f] = expectAt(y`
        infra: 1
        domain: foobar.com
        dns:
          db: { A: db-1 }
        components:
          [[db-1]]: { kind: database, ip: 203.0.113.5, firewall: true }
      `, 'database-exposed');
      assert.match(f!.message, /entry point/);
    });
    it('fires when an entry point lists it in its own to:', () => {
      const [f] = expectAt(y`
        infra: 1
        domain: foobar.com
        dns:
          www: { A: web-1 }
        components:
          web-1: { kind: web-server, ip: 203.0.113.1, firewall: true, to: db-1 }
          [[db-1]]: { kind: database, firewall: true }
      `, 'database-exposed');
      assert.match(f!.message, /web-1/);
    });
    it("fires when its server's firewall allows its port from any", () => {
      const [f] = expectAt(y`
        infra: 1
        domain: foobar.com
        dns:
          www: { A: web-1 }
        components:
          web-1: { kind: web-server, ip: 203.0.113.1, firewall: true, to: app-1 }
          app-1: { kind: app-server, firewall: true, to: db-1 }
          [[db-1]]:
            kind: database
            software: postgresql
            firewall: [allow 5432/tcp from any]
      `, 'database-exposed');
      assert.match(f!.message, /5432/);
    });
    it('fires when its server has no firewall and is itself reached by a DNS value', () => {
      expectAt(y`
        infra: 1
        domain: foobar.com
        dns:
          www: { A: 8.8.8.8 }
        servers:
          server-1: { ip: 8.8.8.8 }
        components:
          nginx: { kind: web-server, on: server-1, to: app }
          app: { kind: app-server, on: server-1, to: mysql }
          [[mysql]]: { kind: database, software: mysql, on: server-1 }
      `, 'database-exposed');
    });
    it('names the first DNS value that reaches an unprotected server: by its address, by its name, or through a component on it', () => {
      const text = [
        'infra: 1',
        'domain: foobar.com',
        'dns:',
        '  www: { A: [2001:DB8::1, web-c] }',
        '  api: { A: s-2 }',
        '  old: { A: 2001:db8::1 }',
        'servers:',
        '  s-1: { ip: 2001:db8::1 }',
        '  s-2: {}',
        '  s-3: {}',
        'components:',
        '  web-a: { kind: web-server, on: s-1, firewall: true, to: app }',
        '  app: { kind: app-server, firewall: true, to: [db-1, db-2, db-3] }',
        '  db-1: { kind: database, on: s-1 }',
        '  db-2: { kind: database, on: s-2 }',
        '  web-c: { kind: web-server, on: s-3, firewall: true, to: app }',
        '  db-3: { kind: database, on: s-3 }',
        '',
      ].join('\n');
      const found = analyzeText(text).findings().filter((f) => f.code === 'database-exposed');
      const related = (name: string) => {
        const f = found.find((x) => text.slice(x.span.start, x.span.end) === name);
        assert.ok(f, `no finding on ${name}`);
        const r = f.related![0]!;
        return [text.slice(r.span.start, r.span.end), r.message];
      };
      assert.equal(found.length, 3);
      assert.deepEqual(related('db-1'), ['2001:DB8::1', 'www.foobar.com points at s-1']);
      assert.deepEqual(related('db-2'), ['s-2', 'api.foobar.com points at s-2']);
      assert.deepEqual(related('db-3'), ['web-c', 'www.foobar.com points at s-3']);
    });
    it('stays quiet behind app servers, with a firewall that opens another port or only to a private range', () => {
      expectQuiet(CLEAN, 'database-exposed');
      expectQuiet(y`
        infra: 1
        domain: foobar.com
        dns:
          www: { A: web-1 }
        components:
          web-1: { kind: web-server, ip: 203.0.113.1, firewall: true, to: app-1 }
          app-1: { kind: app-server, firewall: true, to: [db-1, db-2] }
          db-1: { kind: database, software: postgresql, firewall: [allow 3306/tcp from any] }
          db-2: { kind: database, software: mysql, firewall: [allow 3306/tcp from 10.0.0.0/8] }
      `, 'database-exposed');
    });
    it('stays quiet when the shared public server has a firewall', () => {
      expectQuiet(y`
        infra: 1
        domain: foobar.com
        dns:
          www: { A: 8.8.8.8 }
        servers:
          server-1: { ip: 8.8.8.8, firewall: true }
        components:
          nginx: { kind: web-server, on: server-1, to: app }
          app: { kind: app-server, on: server-1, to: mysql }
          mysql: { kind: database, software: mysql, on: server-1 }
      `, 'database-exposed');
    });
  });

  describe('missing-monitoring', () => {
    it("fires on a declared server and on a component's own machine", () => {
      expectAt(y`
        infra: 1
        servers:
          [[box-1]]: { ip: 10.0.0.1 }
        components:
          web-1: { kind: web-server, on: box-1 }
          [[app-1]]: { kind: app-server, monitoring: false }
      `, 'missing-monitoring');
    });
    it('stays quiet with monitoring: true or an agent name', () => {
      expectQuiet(CLEAN, 'missing-monitoring');
      expectQuiet(y`
        infra: 1
        servers:
          box-1: { monitoring: datadog }
        components:
          web-1: { kind: web-server, on: box-1 }
          app-1: { kind: app-server, monitoring: true }
      `, 'missing-monitoring');
    });
  });

  describe('shared-server', () => {
    it('fires on a declared server running web, app and database components', () => {
      const [f] = expectAt(y`
        infra: 1
        servers:
          [[box-1]]: { ip: 10.0.0.1 }
        components:
          web-1: { kind: web-server, on: box-1 }
          app-1: { kind: app-server, on: box-1 }
          db-1: { kind: database, on: box-1 }
      `, 'shared-server');
      assert.match(f!.message, /web-1/);
      assert.match(f!.message, /db-1/);
    });
    it('fires for two tiers of different kinds (app and database)', () => {
      expectAt(y`
        infra: 1
        servers:
          [[box-1]]: {}
        components:
          app-1: { kind: app-server, on: box-1 }
          db-1: { kind: database, on: box-1 }
      `, 'shared-server');
    });
    it('stays quiet for components of one kind, or beside non-contending kinds', () => {
      expectQuiet(CLEAN, 'shared-server');
      expectQuiet(y`
        infra: 1
        servers:
          box-1: {}
          box-2: {}
        components:
          web-1: { kind: web-server, on: box-1 }
          web-2: { kind: web-server, on: box-1 }
          app-1: { kind: app-server, on: box-2 }
          cache-1: { kind: cache, on: box-2 }
          lb-1: { kind: load-balancer, on: box-2 }
      `, 'shared-server');
    });
  });
});
