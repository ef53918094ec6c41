// The schema rules: yaml-syntax, unknown-key, invalid-value, missing-key,
// unknown-reference, duplicate-name. Each fires on a minimal bad design at the
// exact node and stays quiet on a good one.
import * as assert from 'node:assert/strict';
import { CLEAN, codesOf, expectAt, expectQuiet, findingsOf, y } from './helpers';
import { analyzeText } from '../../server/src/analysis/analyze';

describe('rules: validation', () => {
  it('the clean reference design has no findings at all', () => {
    assert.deepEqual(findingsOf(CLEAN).map((f) => `${f.code} ${f.text}`), []);
  });

  describe('yaml-syntax', () => {
    it('fires when the YAML does not parse, on the line of the error', () => {
      const text = y`
        infra: 1
        components:
          web-1: { kind: web-server
      `;
      const got = findingsOf(text, 'yaml-syntax');
      assert.ok(got.length >= 1, 'a syntax error is reported');
      assert.ok(got.every((f) => f.severity === 'error'));
      assert.ok(got.some((f) => f.line >= 3), `reported near the broken flow map, got lines ${got.map((f) => f.line)}`);
    });
    it('fires on a tab used for indentation', () => {
      assert.ok(findingsOf('infra: 1\ncomponents:\n\tweb-1:\n\t\tkind: web-server\n', 'yaml-syntax').length >= 1);
    });
    it('stays quiet on YAML that parses', () => {
      expectQuiet(CLEAN, 'yaml-syntax');
    });
  });

  describe('unknown-key', () => {
    it('fires on a misspelt top-level key, with "did you mean"', () => {
      const [f] = expectAt(y`
        infra: 1
        [[compnents]]:
          web-1:
            kind: web-server
      `, 'unknown-key');
      assert.match(f!.message, /did you mean 'components'/i);
    });
    it('fires on a misspelt component key, with "did you mean"', () => {
      const [f] = expectAt(y`
        infra: 1
        components:
          lb-1:
            kind: load-balancer
            [[algoritm]]: round-robin
      `, 'unknown-key');
      assert.match(f!.message, /did you mean 'algorithm'/i);
    });
    it('fires on a misspelt server key and a misspelt traffic key', () => {
      const found = expectAt(y`
        infra: 1
        traffic:
          [[qsp]]: 100
        servers:
          box-1:
            [[monitorng]]: true
        components: {}
      `, 'unknown-key');
      assert.match(found[0]!.message, /qps/);
      assert.match(found[1]!.message, /did you mean 'monitoring'/i);
    });
    it('fires on a key that exists but does not apply to the kind (algorithm on a database)', () => {
      const [f] = expectAt(y`
        infra: 1
        components:
          db-1:
            kind: database
            [[algorithm]]: round-robin
      `, 'unknown-key');
      assert.match(f!.message, /load-balancer/);
    });
    it('fires on an unknown DNS record type, suggesting the upper-case one', () => {
      const [f] = expectAt(y`
        infra: 1
        domain: foobar.com
        dns:
          www:
            [[cname]]: other.example.com
        components: {}
      `, 'unknown-key');
      assert.match(f!.message, /did you mean 'CNAME'/i);
    });
    it('fires on a server property written on a component that runs on a server', () => {
      expectAt(y`
        infra: 1
        servers:
          box-1: { ip: 10.0.0.1 }
        components:
          web-1:
            kind: web-server
            on: box-1
            [[firewall]]: true
      `, 'unknown-key');
    });
    it('stays quiet when every key is known where it stands', () => {
      expectQuiet(CLEAN, 'unknown-key');
    });
  });

  describe('invalid-value', () => {
    it('fires on an unknown kind, listing the allowed values', () => {
      const [f] = expectAt(y`
        infra: 1
        components:
          web-1:
            kind: [[web-srver]]
      `, 'invalid-value');
      for (const k of ['load-balancer', 'web-server', 'app-server', 'database', 'cache', 'cdn', 'queue', 'storage']) assert.ok(f!.message.includes(k), `lists ${k}`);
      assert.match(f!.message, /did you mean 'web-server'/i);
    });
    it('fires on an unknown algorithm, listing the allowed values', () => {
      const [f] = expectAt(y`
        infra: 1
        components:
          lb-1:
            kind: load-balancer
            algorithm: [[round-robbin]]
      `, 'invalid-value');
      for (const v of ['round-robin', 'weighted-round-robin', 'least-connections', 'least-response-time', 'ip-hash', 'random']) assert.ok(f!.message.includes(v), `lists ${v}`);
    });
    it('fires on a wrong format version, replicas below 1, reads above 1, and a bad tls mode', () => {
      expectAt(y`
        infra: [[2]]
        traffic:
          reads: [[1.5]]
        components:
          lb-1:
            kind: load-balancer
            replicas: [[0]]
            tls: [[terminat]]
      `, 'invalid-value');
    });
    it('fires on a bad ip, a bad size and a bad firewall rule item', () => {
      expectAt(y`
        infra: 1
        servers:
          box-1:
            ip: [[10.0.0.300]]
            ram: [[lots]]
            firewall: [allow 443/tcp from any, [[permit everything]]]
        components: {}
      `, 'invalid-value');
    });
    it('fires on a name that is not lower-case letters, digits and hyphens', () => {
      expectAt(y`
        infra: 1
        components:
          [[Web_1]]:
            kind: web-server
      `, 'invalid-value');
    });
    it('stays quiet on valid values', () => {
      expectQuiet(CLEAN, 'invalid-value');
      expectQuiet(y`
        infra: 1
        traffic: { qps: 10, reads: 1 }
        servers:
          box-1: { ip: "2001:db8::1", zone: z1, cpu: 4, ram: 8GB, disk: 160GB, firewall: [allow 22/tcp from 10.0.0.0/8, deny any], monitoring: true }
        components:
          web-1: { kind: web-server, on: box-1, replicas: 3, latency: 5ms, capacity: 100 }
      `, 'invalid-value');
    });
  });

  describe('missing-key', () => {
    it('fires when infra is absent, at the start of the document', () => {
      const [f] = expectAt(y`
        [[]]components:
          web-1:
            kind: web-server
      `, 'missing-key');
      assert.match(f!.message, /infra/);
    });
    it('fires when components is absent', () => {
      const [f] = expectAt(y`
        [[]]infra: 1
        name: nothing here
      `, 'missing-key');
      assert.match(f!.message, /components/);
    });
    it('fires on a component without kind, on its name', () => {
      const [f] = expectAt(y`
        infra: 1
        components:
          [[web-1]]:
            software: nginx
      `, 'missing-key');
      assert.match(f!.message, /kind/);
    });
    it('fires on dns without domain, on the dns key', () => {
      expectAt(y`
        infra: 1
        [[dns]]:
          www:
            A: 203.0.113.1
        components: {}
      `, 'missing-key');
    });
    it('a component key indented as a component name says so, and makes no phantom component', () => {
      const text = 'infra: 1\ncomponents:\n  web:\n    kind: web-server\n  to: app\n  app:\n    kind: app-server\n';
      const codes = codesOf(text);
      const a = analyzeText(text);
      assert.deepEqual([...a.topology.components.keys()], ['web', 'app'], 'no component named "to"');
      const f = a.findings().find((x) => x.code === 'unknown-key')!;
      assert.ok(f, codes.join(', '));
      assert.equal(f.message, "'to' is indented as a component name; indent it under web, with web's other keys.");
      assert.equal(text.slice(f.span.start, f.span.end), 'to');
      assert.ok(!a.findings().some((x) => x.message.includes("to's")), 'no finding about a component "to"');
    });
    it('a server key indented as a server name says so', () => {
      const text = 'infra: 1\nservers:\n  s1:\n    ip: 10.0.0.1\n  firewall: true\ncomponents:\n  app:\n    kind: app-server\n    on: s1\n';
      const a = analyzeText(text);
      assert.deepEqual([...a.topology.servers.keys()], ['s1']);
      assert.ok(a.findings().some((x) => x.code === 'unknown-key' && x.message === "'firewall' is indented as a server name; indent it under s1, with s1's other keys."));
    });
    it('a component named like a key but defined as one (a mapping) is a component', () => {
      const a = analyzeText('infra: 1\ncomponents:\n  cluster:\n    kind: cache\n');
      assert.deepEqual([...a.topology.components.keys()], ['cluster']);
    });
    it('stays quiet on an empty file, or one of comments only: a design not begun is not a mistake', () => {
      assert.deepEqual(codesOf(''), []);
      assert.deepEqual(codesOf('\n  \n'), []);
      assert.deepEqual(codesOf('# my first design\n'), []);
    });
    it('stays quiet when infra, components and every kind are there', () => {
      expectQuiet(CLEAN, 'missing-key');
    });
  });

  describe('unknown-reference', () => {
    it('fires on a to: item that names nothing, suggesting the closest name', () => {
      const [f] = expectAt(y`
        infra: 1
        components:
          lb-1:
            kind: load-balancer
            to: [web-1, [[wbe-2]]]
          web-1: { kind: web-server }
          web-2: { kind: web-server }
      `, 'unknown-reference');
      assert.match(f!.message, /did you mean 'web-2'/i);
    });
    it('fires on on:, peers, replicates, weights and a DNS name value', () => {
      expectAt(y`
        infra: 1
        domain: foobar.com
        dns:
          www:
            A: [[lb-9]]
        servers:
          box-1: { ip: 10.0.0.1 }
        components:
          lb-1:
            kind: load-balancer
            ip: 203.0.113.1
            cluster: { peers: [ [[lb-3]] ] }
            algorithm: weighted-round-robin
            weights: { web-1: 1, [[web-7]]: 2 }
            to: [web-1]
          web-1:
            kind: web-server
            on: [[box-2]]
          db-2:
            kind: database
            role: replica
            replicates: [[db-1]]
      `, 'unknown-reference');
    });
    it('says when on: names a component rather than a server', () => {
      const [f] = expectAt(y`
        infra: 1
        components:
          app-1: { kind: app-server }
          web-1: { kind: web-server, on: [[app-1]] }
      `, 'unknown-reference');
      assert.match(f!.message, /component/);
    });
    it('stays quiet when every name resolves (and on IP values in DNS)', () => {
      expectQuiet(CLEAN, 'unknown-reference');
      expectQuiet(y`
        infra: 1
        domain: foobar.com
        dns:
          www: { A: 203.0.113.1 }
        components:
          web-1: { kind: web-server, ip: 203.0.113.1 }
      `, 'unknown-reference');
    });
  });

  describe('duplicate-name', () => {
    it('fires on the later of a server and a component with the same name', () => {
      const [f] = expectAt(y`
        infra: 1
        servers:
          box-1: { ip: 10.0.0.1 }
        components:
          [[box-1]]:
            kind: web-server
      `, 'duplicate-name');
      assert.match(f!.message, /box-1/);
    });
    it('fires on the later of two components with the same name', () => {
      expectAt(y`
        infra: 1
        components:
          web-1:
            kind: web-server
          [[web-1]]:
            kind: app-server
      `, 'duplicate-name');
    });
    it('fires on the later definition when components come before servers in the file', () => {
      // Spec, "Where each finding goes": "duplicate-name on the later definition".
      expectAt(y`
        infra: 1
        components:
          box-1:
            kind: web-server
        servers:
          [[box-1]]: { ip: 10.0.0.1 }
      `, 'duplicate-name');
    });
    it('keeps the earlier definition: a later component named like a server adds no other finding', () => {
      // Issue 11: one mistake, one squiggle; every `on: box` still finds the server.
      const text = y`
        infra: 1
        servers:
          box: { ip: 10.0.0.1, firewall: true, monitoring: true }
        components:
          web: { kind: web-server, on: box }
          app: { kind: app-server, on: box }
          box: { kind: cache }
      `;
      const got = findingsOf(text).filter((f) => f.severity === 'error' || ['missing-firewall', 'missing-monitoring'].includes(f.code));
      assert.deepEqual(got.map((f) => `${f.code} ${f.text} L${f.line}`), ['duplicate-name box L7']);
    });
    it('keeps the earlier definition: a later server named like a component adds no other finding', () => {
      const text = y`
        infra: 1
        components:
          box: { kind: cache, firewall: true, monitoring: true }
          web: { kind: web-server, firewall: true, monitoring: true, to: [box] }
        servers:
          box: { ip: 10.0.0.1 }
      `;
      const got = findingsOf(text).filter((f) => f.severity === 'error' || ['missing-firewall', 'missing-monitoring'].includes(f.code));
      assert.deepEqual(got.map((f) => `${f.code} ${f.text} L${f.line}`), ['duplicate-name box L6']);
    });
    it('fires on a DNS name defined twice', () => {
      expectAt(y`
        infra: 1
        domain: foobar.com
        dns:
          www: { A: 203.0.113.1 }
          [[www]]: { AAAA: "2001:db8::1" }
        components: {}
      `, 'duplicate-name');
    });
    it('stays quiet on unique names, and on names reached twice through a YAML alias', () => {
      expectQuiet(CLEAN, 'duplicate-name');
      expectQuiet(y`
        infra: 1
        components:
          web-1: &w
            kind: web-server
          web-2: *w
      `, 'duplicate-name');
    });
  });
});
