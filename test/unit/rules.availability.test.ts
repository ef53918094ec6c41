// Availability rules: single-point-of-failure (with the spec's precise
// semantics), write-to-replica, replica-without-primary, cluster-single-node.
import * as assert from 'node:assert/strict';
import { CLEAN, expectAt, expectQuiet, findingsOf, y } from './helpers';

describe('rules: availability', () => {
  describe('single-point-of-failure', () => {
    it('after a partial repair, the server message names exactly what is still single (issue 11)', () => {
      const text = y`
        infra: 1
        domain: foobar.com
        dns: { www: { A: lb } }
        servers:
          server-1: { ip: 10.0.0.1 }
          server-2: { ip: 10.0.0.2 }
        components:
          lb: { kind: load-balancer, cluster: { peers: [lb-2], mode: active-active }, to: [nginx, nginx-2] }
          lb-2: { kind: load-balancer, cluster: { peers: [lb], mode: active-active }, to: [nginx, nginx-2] }
          nginx: { kind: web-server, on: server-1, to: [app, app-2] }
          nginx-2: { kind: web-server, on: server-2, to: [app, app-2] }
          app: { kind: app-server, on: server-1, to: mysql }
          app-2: { kind: app-server, on: server-2, to: mysql }
          mysql: { kind: database, role: primary, on: server-1 }
      `;
      const f = findingsOf(text, 'single-point-of-failure').find((x) => x.text === 'server-1');
      assert.ok(f, 'server-1 is still a single point of failure');
      assert.match(f.message, /mysql has no copy on another server/);
      assert.doesNotMatch(f.message, /nothing elsewhere can take over/);
    });
    it('fires on a lone web server that DNS points at, for reads and writes', () => {
      const [f] = expectAt(y`
        infra: 1
        domain: foobar.com
        dns:
          www: { A: web-1 }
        components:
          [[web-1]]:
            kind: web-server
            ip: 203.0.113.1
      `, 'single-point-of-failure');
      assert.match(f!.message, /every read and every write/);
      assert.match(f!.message, /www\.foobar\.com/);
    });

    it('stays quiet on the clean design', () => {
      expectQuiet(CLEAN, 'single-point-of-failure');
    });

    it('fires on a declared server that runs everything, and on each component there', () => {
      expectAt(y`
        infra: 1
        domain: foobar.com
        dns:
          www: { A: 10.0.0.1 }
        servers:
          [[box-1]]: { ip: 10.0.0.1 }
        components:
          [[web-1]]: { kind: web-server, on: box-1, to: app-1 }
          [[app-1]]: { kind: app-server, on: box-1 }
      `, 'single-point-of-failure');
    });

    it('reports nothing for a design that no DNS name reaches', () => {
      expectQuiet(y`
        infra: 1
        components:
          web-1: { kind: web-server, to: app-1 }
          app-1: { kind: app-server }
      `, 'single-point-of-failure');
    });

    describe('alternatives by kind', () => {
      it('two targets of the same kind in one to: are alternatives', () => {
        expectAt(y`
          infra: 1
          domain: foobar.com
          dns:
            www: { A: web-1 }
          components:
            [[web-1]]: { kind: web-server, ip: 203.0.113.1, to: [app-1, app-2] }
            app-1: { kind: app-server }
            app-2: { kind: app-server }
        `, 'single-point-of-failure');
      });
      it('targets of different kinds are all needed', () => {
        expectAt(y`
          infra: 1
          domain: foobar.com
          dns:
            www: { A: web-1 }
          components:
            [[web-1]]: { kind: web-server, ip: 203.0.113.1, to: [app-1, files-1] }
            [[app-1]]: { kind: app-server }
            [[files-1]]: { kind: storage }
        `, 'single-point-of-failure');
      });
      it('a cache group is optional (cache-aside): a lone cache is no SPOF', () => {
        expectAt(y`
          infra: 1
          domain: foobar.com
          dns:
            www: { A: app-1 }
          components:
            app-1: { kind: app-server, ip: 203.0.113.1, replicas: 2, to: [db-1, cache-1] }
            cache-1: { kind: cache }
            [[db-1]]: { kind: database, role: primary }
        `, 'single-point-of-failure');
      });
      it("a load balancer's targets form one group whatever their kinds", () => {
        expectAt(y`
          infra: 1
          domain: foobar.com
          dns:
            www: { A: lb-1 }
          components:
            [[lb-1]]: { kind: load-balancer, ip: 203.0.113.1, to: [web-1, app-1] }
            web-1: { kind: web-server }
            app-1: { kind: app-server }
        `, 'single-point-of-failure');
      });
      it('an alternative that cannot write does not save writes (write-only SPOF downstream)', () => {
        // app-2 only reaches a replica: reads survive app-1's loss, writes do not.
        const fs = expectAt(y`
          infra: 1
          domain: foobar.com
          traffic: { reads: 0.9 }
          dns:
            www: { A: web-1 }
          components:
            web-1: { kind: web-server, ip: 203.0.113.1, replicas: 2, to: [app-1, app-2] }
            [[app-1]]: { kind: app-server, replicas: 1, to: db-1 }
            app-2: { kind: app-server, to: db-2 }
            [[db-1]]: { kind: database, role: primary }
            db-2: { kind: database, role: replica, replicates: db-1 }
        `, 'single-point-of-failure');
        for (const f of fs) {
          assert.match(f.message, /every write/);
          assert.doesNotMatch(f.message, /every read/);
        }
      });
    });

    describe('instances (replicas)', () => {
      it('replicas: 2 without on: survives the loss of one instance', () => {
        expectQuiet(y`
          infra: 1
          domain: foobar.com
          dns:
            www: { A: web-1 }
          components:
            web-1: { kind: web-server, ip: 203.0.113.1, replicas: 2 }
        `, 'single-point-of-failure');
      });
      it('replicas: 2 with on: fails with the server (reported on the server)', () => {
        expectAt(y`
          infra: 1
          domain: foobar.com
          dns:
            www: { A: box-1 }
          servers:
            [[box-1]]: { ip: 10.0.0.1 }
          components:
            web-1: { kind: web-server, on: box-1, replicas: 2 }
        `, 'single-point-of-failure');
      });
      it('replicas on a primary database means several primaries: writes survive the loss of one', () => {
        expectQuiet(y`
          infra: 1
          domain: foobar.com
          dns:
            www: { A: web-1 }
          components:
            web-1: { kind: web-server, ip: 203.0.113.1, replicas: 2, to: app-1 }
            app-1: { kind: app-server, replicas: 2, to: db-1 }
            db-1: { kind: database, role: primary, replicas: 2 }
        `, 'single-point-of-failure');
      });
    });

    describe('zones', () => {
      it("a zone holding both web servers is reported on each server's zone value", () => {
        const fs = expectAt(y`
          infra: 1
          domain: foobar.com
          dns:
            www: { A: lb-1 }
          servers:
            box-1: { ip: 10.0.0.1, zone: [[eu-1a]] }
            box-2: { ip: 10.0.0.2, zone: [[eu-1a]] }
          components:
            lb-1: { kind: load-balancer, ip: 203.0.113.1, replicas: 2, to: [web-1, web-2] }
            web-1: { kind: web-server, on: box-1 }
            web-2: { kind: web-server, on: box-2 }
        `, 'single-point-of-failure');
        assert.match(fs[0]!.message, /eu-1a/);
      });
      it("a component with a server of its own is reported on its own zone value", () => {
        expectAt(y`
          infra: 1
          domain: foobar.com
          dns:
            www: { A: lb-1 }
          components:
            lb-1: { kind: load-balancer, ip: 203.0.113.1, replicas: 2, to: [web-1, web-2] }
            web-1: { kind: web-server, zone: [[z1]] }
            web-2: { kind: web-server, zone: [[z1]] }
        `, 'single-point-of-failure');
      });
      it('servers spread over two zones are no SPOF, and a server with no zone is never lost with one', () => {
        expectQuiet(y`
          infra: 1
          domain: foobar.com
          dns:
            www: { A: lb-1 }
          servers:
            box-1: { ip: 10.0.0.1, zone: eu-1a }
            box-2: { ip: 10.0.0.2, zone: eu-1b }
            box-3: { ip: 10.0.0.3 }
          components:
            lb-1: { kind: load-balancer, ip: 203.0.113.1, replicas: 2, to: [web-1, web-2, web-3] }
            web-1: { kind: web-server, on: box-1 }
            web-2: { kind: web-server, on: box-2 }
            web-3: { kind: web-server, on: box-3 }
        `, 'single-point-of-failure');
      });
    });

    describe('databases: reads, writes and failover', () => {
      it('with a replica and manual failover, the primary is a write-only SPOF', () => {
        const [f] = expectAt(y`
          infra: 1
          domain: foobar.com
          dns:
            www: { A: app-1 }
          components:
            app-1: { kind: app-server, ip: 203.0.113.1, replicas: 2, to: [db-1, db-2] }
            [[db-1]]: { kind: database, role: primary }
            db-2: { kind: database, role: replica, replicates: db-1 }
        `, 'single-point-of-failure');
        assert.match(f!.message, /every write/);
        assert.doesNotMatch(f!.message, /every read/);
      });
      it('with failover: automatic on the primary, writes survive its loss', () => {
        expectQuiet(y`
          infra: 1
          domain: foobar.com
          dns:
            www: { A: app-1 }
          components:
            app-1: { kind: app-server, ip: 203.0.113.1, replicas: 2, to: db-1 }
            db-1: { kind: database, role: primary, failover: automatic }
            db-2: { kind: database, role: replica, replicates: db-1 }
        `, 'single-point-of-failure');
      });
      it('a lone primary is a SPOF for reads and writes', () => {
        const [f] = expectAt(y`
          infra: 1
          domain: foobar.com
          dns:
            www: { A: app-1 }
          components:
            app-1: { kind: app-server, ip: 203.0.113.1, replicas: 2, to: db-1 }
            [[db-1]]: { kind: database, role: primary }
        `, 'single-point-of-failure');
        assert.match(f!.message, /every read and every write/);
      });
      it('with traffic.reads: 1 only reads count: a replica-backed read path has no SPOF', () => {
        expectQuiet(y`
          infra: 1
          domain: foobar.com
          traffic: { reads: 1 }
          dns:
            www: { A: app-1 }
          components:
            app-1: { kind: app-server, ip: 203.0.113.1, replicas: 2, to: [db-1, db-2] }
            db-1: { kind: database, role: primary }
            db-2: { kind: database, role: replica, replicates: db-1 }
        `, 'single-point-of-failure');
      });
    });

    describe('clusters and entry points', () => {
      it('a DNS value reaching a cluster member reaches the whole cluster', () => {
        expectQuiet(y`
          infra: 1
          domain: foobar.com
          dns:
            www: { A: lb-1 }
          components:
            lb-1: { kind: load-balancer, ip: 203.0.113.1, cluster: { peers: [lb-2], mode: active-active }, to: [web-1, web-2] }
            lb-2: { kind: load-balancer, ip: 203.0.113.2, cluster: { peers: [lb-1], mode: active-active }, to: [web-1, web-2] }
            web-1: { kind: web-server }
            web-2: { kind: web-server }
        `, 'single-point-of-failure');
      });
      it("a DNS value equal to a cluster's vip reaches the cluster", () => {
        expectQuiet(y`
          infra: 1
          domain: foobar.com
          dns:
            www: { A: 203.0.113.9 }
          components:
            lb-1: { kind: load-balancer, cluster: { peers: [lb-2], mode: active-passive, vip: 203.0.113.9 }, to: [web-1, web-2] }
            lb-2: { kind: load-balancer, cluster: { peers: [lb-1], mode: active-passive, vip: 203.0.113.9 }, to: [web-1, web-2] }
            web-1: { kind: web-server }
            web-2: { kind: web-server }
        `, 'single-point-of-failure');
      });
      it('a to: edge reaching a database cluster member reaches the whole cluster', () => {
        expectQuiet(y`
          infra: 1
          domain: foobar.com
          dns:
            www: { A: app-1 }
          components:
            app-1: { kind: app-server, ip: 203.0.113.1, replicas: 2, to: db-1 }
            db-1: { kind: database, role: primary, cluster: { peers: [db-2] } }
            db-2: { kind: database, role: primary, cluster: { peers: [db-1] } }
        `, 'single-point-of-failure');
      });
      it('components reached through one server address are alternative entry points; the server is the SPOF', () => {
        expectAt(y`
          infra: 1
          domain: foobar.com
          dns:
            www: { A: box-1 }
          servers:
            [[box-1]]: { ip: 10.0.0.1 }
          components:
            web-1: { kind: web-server, on: box-1 }
            web-2: { kind: web-server, on: box-1 }
        `, 'single-point-of-failure');
      });
      it('round-robin DNS values are alternative entry points, not SPOFs', () => {
        expectQuiet(y`
          infra: 1
          domain: foobar.com
          dns:
            www: { A: [web-1, web-2] }
          components:
            web-1: { kind: web-server, ip: 203.0.113.1 }
            web-2: { kind: web-server, ip: 203.0.113.2 }
        `, 'single-point-of-failure');
      });
      it('a CNAME to another name of the zone makes a service of its own', () => {
        const [f] = expectAt(y`
          infra: 1
          domain: foobar.com
          dns:
            www: { A: web-1 }
            api: { CNAME: www.foobar.com. }
          components:
            [[web-1]]: { kind: web-server, ip: 203.0.113.1 }
        `, 'single-point-of-failure');
        assert.match(f!.message, /api\.foobar\.com/);
        assert.match(f!.message, /www\.foobar\.com/);
      });
    });
  });

  describe('write-to-replica', () => {
    it('fires on the to: item of a reached component that sends only to a replica', () => {
      const [f] = expectAt(y`
        infra: 1
        domain: foobar.com
        dns:
          www: { A: app-1 }
        components:
          app-1: { kind: app-server, ip: 203.0.113.1, to: [[db-2]] }
          db-1: { kind: database, role: primary }
          db-2: { kind: database, role: replica, replicates: db-1 }
      `, 'write-to-replica');
      assert.match(f!.message, /app-1/);
      assert.match(f!.message, /db-1/);
    });
    it('stays quiet when the component is not reached by users', () => {
      expectQuiet(y`
        infra: 1
        components:
          app-1: { kind: app-server, to: db-2 }
          db-1: { kind: database, role: primary }
          db-2: { kind: database, role: replica, replicates: db-1 }
      `, 'write-to-replica');
    });
    it('stays quiet when traffic.reads is 1 (no writes)', () => {
      expectQuiet(y`
        infra: 1
        domain: foobar.com
        traffic: { reads: 1 }
        dns:
          www: { A: app-1 }
        components:
          app-1: { kind: app-server, ip: 203.0.113.1, to: db-2 }
          db-1: { kind: database, role: primary }
          db-2: { kind: database, role: replica, replicates: db-1 }
      `, 'write-to-replica');
    });
    it('stays quiet when the replica belongs to an automatic-failover primary, or the primary is listed too', () => {
      expectQuiet(y`
        infra: 1
        domain: foobar.com
        dns:
          www: { A: [app-1, app-2] }
        components:
          app-1: { kind: app-server, ip: 203.0.113.1, to: db-2 }
          app-2: { kind: app-server, ip: 203.0.113.2, to: [db-2, db-3] }
          db-1: { kind: database, role: primary, failover: automatic }
          db-2: { kind: database, role: replica, replicates: db-1 }
          db-3: { kind: database, role: primary }
      `, 'write-to-replica');
      expectQuiet(CLEAN, 'write-to-replica');
    });
  });

  describe('replica-without-primary', () => {
    it('fires on role: replica with no replicates, on the role value', () => {
      expectAt(y`
        infra: 1
        components:
          db-1: { kind: database, role: primary }
          db-2:
            kind: database
            role: [[replica]]
      `, 'replica-without-primary');
    });
    it('fires on a replicates that names another replica, on that value', () => {
      const [f] = expectAt(y`
        infra: 1
        components:
          db-1: { kind: database, role: primary }
          db-2: { kind: database, role: replica, replicates: db-1 }
          db-3: { kind: database, role: replica, replicates: [[db-2]] }
      `, 'replica-without-primary');
      assert.match(f!.message, /db-2/);
    });
    it('stays quiet on a replica of a primary', () => {
      expectQuiet(CLEAN, 'replica-without-primary');
    });
  });

  describe('cluster-single-node', () => {
    it('fires on the cluster key when peers names no other component of the same kind', () => {
      expectAt(y`
        infra: 1
        components:
          lb-1:
            kind: load-balancer
            [[cluster]]: { peers: [web-1] }
          web-1: { kind: web-server }
      `, 'cluster-single-node');
    });
    it('fires on an empty peers list', () => {
      expectAt(y`
        infra: 1
        components:
          db-1:
            kind: database
            [[cluster]]: { peers: [] }
      `, 'cluster-single-node');
    });
    it('fires on the DNS value that names the passive member of an active-passive cluster', () => {
      expectAt(y`
        infra: 1
        domain: foobar.com
        dns:
          www: { A: lb-1 }
          api: { A: [[lb-2]] }
        components:
          lb-1: { kind: load-balancer, ip: 203.0.113.1, cluster: { peers: [lb-2], mode: active-passive } }
          lb-2: { kind: load-balancer, ip: 203.0.113.2, cluster: { peers: [lb-1], mode: active-passive } }
      `, 'cluster-single-node');
    });
    it('fires on the to: item that names the passive member', () => {
      expectAt(y`
        infra: 1
        components:
          app-1: { kind: app-server, to: db-1 }
          app-2: { kind: app-server, to: [[db-2]] }
          db-1: { kind: database, cluster: { peers: [db-2], mode: active-passive } }
          db-2: { kind: database, cluster: { peers: [db-1], mode: active-passive } }
      `, 'cluster-single-node');
    });
    it("stays quiet when DNS names the shared vip of an active-passive cluster (vip written on both members)", () => {
      // Spec, Precise semantics: "A cluster may name its shared address: cluster: { peers, mode, vip };
      // DNS values may then be that address." The vip is the cluster's address, not a direct name of
      // the passive member, so this is no "passive member named directly".
      expectQuiet(y`
        infra: 1
        domain: foobar.com
        dns:
          www: { A: 203.0.113.9 }
        components:
          lb-1: { kind: load-balancer, cluster: { peers: [lb-2], mode: active-passive, vip: 203.0.113.9 } }
          lb-2: { kind: load-balancer, cluster: { peers: [lb-1], mode: active-passive, vip: 203.0.113.9 } }
      `, 'cluster-single-node');
    });
    it('stays quiet on a pair named only through its active member, and on active-active pairs named twice', () => {
      expectQuiet(CLEAN, 'cluster-single-node');
      expectQuiet(y`
        infra: 1
        domain: foobar.com
        dns:
          www: { A: lb-1 }
          api: { A: lb-2 }
        components:
          lb-1: { kind: load-balancer, ip: 203.0.113.1, cluster: { peers: [lb-2], mode: active-active } }
          lb-2: { kind: load-balancer, ip: 203.0.113.2, cluster: { peers: [lb-1], mode: active-active } }
          lb-3: { kind: load-balancer, ip: 203.0.113.3, cluster: { peers: [lb-4], mode: active-passive } }
          lb-4: { kind: load-balancer, ip: 203.0.113.4, cluster: { peers: [lb-3], mode: active-passive } }
          app-1: { kind: app-server, to: lb-3 }
      `, 'cluster-single-node');
    });
  });

  it('a design with several findings keeps them in source order', () => {
    const fs = findingsOf(y`
      infra: 1
      domain: foobar.com
      dns:
        www: { A: web-1 }
      components:
        web-1: { kind: web-server, ip: 203.0.113.1, to: app-1 }
        app-1: { kind: app-server, to: db-1 }
        db-1: { kind: database }
    `);
    const starts = fs.map((f) => f.start);
    assert.deepEqual(starts, [...starts].sort((a, b) => a - b));
  });
});
