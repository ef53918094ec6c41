// capacity-exceeded (with the spec's numbers) and the DNS rules:
// dns-invalid-record, dns-cname-conflict, dns-round-robin, dns-dangling.
import * as assert from 'node:assert/strict';
import { CLEAN, expectAt, expectQuiet, findingsOf, show, y } from './helpers';

describe('rules: capacity', () => {
  describe('capacity-exceeded', () => {
    it('fires at qps 3000 on one web server (default capacity 2000), on its name', () => {
      const [f] = expectAt(y`
        infra: 1
        domain: foobar.com
        traffic: { qps: 3000 }
        dns:
          www: { A: web-1 }
        components:
          [[web-1]]: { kind: web-server, ip: 203.0.113.1 }
      `, 'capacity-exceeded');
      assert.match(f!.message, /3000/);
      assert.match(f!.message, /2000/);
    });
    it('counts the share of a CNAME to an active-passive pair on the active member (issue 11)', () => {
      // www and shop are two services: 1500 qps each, both reach lb-a, which sends all to app.
      const [f] = expectAt(y`
        infra: 1
        domain: foobar.com
        traffic: { qps: 3000 }
        dns:
          www: { A: lb-a }
          shop: { CNAME: www.foobar.com. }
        components:
          lb-a: { kind: load-balancer, ip: 203.0.113.1, cluster: { peers: [lb-b], mode: active-passive }, to: [app] }
          lb-b: { kind: load-balancer, ip: 203.0.113.2, cluster: { peers: [lb-a], mode: active-passive }, to: [app] }
          app: { kind: app-server, capacity: [[2500]] }
      `, 'capacity-exceeded');
      assert.match(f!.message, /3000/);
    });
    it('stays quiet at qps 3000 over two alternatives (1500 each)', () => {
      expectQuiet(y`
        infra: 1
        domain: foobar.com
        traffic: { qps: 3000 }
        dns:
          www: { A: lb-1 }
        components:
          lb-1: { kind: load-balancer, ip: 203.0.113.1, to: [web-1, web-2] }
          web-1: { kind: web-server }
          web-2: { kind: web-server }
      `, 'capacity-exceeded');
    });
    it('stays quiet with replicas: 2 (capacity is replicas x capacity), and without traffic', () => {
      expectQuiet(y`
        infra: 1
        domain: foobar.com
        traffic: { qps: 3000 }
        dns:
          www: { A: web-1 }
        components:
          web-1: { kind: web-server, ip: 203.0.113.1, replicas: 2 }
      `, 'capacity-exceeded');
      expectQuiet(y`
        infra: 1
        domain: foobar.com
        dns:
          www: { A: web-1 }
        components:
          web-1: { kind: web-server, ip: 203.0.113.1, capacity: 1 }
      `, 'capacity-exceeded');
    });
    it('honours weighted-round-robin weights (3:1 of 3000 puts 2250 on web-1)', () => {
      const [f] = expectAt(y`
        infra: 1
        domain: foobar.com
        traffic: { qps: 3000 }
        dns:
          www: { A: lb-1 }
        components:
          lb-1:
            kind: load-balancer
            ip: 203.0.113.1
            algorithm: weighted-round-robin
            weights: { web-1: 3, web-2: 1 }
            to: [web-1, web-2]
          [[web-1]]: { kind: web-server }
          web-2: { kind: web-server }
      `, 'capacity-exceeded');
      assert.match(f!.message, /2250/);
    });
    it('ignores weights under another algorithm', () => {
      expectQuiet(y`
        infra: 1
        domain: foobar.com
        traffic: { qps: 3000 }
        dns:
          www: { A: lb-1 }
        components:
          lb-1: { kind: load-balancer, ip: 203.0.113.1, algorithm: round-robin, weights: { web-1: 3, web-2: 1 }, to: [web-1, web-2] }
          web-1: { kind: web-server }
          web-2: { kind: web-server }
      `, 'capacity-exceeded');
    });
    it("an active-passive cluster's passive member takes no load (reported on the explicit capacity value)", () => {
      expectAt(y`
        infra: 1
        domain: foobar.com
        traffic: { qps: 1500 }
        dns:
          www: { A: lb-1 }
        components:
          lb-1: { kind: load-balancer, ip: 203.0.113.1, capacity: [[1000]], cluster: { peers: [lb-2], mode: active-passive } }
          lb-2: { kind: load-balancer, ip: 203.0.113.2, capacity: 1000, cluster: { peers: [lb-1], mode: active-passive } }
      `, 'capacity-exceeded');
    });
    it("an active-passive cluster reached through its vip: one member takes all the load", () => {
      // Spec: "an active-passive cluster's passive members take no load". Reached through the shared
      // vip (written on both members), the 1500 qps go to one active member of capacity 1000.
      const fs = findingsOf(y`
        infra: 1
        domain: foobar.com
        traffic: { qps: 1500 }
        dns:
          www: { A: 203.0.113.9 }
        components:
          lb-1: { kind: load-balancer, capacity: 1000, cluster: { peers: [lb-2], mode: active-passive, vip: 203.0.113.9 } }
          lb-2: { kind: load-balancer, capacity: 1000, cluster: { peers: [lb-1], mode: active-passive, vip: 203.0.113.9 } }
      `, 'capacity-exceeded');
      assert.equal(fs.length, 1, `one member is offered 1500 > 1000: ${show(fs)}`);
      assert.equal(fs[0]!.text, '1000');
      assert.match(fs[0]!.message, /1500/);
    });
    it('an active-passive cluster with the vip written on one member: the active one takes all the load', () => {
      expectAt(y`
        infra: 1
        domain: foobar.com
        traffic: { qps: 1500 }
        dns:
          www: { A: 203.0.113.9 }
        components:
          lb-1: { kind: load-balancer, capacity: [[1000]], cluster: { peers: [lb-2], mode: active-passive, vip: 203.0.113.9 } }
          lb-2: { kind: load-balancer, capacity: 1000, cluster: { peers: [lb-1], mode: active-passive } }
      `, 'capacity-exceeded');
    });
    it('round-robin DNS values share the load of their service', () => {
      expectQuiet(y`
        infra: 1
        domain: foobar.com
        traffic: { qps: 3000 }
        dns:
          www: { A: [web-1, web-2] }
        components:
          web-1: { kind: web-server, ip: 203.0.113.1 }
          web-2: { kind: web-server, ip: 203.0.113.2 }
      `, 'capacity-exceeded');
    });
    it('an active-active cluster shares the load', () => {
      expectQuiet(y`
        infra: 1
        domain: foobar.com
        traffic: { qps: 1500 }
        dns:
          www: { A: lb-1 }
        components:
          lb-1: { kind: load-balancer, ip: 203.0.113.1, capacity: 1000, cluster: { peers: [lb-2], mode: active-active } }
          lb-2: { kind: load-balancer, ip: 203.0.113.2, capacity: 1000, cluster: { peers: [lb-1], mode: active-active } }
      `, 'capacity-exceeded');
    });
    it('reads spread over every database, writes go to the primary', () => {
      // qps 2000, reads 0.9: 1800 reads → 900 each; 200 writes → the primary: 1100 > 1000, the replica 900.
      const design = (qps: number): string => y`
        infra: 1
        domain: foobar.com
        traffic: { qps: ${qps}, reads: 0.9 }
        dns:
          www: { A: app-1 }
        components:
          app-1: { kind: app-server, ip: 203.0.113.1, capacity: 100000, to: [db-1, db-2] }
          [[db-1]]: { kind: database, role: primary }
          db-2: { kind: database, role: replica, replicates: db-1 }
      `;
      expectAt(design(2000), 'capacity-exceeded');
      expectQuiet(design(1800).replace('[[db-1]]', 'db-1'), 'capacity-exceeded');
    });
    it('qps is split evenly over the services, then over entry points', () => {
      // two services, 3000 qps: 1500 each; www has one entry point (1500, fits),
      // api's 1500 land on web-2 with capacity 1000.
      expectAt(y`
        infra: 1
        domain: foobar.com
        traffic: { qps: 3000 }
        dns:
          www: { A: web-1 }
          api: { A: web-2 }
        components:
          web-1: { kind: web-server, ip: 203.0.113.1 }
          web-2: { kind: web-server, ip: 203.0.113.2, capacity: [[1000]] }
      `, 'capacity-exceeded');
    });
    it('stays quiet on the clean design', () => {
      expectQuiet(CLEAN, 'capacity-exceeded');
    });
  });
});

describe('rules: dns', () => {
  /** A zone around the given records (YAML lines under `dns:`, indented from column 0). */
  const zone = (records: string): string => [
    'infra: 1',
    'domain: foobar.com',
    'dns:',
    ...records.split('\n').map((l) => '  ' + l),
    'servers:',
    '  box-4: { ip: 10.0.0.4 }',
    '  box-6: { ip: "2001:db8::6" }',
    'components:',
    '  web-1: { kind: web-server, ip: 203.0.113.1, tls: true }',
    '  web-2: { kind: web-server, tls: true }',
    '',
  ].join('\n');

  describe('dns-invalid-record', () => {
    it('fires on an IPv6 address in an A record', () => {
      const [f] = expectAt(zone('www: { A: [["2001:db8::1"]] }'), 'dns-invalid-record');
      assert.match(f!.message, /AAAA/);
    });
    it('fires on an IPv4 address in an AAAA record', () => {
      expectAt(zone('www: { AAAA: [[203.0.113.1]] }'), 'dns-invalid-record');
    });
    it('fires on an A record naming a component without an ip, and a server with only an IPv6 ip', () => {
      expectAt(zone('www: { A: [ [[web-2]], [[box-6]] ] }'), 'dns-invalid-record');
    });
    it('fires on a malformed IPv4 address', () => {
      expectAt(zone('www: { A: [[203.0.113.300]] }'), 'dns-invalid-record');
    });
    it('fires on an MX with an IP host, and on an MX without priority', () => {
      expectAt(zone('"@": { MX: [ [[10 192.0.2.1]], [[mail.foobar.com]] ] }'), 'dns-invalid-record');
    });
    it('fires on an SOA that is not at @', () => {
      expectAt(zone('www: { SOA: [[ns1.foobar.com. admin.foobar.com. 1 7200 3600 1209600 3600]] }'), 'dns-invalid-record');
    });
    it('fires on an SOA with the wrong number of fields', () => {
      expectAt(zone('"@": { SOA: [[ns1.foobar.com. admin.foobar.com. 1 7200]] }'), 'dns-invalid-record');
    });
    it('fires on SRV with three fields, and on SRV at a name without _service._proto', () => {
      expectAt(zone('_sip._tcp: { SRV: [[10 5 sip.foobar.com.]] }\nsip: { SRV: [[10 5 5060 sip.foobar.com.]] }'), 'dns-invalid-record');
    });
    it('fires on SRV with a port out of range', () => {
      expectAt(zone('_sip._tcp: { SRV: [[10 5 70000 sip.foobar.com.]] }'), 'dns-invalid-record');
    });
    it('fires on a CNAME holding an IP address', () => {
      expectAt(zone('api: { CNAME: [[203.0.113.1]] }'), 'dns-invalid-record');
    });
    it('fires on a CAA with an unknown tag, an NS with an IP, and a PTR that is no host name', () => {
      expectAt(zone('"@": { CAA: [[0 allow letsencrypt.org]], NS: [[192.0.2.53]] }\nx: { PTR: [[not a host]] }'), 'dns-invalid-record');
    });
    it('stays quiet on a value of the right form for every type', () => {
      expectQuiet(zone([
        '"@":',
        '  MX: [10 mail.foobar.com, 20 mail2.foobar.com.]',
        '  TXT: "v=spf1 mx -all"',
        '  NS: [ns1.dnsprovider.net, ns2.dnsprovider.net.]',
        '  SOA: ns1.dnsprovider.net. admin.foobar.com. 2024010101 7200 3600 1209600 3600',
        '  CAA: 0 issue "letsencrypt.org"',
        '  A: [[web-1]]'.replace('[[web-1]]', 'web-1'),
        'www: { A: [203.0.113.1], AAAA: "2001:db8::1" }',
        'v4: { A: box-4 }',
        'v6: { AAAA: box-6 }',
        'api: { CNAME: www.foobar.com. }',
        '_sip._tcp: { SRV: 10 5 5060 sip.example.net. }',
        'ptr: { PTR: host.example.net }',
      ].join('\n')), 'dns-invalid-record');
    });
  });

  describe('dns-cname-conflict', () => {
    it('fires on a CNAME beside an A record, on the CNAME key', () => {
      const [f] = expectAt(zone('api:\n  [[CNAME]]: www.foobar.com.\n  A: 203.0.113.1\nwww: { A: web-1 }'), 'dns-cname-conflict');
      assert.match(f!.message, /A/);
    });
    it('fires on a CNAME at @', () => {
      expectAt(zone('"@":\n  [[CNAME]]: www.example.net.'), 'dns-cname-conflict');
    });
    it('stays quiet on a lone CNAME', () => {
      expectQuiet(zone('api: { CNAME: www.foobar.com. }\nwww: { A: web-1 }'), 'dns-cname-conflict');
    });
  });

  describe('dns-round-robin', () => {
    it('fires on an A record with two values, on the A key', () => {
      expectAt(zone('www:\n  [[A]]: [web-1, 203.0.113.7]'), 'dns-round-robin');
    });
    it('fires on AAAA with two values', () => {
      expectAt(zone('www:\n  [[AAAA]]: ["2001:db8::1", "2001:db8::2"]'), 'dns-round-robin');
    });
    it('stays quiet on one value, and on several NS or MX values', () => {
      expectQuiet(zone('www: { A: [web-1] }\n"@": { NS: [ns1.example.net, ns2.example.net], MX: [10 a.example.net, 20 b.example.net] }'), 'dns-round-robin');
    });
  });

  describe('dns-dangling', () => {
    it('fires on the DNS value that leads to a database', () => {
      const [f] = expectAt(y`
        infra: 1
        domain: foobar.com
        dns:
          www: { A: web-1 }
          db: { A: [[db-1]] }
        components:
          web-1: { kind: web-server, ip: 203.0.113.1, tls: true }
          db-1: { kind: database, ip: 203.0.113.5 }
      `, 'dns-dangling');
      assert.match(f!.message, /db-1/);
    });
    it('fires on a CNAME into the zone that names nothing', () => {
      expectAt(zone('api: { CNAME: [[shop.foobar.com.]] }'), 'dns-dangling');
    });
    it('fires for a cache and a queue reached by DNS', () => {
      expectAt(y`
        infra: 1
        domain: foobar.com
        dns:
          c: { A: [[cache-1]] }
          q: { A: [[queue-1]] }
        components:
          cache-1: { kind: cache, ip: 203.0.113.6 }
          queue-1: { kind: queue, ip: 203.0.113.7 }
      `, 'dns-dangling');
    });
    it('stays quiet on HTTP entry points and CNAMEs to existing names or other zones', () => {
      expectQuiet(CLEAN, 'dns-dangling');
      expectQuiet(zone('www: { A: web-1 }\napi: { CNAME: www.foobar.com. }\nout: { CNAME: shop.example.net. }'), 'dns-dangling');
    });
  });
});

describe('rules: capacity-during-maintenance', () => {
  it('two web servers of 2000 at 3000 qps: fine while both run, overloaded during a deploy (on the member)', () => {
    const [f] = expectAt(y`
      infra: 1
      domain: foobar.com
      traffic: { qps: 3000 }
      dns:
        www: { A: lb-1 }
      components:
        lb-1: { kind: load-balancer, ip: 203.0.113.1, to: [web-1, web-2] }
        [[web-1]]: { kind: web-server }
        web-2: { kind: web-server }
    `, 'capacity-during-maintenance');
    assert.match(f!.message, /web-1 and web-2 are offered 3000 .* serve 4000, but while web-1 is down .* the others serve 2000/);
  });
  it('replicas: 2 at 3000 qps: on replicas, asks for 3', () => {
    const [f] = expectAt(y`
      infra: 1
      domain: foobar.com
      traffic: { qps: 3000 }
      dns:
        www: { A: lb-1 }
      components:
        lb-1: { kind: load-balancer, ip: 203.0.113.1, to: web }
        web: { kind: web-server, replicas: [[2]] }
    `, 'capacity-during-maintenance');
    assert.match(f!.message, /replicas: 3/);
  });
  it('stays quiet with N-1 room, when already over capacity (capacity-exceeded), for one instance, and without traffic', () => {
    const design = (qps: string, replicas: number) => y`
      infra: 1
      domain: foobar.com
      ${qps}
      dns:
        www: { A: lb-1 }
      components:
        lb-1: { kind: load-balancer, ip: 203.0.113.1, to: web }
        web: { kind: web-server, replicas: ${replicas} }
    `;
    expectQuiet(design('traffic: { qps: 3000 }', 3), 'capacity-during-maintenance');
    expectQuiet(design('traffic: { qps: 5000 }', 2), 'capacity-during-maintenance');
    expectQuiet(design('traffic: { qps: 1500 }', 1), 'capacity-during-maintenance');
    expectQuiet(design('', 2), 'capacity-during-maintenance');
  });
  it('the offered load is capacity-exceeded\'s: exactly at the N-1 capacity is fine, just above is not', () => {
    const design = (qps: number) => y`
      infra: 1
      domain: foobar.com
      traffic: { qps: ${qps} }
      dns:
        www: { A: web }
      components:
        web: { kind: web-server, ip: 203.0.113.1, replicas: 3, capacity: 1000 }
    `;
    expectQuiet(design(2000), 'capacity-during-maintenance');
    assert.equal(findingsOf(design(2001)).filter((f) => f.code === 'capacity-during-maintenance').length, 1);
    assert.equal(findingsOf(design(2001)).filter((f) => f.code === 'capacity-exceeded').length, 0);
  });
});
