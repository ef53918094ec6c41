/**
 * Documentation for the Infra YAML vocabulary, shown on hover and as
 * completion details. Plain data: no imports, no behaviour.
 *
 * Entry ids:
 * - `key.<top-level key>`, `key.traffic.<key>`, `key.server.<property>`,
 *   `key.component.<key>`, `key.cluster.<key>`: the keys of the format;
 * - `kind.<kind>`, `algorithm.<name>`, `mode.<mode>`, `role.<role>`,
 *   `failover.<value>`, `tls.<value>`, `firewall.<true|rules>`,
 *   `monitoring.<true|agent>`: allowed values;
 * - `dns.record-name` and `dns.<TYPE>`: DNS record names and types;
 * - `concept.<topic>`: background shared by several keys and rules.
 */

/** One documentation entry. `summary` is one plain sentence (used as completion detail, <= 90 chars). `body` is Markdown (2–6 short paragraphs or bullet lists): what it means, why it matters for availability/security/performance, common mistakes. `example` is a short YAML snippet in this format (no fences). */
export interface DocEntry {
  readonly title: string;
  readonly summary: string;
  readonly body: string;
  readonly example?: string;
}

/** Joins Markdown blocks (paragraphs or lists) with blank lines. */
function md(...blocks: readonly string[]): string {
  return blocks.join("\n\n");
}

export const DOCS: Readonly<Record<string, DocEntry>> = {
  // ---------------------------------------------------------------- top level

  "key.infra": {
    title: "infra",
    summary: "The format version of this design file; always the number 1.",
    body: md(
      "Says which version of the Infra YAML format the file is written in. There is one version today, so the value is the number `1`. The key is required: a file without it is reported as `missing-key`.",
      "The version lets tools keep reading old designs correctly as the format grows: new optional keys may appear, but a file marked `infra: 1` keeps the meaning it has today.",
      "Common mistakes:\n- quoting it (`infra: \"1\"`): write a bare number;\n- writing `version: 1` instead: `version` is not a key of this format (`unknown-key`).",
    ),
    example: "infra: 1\nname: Shop front\ncomponents:\n  web:\n    kind: web-server",
  },

  "key.name": {
    title: "name",
    summary: "An optional human-readable title for the design.",
    body: md(
      "Free text that names the design, for example `Shop front, high availability`. Previews and reports show it as the title; no check depends on it.",
      "Do not confuse it with `domain` (the DNS name users type) or with the names of servers and components, which are the keys under `servers:` and `components:`.",
    ),
    example: "infra: 1\nname: Scaled-up web infrastructure\ndomain: foobar.com",
  },

  "key.lesson": {
    title: "lesson",
    summary: "The course task this design follows; its checklist shows above this line.",
    body: md(
      "Optional. Names one of the four tasks of the course, in order: `simple-stack`, `distributed`, `secured-monitored`, `scaled-up`. Editors show a checklist above the key: what the task asks for, each item ticked once the design has it. No check depends on it, and a design without it loses nothing.",
      "Start a lesson with the command **Infra YAML: Start a Lesson** (or from the walkthroughs on the Welcome page): it writes a starting file into your folder with this key already set.",
    ),
    example: "infra: 1\nlesson: distributed\ndomain: foobar.com",
  },

  "lesson.simple-stack": {
    title: "lesson: simple-stack",
    summary: "Task 1: one server runs the web server, the application and the database.",
    body: md(
      "Build the smallest complete website: a single machine, with the address `8.8.8.8` for example, runs a web server (nginx), an application server and a database (MySQL). Users type `www.foobar.com`; a `www` A record gives them the machine's address.",
      "The checklist asks for a domain name, a `www` record pointing at the server, one server, a web server, an application server, a database, and requests flowing from the web server to the application server to the database.",
      "Then read the findings: everything depends on one machine, so it is a single point of failure, and updating the code means downtime.",
    ),
    example: "lesson: simple-stack\ndomain: foobar.com\ndns:\n  www:\n    A: 8.8.8.8",
  },

  "lesson.distributed": {
    title: "lesson: distributed",
    summary: "Task 2: a load balancer in front of two servers, with a primary-replica database.",
    body: md(
      "Spread the site over two servers. A load balancer (HAProxy) receives every request for `www` and hands it to one of two web servers, chosen by its algorithm (round robin: each in turn). Each server runs a web server and an application server; the database becomes a primary (takes the writes) and a replica (copies them and serves reads).",
      "The checklist asks for two servers, a load balancer with an algorithm, `www` pointing at it, the load balancer spreading over two web servers, and a primary-replica database.",
      "Then read the findings: the load balancer and the primary are still single, and an application server that talks only to the replica cannot write.",
    ),
    example: "lesson: distributed\ncomponents:\n  lb-1:\n    kind: load-balancer\n    algorithm: round-robin\n    to: [web-1, web-2]",
  },

  "lesson.secured-monitored": {
    title: "lesson: secured-monitored",
    summary: "Task 3: three firewalls, an SSL certificate for www, three monitoring clients.",
    body: md(
      "Protect and watch the distributed stack. Put a firewall on each of its three machines, so each accepts only the traffic the design uses; serve `www` over HTTPS with an SSL certificate for `www.foobar.com`; and run a monitoring client on each machine, which sends its metrics and logs to a monitoring service.",
      "The checklist asks for three firewalls, an SSL certificate for `www` on the component users reach, and three monitoring clients.",
      "Then read the findings: HTTPS that ends at the load balancer leaves the next hop in plain text, and one MySQL server still takes every write.",
    ),
    example: "lesson: secured-monitored\nservers:\n  server-1:\n    firewall: true\n    monitoring: sumologic",
  },

  "lesson.scaled-up": {
    title: "lesson: scaled-up",
    summary: "Task 4: a load-balancer cluster, and each tier on servers of its own.",
    body: md(
      "Grow the secured stack. Add a second load balancer and make the two a cluster, so either one takes the traffic when the other fails. Then split the tiers: web servers, application servers and databases each on machines of their own, so they no longer compete for one machine's CPU, memory and disk.",
      "The checklist asks for a cluster of two load balancers, and web servers, application servers and databases on servers of their own.",
      "Then read the findings until none is left: two of each tier, and a replica that takes over writes, leave no single point of failure.",
    ),
    example: "lesson: scaled-up\ncomponents:\n  lb-1:\n    kind: load-balancer\n    cluster: { peers: [lb-2], mode: active-active }",
  },

  "key.domain": {
    title: "domain",
    summary: "The registered domain the design serves, e.g. foobar.com.",
    body: md(
      "The domain name you registered, such as `foobar.com`. Record names under `dns:` are relative to it: `www` stands for `www.foobar.com` and `@` for `foobar.com` itself.",
      "It is required whenever `dns` is present. Certificate checks (`certificate-mismatch`) use it to build the full names that users type in a browser.",
      "Common mistakes:\n- adding a scheme or path (`https://foobar.com/`): write the bare name;\n- writing a subdomain (`www.foobar.com`) when you mean the zone; put `www` under `dns:` instead.",
    ),
    example: "domain: foobar.com\ndns:\n  www:\n    A: 203.0.113.10",
  },

  "key.traffic": {
    title: "traffic",
    summary: "The expected peak load, used by capacity checks and the simulator.",
    body: md(
      "Describes how much load the design must carry: `qps` (peak requests per second from users) and `reads` (the share of those requests that only read data).",
      "With `traffic` present, `capacity-exceeded` estimates how many requests per second reach each component and compares that with what its instances can serve. Without it, no capacity check runs.",
      "Size for the peak, not the average: a design that copes with a quiet Tuesday may fall over during a sale or a product launch.",
    ),
    example: "traffic:\n  qps: 1200\n  reads: 0.9",
  },

  "key.traffic.qps": {
    title: "traffic.qps",
    summary: "Peak requests per second arriving from users.",
    body: md(
      "The number of requests per second users send at the busiest moment you plan for. It is split evenly over the services (DNS names that reach the design), then over each service's entry points, then over alternatives at every hop.",
      "A rough estimate: daily active users × requests per user per day ÷ 86 400 gives the average; multiply by a peak factor (often 3 to 10) for the busiest minute. For example 200 000 users × 40 requests ÷ 86 400 ≈ 93 per second on average, around 500 at peak.",
      "Common mistakes:\n- counting page views instead of requests: one page usually makes several requests (HTML, API calls, images);\n- using the daily average, which hides the peak.",
    ),
    example: "traffic:\n  qps: 500",
  },

  "key.traffic.reads": {
    title: "traffic.reads",
    summary: "Share of requests that only read data (0 to 1); the rest write. Default 0.9.",
    body: md(
      "A number between 0 and 1. `0.9` means nine requests in ten only read (show a page, list products) and one in ten writes (place an order, post a comment). The default is `0.9`; most web applications read far more than they write.",
      "The split matters because the two classes travel differently: reads may be served by any database, primary or replica, while writes must reach a primary. Capacity checks spread reads over all the databases a component may read from and send writes to the primary.",
      "With `reads: 1` the design is read-only, and `write-to-replica` is not checked.",
    ),
    example: "traffic:\n  qps: 800\n  reads: 0.95",
  },

  "key.dns": {
    title: "dns",
    summary: "The DNS zone of the domain: record name → record type → value or list of values.",
    body: md(
      "Lists the records of the zone for `domain`. Each key is a record name (`@` for the domain itself, `www` for `www.foobar.com`), and under it each record type (`A`, `CNAME`, `MX`, …) maps to one value or a list of values.",
      "The A, AAAA and CNAME records decide how users reach the design: every name whose records lead to a component is a **service**, and the components it reaches are the service's **entry points**. An A value may be the name of a server or component instead of a literal address.",
      "Checks here catch values of the wrong form (`dns-invalid-record`), CNAMEs beside other records (`dns-cname-conflict`), round-robin DNS used as a load balancer (`dns-round-robin`) and names pointing at something that does not serve HTTP (`dns-dangling`).",
    ),
    example: "dns:\n  \"@\":\n    MX: [10 mail.foobar.com]\n  www:\n    A: lb-1\n  api:\n    CNAME: www.foobar.com.",
  },

  "key.servers": {
    title: "servers",
    summary: "Machines that several components share: name → server properties.",
    body: md(
      "A server is one machine, physical or virtual, with its own address, failure domain, resources, firewall and monitoring. Declare servers here when several components run on the same machine, and point each component at its server with `on:`.",
      "A component without `on:` gets a machine of its own; write its server properties (`ip`, `zone`, `firewall`, …) on the component itself and leave it out of `servers:`.",
      "Everything on one server fails together: when the machine dies, every component on it dies too. Putting a whole stack on one box is simple and cheap, but it creates a single point of failure and makes the web, app and database tiers compete for the same CPU and memory (`shared-server`).",
    ),
    example: "servers:\n  box-1:\n    ip: 10.0.0.11\n    zone: eu-west-1a\n    firewall: true\n    monitoring: datadog",
  },

  "key.components": {
    title: "components",
    summary: "The software of the design: component name → component. Required.",
    body: md(
      "Each entry is a piece of software that handles requests: a load balancer, a web server, an application server, a database, and so on. Its `kind` is required; `to:` says which components it sends requests to, and `on:` which server it runs on.",
      "Names use lowercase letters, digits and dashes (`web-1`, `db-primary`) and start with a letter or digit. A name must be unique across `servers` and `components` together, because DNS values and references may name either.",
      "The key itself is required (`missing-key`), even for a design of one component.",
    ),
    example: "components:\n  web:\n    kind: web-server\n    software: nginx\n    to: app\n  app:\n    kind: app-server\n    software: gunicorn",
  },

  // ---------------------------------------------------------- server properties

  "key.server.ip": {
    title: "ip",
    summary: "The machine's IPv4 or IPv6 address.",
    body: md(
      "The address other machines use to reach this server. DNS `A` and `AAAA` records may name the server (or a component with its own server) instead of repeating the address, which keeps the two in step.",
      "Public addresses are reachable from the Internet; private ones (`10.0.0.0/8`, `172.16.0.0/12`, `192.168.0.0/16`) only inside your network. Only the machines users must reach, typically load balancers, should have a public address in public DNS.",
      "A component with `replicas` and no `on:` runs on several machines that share this address, balanced as a cluster. A DNS value equal to a server's `ip` reaches the components on that server that no other component sends to.",
    ),
    example: "servers:\n  server-1:\n    ip: 10.0.0.11",
  },

  "key.server.zone": {
    title: "zone",
    summary: "The failure domain the machine lives in: a rack, data centre or cloud zone.",
    body: md(
      "A zone is a set of machines that can fail together: one power feed, one network switch, one data centre, one cloud availability zone such as `eu-west-1a`.",
      "When servers declare a zone, losing a whole zone is checked too: if it stops reads or writes for a service, `single-point-of-failure` is reported on the `zone` value of every server in it. A server without `zone` is never lost with one.",
      "Common mistake: two redundant copies (two load balancers, primary and replica) in the same zone. Spread each redundant pair across at least two zones.",
    ),
    example: "components:\n  db-1:\n    kind: database\n    role: primary\n    zone: eu-west-1a\n  db-2:\n    kind: database\n    role: replica\n    replicates: db-1\n    zone: eu-west-1b",
  },

  "key.server.cpu": {
    title: "cpu",
    summary: "Number of CPU cores on the machine.",
    body: md(
      "How many cores the machine has. It documents the sizing of the design; request rates are set per component with `capacity`.",
      "Cores matter most when several components share a server: an application server busy rendering pages takes CPU away from the database next to it, and both slow down at the same moment (`shared-server`).",
    ),
    example: "servers:\n  app-box:\n    ip: 10.0.0.21\n    cpu: 8\n    ram: 16GB",
  },

  "key.server.ram": {
    title: "ram",
    summary: "Memory of the machine, e.g. 8GB.",
    body: md(
      "The machine's memory, written with a unit such as `512MB`, `8GB` or `64GB`.",
      "Memory decides how much a database or cache keeps in RAM instead of reading from disk; a database whose working set no longer fits becomes many times slower. When memory runs out entirely, the operating system may kill a process, often the largest one: the database.",
      "Watch memory with monitoring, and avoid running memory-hungry tiers side by side on one machine.",
    ),
    example: "servers:\n  db-box:\n    ip: 10.0.0.31\n    ram: 32GB",
  },

  "key.server.disk": {
    title: "disk",
    summary: "Disk size of the machine, e.g. 160GB.",
    body: md(
      "The machine's storage, written with a unit such as `80GB` or `2TB`. Databases keep their data and logs there; web and application servers mostly need it for logs.",
      "A full disk is a classic outage: the database stops accepting writes and logs stop being written just when you need them. Plan for growth and alert well before the disk fills up (a monitoring agent reports disk usage).",
    ),
    example: "servers:\n  db-box:\n    ip: 10.0.0.31\n    disk: 500GB",
  },

  "key.server.firewall": {
    title: "firewall",
    summary: "The machine's firewall: true (allow what the design uses) or a list of rules.",
    body: md(
      "A firewall decides which network traffic may reach the machine. Two forms:\n- `true`: allow exactly the traffic the design uses (users to the entry points, each component to the ports of its `to:` targets) and deny everything else;\n- a list of rules such as `allow 443/tcp from any`, denying whatever no rule allows.",
      "Absent or `false` means no firewall: every port of every process on the machine is reachable by anyone who can route to it. That is reported as `missing-firewall` on machines that users or other servers reach.",
      "A firewall on each machine, not only at the edge of the network, is defence in depth: one mistake elsewhere does not open the database to the world.",
    ),
    example: "servers:\n  web-box:\n    ip: 10.0.0.11\n    firewall: [allow 443/tcp from any, allow 22/tcp from 10.0.0.0/8]",
  },

  "key.server.monitoring": {
    title: "monitoring",
    summary: "The monitoring client the machine runs: true, or the agent's name.",
    body: md(
      "A monitoring client (agent) on the machine collects metrics, logs and health-check results and sends them to a monitoring service. Write `true`, or the agent's name: `sumologic`, `datadog`, `prometheus`, `zabbix`, `nagios`, `newrelic`, …",
      "Without monitoring you learn about an outage from your users. With it you see the disk filling, the error rate climbing or the replica falling behind, and you can act before it turns into downtime.",
      "Absent means no monitoring, reported as `missing-monitoring`.",
    ),
    example: "servers:\n  server-1:\n    ip: 10.0.0.11\n    monitoring: prometheus",
  },

  // ------------------------------------------------------------- component keys

  "key.component.kind": {
    title: "kind",
    summary: "What the component is: a load-balancer, web-server, app-server, database and so on.",
    body: md(
      "Required on every component. One of `load-balancer`, `web-server`, `app-server`, `database`, `cache`, `cdn`, `queue`, `storage`.",
      "The kind decides which keys apply (`algorithm` only on load balancers, `role` only on databases, …), the default capacity, latency and ports, whether the component serves HTTP, and how `to:` groups targets: targets of the same kind are alternatives, targets of different kinds are all needed.",
      "Common mistake: calling everything a `web-server`. A web server handles HTTP and static files; the code of your application runs in an `app-server`.",
    ),
    example: "components:\n  web:\n    kind: web-server\n    software: nginx",
  },

  "key.component.software": {
    title: "software",
    summary: "The product that implements the component, e.g. nginx, haproxy, mysql.",
    body: md(
      "Names the program, such as `haproxy` or `nginx` for a load balancer, `nginx` or `apache` for a web server, `gunicorn`, `php-fpm` or `node` for an application server, `mysql` or `postgresql` for a database, `redis` or `memcached` for a cache.",
      "Besides documenting the design, it sets default ports: mysql 3306, postgresql 5432, redis 6379, memcached 11211. Those ports are what `firewall: true` opens and what `database-exposed` looks for in `from any` rules.",
    ),
    example: "components:\n  db:\n    kind: database\n    software: postgresql\n    role: primary",
  },

  "key.component.on": {
    title: "on",
    summary: "The declared server this component runs on; absent: a server of its own.",
    body: md(
      "Names a server from `servers:`. Several components `on:` the same server share its address, firewall, monitoring and resources, and fail when it fails.",
      "Without `on:` the component has a machine of its own, and its server properties (`ip`, `zone`, `firewall`, `monitoring`, …) are written on the component.",
      "Common mistakes:\n- naming a component instead of a server: `on` only takes names declared under `servers:`;\n- combining `on:` with `replicas: 2` and believing it is redundant: all instances then run on that one machine and die with it.",
    ),
    example: "servers:\n  server-1:\n    ip: 10.0.0.11\ncomponents:\n  web:\n    kind: web-server\n    on: server-1",
  },

  "key.component.replicas": {
    title: "replicas",
    summary: "Number of identical instances of the component (default 1).",
    body: md(
      "Runs N copies of the same component. Without `on:` each copy gets its own machine; the copies share the component's `ip` and are balanced like a cluster. The component then survives the loss of one instance, and its capacity is N × `capacity`.",
      "With `on:`, all N copies run on that one server: more capacity, but no protection from the server failing.",
      "On a primary database, `replicas` means several primaries (multi-primary): losing one still leaves writes. For read copies of a database, declare separate components with `role: replica` instead.",
    ),
    example: "components:\n  web:\n    kind: web-server\n    software: nginx\n    replicas: 3",
  },

  "key.component.to": {
    title: "to",
    summary: "The component(s) this one sends requests to.",
    body: md(
      "A name or a list of names. A request that reaches this component continues along these edges. Targets are grouped by kind:\n- targets of the same kind are alternatives: any live one serves;\n- targets of different kinds are all needed, one from each group;\n- a load balancer's targets are always alternatives, chosen by its `algorithm`;\n- a `cache` group is optional: when every cache is down, requests go on without it.",
      "Common mistake: `to: [web-1, app-1]` read as \"either\". They are different kinds, so both are needed.",
      "Each edge also implies network traffic: `firewall: true` opens the target's port to the sender.",
    ),
    example: "components:\n  app:\n    kind: app-server\n    to: [db-1, db-2, cache]",
  },

  "key.component.algorithm": {
    title: "algorithm",
    summary: "How a load balancer picks one of its targets for each request.",
    body: md(
      "Load balancers only. One of `round-robin`, `weighted-round-robin`, `least-connections`, `least-response-time`, `ip-hash`, `random`.",
      "The choice matters when targets differ in size or requests differ in cost: `round-robin` assumes identical servers and similar requests, `least-connections` adapts to long or uneven requests, `weighted-round-robin` handles servers of different sizes, and `ip-hash` keeps each client on the same server.",
      "Whatever the algorithm, a good load balancer also health-checks its targets and stops sending to one that fails.",
    ),
    example: "components:\n  lb:\n    kind: load-balancer\n    algorithm: least-connections\n    to: [web-1, web-2]",
  },

  "key.component.weights": {
    title: "weights",
    summary: "Target name → integer weight, for weighted-round-robin.",
    body: md(
      "Gives each target of a load balancer a share of the requests proportional to its weight. With `web-1: 3` and `web-2: 1`, web-1 receives three requests out of four.",
      "Use it when targets differ in size (a new 16-core machine beside an old 4-core one) or to send a small share of traffic to a new version (a canary).",
      "Every name must be a target in `to:` that exists (`unknown-reference` otherwise), and weights only apply with `algorithm: weighted-round-robin`. Capacity checks divide the load by these weights.",
    ),
    example: "components:\n  lb:\n    kind: load-balancer\n    algorithm: weighted-round-robin\n    weights: { web-1: 3, web-2: 1 }\n    to: [web-1, web-2]",
  },

  "key.component.cluster": {
    title: "cluster",
    summary: "Groups load balancers or databases that share an address and take over from each other.",
    body: md(
      "Written `{ peers: [names], mode: active-active | active-passive, vip: address }` on a load balancer or database. The members share a virtual address; when one fails, the others keep answering on it.",
      "A DNS value or `to:` edge that reaches one member reaches the whole cluster, so a clustered load balancer is not a single point of failure.",
      "Checked by `cluster-single-node`: `peers` must name at least one other existing component of the same kind, and in an active-passive cluster the passive member must not also be addressed directly.",
    ),
    example: "components:\n  lb-1:\n    kind: load-balancer\n    cluster: { peers: [lb-2], mode: active-active }\n    to: [web-1, web-2]",
  },

  "key.component.tls": {
    title: "tls",
    summary: "Where HTTPS is handled: terminate, passthrough or reencrypt; true on web/app servers.",
    body: md(
      "On a `load-balancer` or `cdn`:\n- `terminate`: decrypts HTTPS and forwards plain HTTP to its targets;\n- `passthrough`: forwards the encrypted stream untouched; the targets decrypt;\n- `reencrypt`: decrypts, then opens a new HTTPS connection to each target.",
      "On a `web-server`, `app-server` or `storage`: `true` means it serves HTTPS itself and holds a certificate.",
      "Only HTTPS protects users' passwords and cookies on the way. Any hop that carries plain HTTP can be read by whoever can observe that network, which is why `terminate` is reported by `tls-terminated-at-load-balancer` (and, on a CDN, whose hop to the origin crosses the internet, by `tls-terminated-at-cdn`) and plain entry points by `no-https`.",
    ),
    example: "components:\n  lb:\n    kind: load-balancer\n    tls: reencrypt\n    certificate: www.foobar.com\n    to: [web-1, web-2]",
  },

  "key.component.certificate": {
    title: "certificate",
    summary: "The name the TLS certificate is issued for, e.g. www.foobar.com or *.foobar.com.",
    body: md(
      "The subject of the certificate the component presents when it serves TLS. Browsers compare it with the name in the address bar and refuse the connection (a full-page warning) when they differ.",
      "A wildcard `*.foobar.com` covers exactly one label: `www.foobar.com` and `api.foobar.com`, but not `foobar.com` itself nor `a.b.foobar.com`.",
      "Checked by `certificate-mismatch` against every DNS name whose TLS session ends at this component.",
    ),
    example: "components:\n  web:\n    kind: web-server\n    tls: true\n    certificate: \"*.foobar.com\"",
  },

  "key.component.role": {
    title: "role",
    summary: "A database's role in replication: primary (reads and writes) or replica (reads).",
    body: md(
      "`primary` accepts reads and writes. `replica` holds a copy of a primary (named by `replicates`) and accepts reads only.",
      "Replicas add read capacity and a standby copy of the data. Writes must still reach a primary: an application that can only talk to replicas cannot save anything (`write-to-replica`).",
    ),
    example: "components:\n  db-1:\n    kind: database\n    role: primary\n  db-2:\n    kind: database\n    role: replica\n    replicates: db-1",
  },

  "key.component.replicates": {
    title: "replicates",
    summary: "The primary database this replica copies its data from.",
    body: md(
      "On a database with `role: replica`, names its primary. The primary streams every change to the replica, which applies them in order and serves reads from its copy.",
      "A replica without `replicates`, or one that names a database that is not a primary, is reported as `replica-without-primary`: it has no source of data, so it cannot serve correct reads or take over.",
    ),
    example: "components:\n  db-2:\n    kind: database\n    role: replica\n    replicates: db-1",
  },

  "key.component.failover": {
    title: "failover",
    summary: "What happens when a primary fails: automatic promotion or manual (default).",
    body: md(
      "Written on a primary database (it may be repeated on its replicas). `automatic`: when the primary fails, a live replica is promoted to primary and takes over its address. `manual` (the default): someone must notice and promote a replica by hand.",
      "Only with `automatic` does a replica keep writes working through a primary failure; with `manual`, the primary remains a single point of failure for writes.",
    ),
    example: "components:\n  db-1:\n    kind: database\n    role: primary\n    failover: automatic",
  },

  "key.component.capacity": {
    title: "capacity",
    summary: "Requests per second one instance can serve.",
    body: md(
      "The throughput of one instance. Defaults per kind: load-balancer 10000, web-server 2000, app-server 500, database 1000, cache 20000, cdn 100000, queue 5000, storage 2000. A component's total is `replicas` × `capacity`.",
      "`capacity-exceeded` compares this with the load the component would get at `traffic.qps`. Measure the real figure with a load test when you can: it depends heavily on the hardware and on what each request does.",
    ),
    example: "components:\n  app:\n    kind: app-server\n    capacity: 800\n    replicas: 3",
  },

  "key.component.latency": {
    title: "latency",
    summary: "Time one request spends inside the component, e.g. 5ms.",
    body: md(
      "How long the component itself works on one request, written with a unit (`800us`, `5ms`, `1s`). Defaults: load-balancer 1ms, web-server 2ms, app-server 20ms, database 5ms, cache 1ms, cdn 5ms, queue 2ms, storage 10ms.",
      "A request's total time is roughly the sum along its path, which is why a cache (1ms) in front of a database (5ms or much more for a complex query) can speed pages up.",
    ),
    example: "components:\n  db:\n    kind: database\n    latency: 12ms",
  },

  // --------------------------------------------------------------- cluster keys

  "key.cluster.peers": {
    title: "cluster.peers",
    summary: "The other members of the cluster.",
    body: md(
      "A list of components of the same kind that share the virtual address with this one. Each member usually lists the others, as lb-1 lists lb-2 and lb-2 lists lb-1.",
      "If no peer names another existing component of the same kind, the cluster has nobody to take over, which is reported as `cluster-single-node`.",
    ),
    example: "cluster: { peers: [lb-2], mode: active-active }",
  },

  "key.cluster.mode": {
    title: "cluster.mode",
    summary: "active-active (all members serve) or active-passive (a standby waits).",
    body: md(
      "`active-active`: every member handles traffic at the same time. `active-passive`: one member handles traffic while the others stand by and take over its address when it fails.",
      "In an active-passive cluster, the member named by the DNS value or `to:` edge is the active one; the others take no load in capacity checks.",
    ),
    example: "cluster: { peers: [db-2], mode: active-passive }",
  },

  "key.cluster.vip": {
    title: "cluster.vip",
    summary: "The virtual IP address the members share (optional).",
    body: md(
      "A virtual IP moves between machines: whichever member is alive and active answers on it, usually arranged by a protocol such as VRRP (for example with keepalived). Users and DNS keep one address while the machine behind it changes.",
      "When a cluster declares `vip`, DNS values may be that address, and they reach the whole cluster.",
    ),
    example: "components:\n  lb-1:\n    kind: load-balancer\n    cluster: { peers: [lb-2], mode: active-passive, vip: 203.0.113.9 }\ndns:\n  www:\n    A: 203.0.113.9",
  },

  // ---------------------------------------------------------------------- kinds

  "kind.load-balancer": {
    title: "load-balancer",
    summary: "Spreads incoming requests over several identical backends.",
    body: md(
      "Receives requests and hands each one to one of its `to:` targets, chosen by its `algorithm`. It health-checks its targets and stops sending to a dead one, so losing one web server no longer means losing the site. Typical software: HAProxy, nginx, a cloud load balancer.",
      "A single load balancer is itself a single point of failure: put two in a `cluster` sharing one address. It is also the usual place to handle HTTPS (`tls: terminate`, `passthrough` or `reencrypt`).",
      "Defaults: 10000 requests per second, 1ms, ports 80 and 443.",
    ),
    example: "components:\n  lb-1:\n    kind: load-balancer\n    software: haproxy\n    algorithm: round-robin\n    cluster: { peers: [lb-2], mode: active-active }\n    to: [web-1, web-2]",
  },

  "kind.web-server": {
    title: "web-server",
    summary: "Handles HTTP connections, serves static files and forwards dynamic requests.",
    body: md(
      "A web server (nginx, Apache) speaks HTTP with clients: it accepts connections, serves static files such as images, CSS and JavaScript straight from disk, and passes requests for dynamic pages to an application server (a reverse proxy).",
      "**Web server vs app server:** the web server delivers content that already exists; the app server runs your code (Python, PHP, Node, …) to build a response, often after asking the database. Web servers are fast and cheap per request (default 2000 per second); app servers are slower (default 500).",
      "It may serve HTTPS itself with `tls: true`. Defaults: 2ms, ports 80 and 443.",
    ),
    example: "components:\n  web-1:\n    kind: web-server\n    software: nginx\n    tls: true\n    certificate: www.foobar.com\n    to: app-1",
  },

  "kind.app-server": {
    title: "app-server",
    summary: "Runs the application code that builds dynamic responses.",
    body: md(
      "An application server runs your program: Gunicorn or uWSGI for Python, PHP-FPM, Node.js, a Java servlet container. It receives a request, runs the business logic, reads or writes the database and returns the generated page or JSON.",
      "**App server vs web server:** the app server computes each answer, while the web server in front of it handles connections and static files and forwards the rest. Keeping them separate lets each tier scale on its own.",
      "It is usually the slowest tier per request (defaults: 500 per second, 20ms, port 8000), so it is often the first to need `replicas`.",
    ),
    example: "components:\n  app-1:\n    kind: app-server\n    software: gunicorn\n    to: [db-1, db-2]",
  },

  "kind.database": {
    title: "database",
    summary: "Stores the application's data; primary (reads and writes) or replica (reads).",
    body: md(
      "Keeps the data that must survive restarts: users, orders, posts. Typical software: MySQL (port 3306), PostgreSQL (5432).",
      "It is the hardest tier to make redundant because it holds state. The common pattern is one `primary` for writes and one or more `replica` databases copying it (`replicates`), with `failover: automatic` so a replica takes over writes if the primary dies.",
      "A database should never be reachable from the Internet: users talk to web and app servers, and only app servers talk to the database (`database-exposed`). Defaults: 1000 requests per second, 5ms.",
    ),
    example: "components:\n  db-1:\n    kind: database\n    software: mysql\n    role: primary\n    failover: automatic\n    firewall: true",
  },

  "kind.cache": {
    title: "cache",
    summary: "Keeps hot data in memory so most reads skip the database.",
    body: md(
      "An in-memory store such as Redis (port 6379) or Memcached (11211). The application checks the cache first and only asks the database on a miss, then stores the answer for next time (cache-aside).",
      "A cache cuts latency (default 1ms) and protects the database from read load (default 20000 per second). In `to:` the cache group is optional: when every cache is down, requests fall through to the other targets, so a lone cache is not a single point of failure, but the database then gets the full load.",
      "Common mistake: forgetting that cached data can be stale; decide how long entries may live.",
    ),
    example: "components:\n  app:\n    kind: app-server\n    to: [cache, db-1]\n  cache:\n    kind: cache\n    software: redis",
  },

  "kind.cdn": {
    title: "cdn",
    summary: "A content delivery network: edge servers near users that cache and serve content.",
    body: md(
      "A CDN (Cloudflare, Fastly, CloudFront, …) answers users from servers close to them and forwards only cache misses to your origin (`to:`). Static assets, and sometimes whole pages, never reach your own machines.",
      "It absorbs large traffic peaks (default 100000 requests per second) and cuts latency for distant users. Like a load balancer it handles HTTPS with `tls: terminate`, `passthrough` or `reencrypt`; `terminate` means the hop to your origin travels unencrypted.",
    ),
    example: "components:\n  edge:\n    kind: cdn\n    tls: reencrypt\n    certificate: www.foobar.com\n    to: lb-1",
  },

  "kind.queue": {
    title: "queue",
    summary: "A message queue that buffers work for asynchronous processing.",
    body: md(
      "A message broker such as RabbitMQ, Kafka or Amazon SQS. The app server puts a job in the queue (send an email, resize an image) and answers the user at once; workers take jobs off the queue and process them later.",
      "A queue smooths out peaks and keeps slow work out of the request path. It does not speak HTTP to users, so a DNS name pointing at it is `dns-dangling`. Defaults: 5000 per second, 2ms.",
    ),
    example: "components:\n  app:\n    kind: app-server\n    to: [db-1, jobs]\n  jobs:\n    kind: queue\n    software: rabbitmq",
  },

  "kind.storage": {
    title: "storage",
    summary: "Object or file storage for uploads, media and backups, served over HTTP.",
    body: md(
      "Stores files rather than rows: user uploads, images, videos, backups. Typical examples are Amazon S3, MinIO and other object stores, which serve files over HTTP.",
      "Keeping files out of the app servers' local disks lets those servers be identical and replaceable. Defaults: 2000 requests per second, 10ms.",
    ),
    example: "components:\n  app:\n    kind: app-server\n    to: [db-1, media]\n  media:\n    kind: storage\n    software: minio",
  },

  // ------------------------------------------------------------------------ DNS

  "dns.record-name": {
    title: "DNS record name",
    summary: "A name in the zone, relative to domain; @ is the domain itself.",
    body: md(
      "Each key under `dns:` is a name relative to `domain`. With `domain: foobar.com`:\n- `@` is the apex, `foobar.com` itself (quote it: `\"@\"`, since `@` cannot start a plain YAML value);\n- `www` is `www.foobar.com`, a subdomain;\n- `eu.api` is `eu.api.foobar.com`;\n- `_sip._tcp` is a service name used by SRV records.",
      "The **domain** is the name you registered; a **subdomain** is any name below it, which you create freely in your own zone without asking a registrar.",
      "Common mistakes: writing the full name (`www.foobar.com`) as a key, which means `www.foobar.com.foobar.com`; and putting a CNAME at `@`, which DNS forbids (`dns-cname-conflict`).",
    ),
    example: "domain: foobar.com\ndns:\n  \"@\":\n    A: 203.0.113.10\n  www:\n    CNAME: foobar.com.",
  },

  "dns.A": {
    title: "A record",
    summary: "Maps a name to an IPv4 address (or a server/component with an IPv4 ip).",
    body: md(
      "The address record: the browser asks for `www.foobar.com` and gets back an IPv4 address such as `203.0.113.10` to connect to.",
      "Value: an IPv4 address, or the name of a server or component that has an IPv4 `ip`; naming it keeps DNS and the design in step. A name that matches nothing is `unknown-reference`; one without a suitable `ip` is `dns-invalid-record`.",
      "Several values make round-robin DNS: clients pick among them, but DNS does no health checks, so some users keep trying a dead address (`dns-round-robin`). Prefer one address in front of a load-balancer cluster.",
    ),
    example: "dns:\n  www:\n    A: lb-1\n  status:\n    A: 198.51.100.7",
  },

  "dns.AAAA": {
    title: "AAAA record",
    summary: "Maps a name to an IPv6 address (or a server/component with an IPv6 ip).",
    body: md(
      "The IPv6 counterpart of `A`. Value: an IPv6 address such as `2001:db8::10`, or the name of a server or component whose `ip` is IPv6.",
      "Publish AAAA next to A when your machines are reachable over IPv6; clients that have IPv6 will prefer it. Both records should lead to the same service, with the same HTTPS and firewall setup on each path.",
    ),
    example: "dns:\n  www:\n    A: 203.0.113.10\n    AAAA: \"2001:db8::10\"",
  },

  "dns.CNAME": {
    title: "CNAME record",
    summary: "Makes a name an alias of another host name.",
    body: md(
      "A canonical-name record says: this name is another name; look that one up instead. `api` → `www.foobar.com.` makes `api.foobar.com` resolve wherever `www` does.",
      "Value: a host name, never an IP address. A CNAME must be alone at its name (no A, MX or TXT beside it) and cannot sit at `@`, because the apex always needs its SOA and NS records (`dns-cname-conflict`).",
      "Common use: pointing a subdomain at a hosted service (`shop` → `shops.example-host.net.`). A CNAME to another name of the zone makes that name a service of the design too.",
    ),
    example: "dns:\n  api:\n    CNAME: www.foobar.com.",
  },

  "dns.MX": {
    title: "MX record",
    summary: "Names the mail servers for the domain, as \"priority host\".",
    body: md(
      "Mail exchanger records tell other mail servers where to deliver email for `@foobar.com`. Value: `priority host`, e.g. `10 mail.foobar.com`. Lower numbers are tried first; several records with different priorities give a backup.",
      "The host must be a name, never an IP address, and that name needs its own A or AAAA record.",
    ),
    example: "dns:\n  \"@\":\n    MX: [10 mail.foobar.com, 20 mail2.foobar.com]",
  },

  "dns.TXT": {
    title: "TXT record",
    summary: "Free text: SPF policies, domain verification tokens and similar.",
    body: md(
      "Value: any string. Common uses:\n- SPF (`v=spf1 mx -all`): which servers may send mail for the domain;\n- DKIM and DMARC keys and policies for email;\n- verification tokens proving to a provider that you own the domain.",
      "Quote values that contain spaces, `:` or `#` so YAML keeps them as one string.",
    ),
    example: "dns:\n  \"@\":\n    TXT: \"v=spf1 mx -all\"",
  },

  "dns.NS": {
    title: "NS record",
    summary: "Names the authoritative name servers of the zone (or of a delegated subzone).",
    body: md(
      "Name server records say which servers hold the authoritative copy of the zone. At `@` they must match what the registrar publishes for the domain; on a subdomain they delegate it to other servers.",
      "Value: a host name. Use at least two, ideally run by infrastructure in different places, or the whole domain disappears when the only name server does.",
    ),
    example: "dns:\n  \"@\":\n    NS: [ns1.dnsprovider.net, ns2.dnsprovider.net]",
  },

  "dns.SOA": {
    title: "SOA record",
    summary: "The zone's start of authority: primary server, contact and timers. Only at @.",
    body: md(
      "Value: `mname rname serial refresh retry expire minimum`:\n- `mname`: the primary name server;\n- `rname`: the administrator's email with `@` written as `.` (`hostmaster.foobar.com.`);\n- `serial`: a version number raised on every change (often a date, `2024060101`);\n- `refresh`, `retry`, `expire`: seconds secondary name servers wait between checks, between failed checks, and before giving up;\n- `minimum`: how long resolvers may cache a \"no such name\" answer.",
      "Only valid at `@`. Hosted DNS providers usually manage it for you.",
    ),
    example: "dns:\n  \"@\":\n    SOA: ns1.dnsprovider.net. hostmaster.foobar.com. 2024060101 7200 3600 1209600 300",
  },

  "dns.SRV": {
    title: "SRV record",
    summary: "Locates a service: \"priority weight port target\" at a name like _sip._tcp.",
    body: md(
      "Service records tell clients which host and port offer a protocol. The name has the form `_service._protocol` (`_sip._tcp`, `_xmpp-client._tcp`); the value is `priority weight port target`.",
      "Lower priority wins; among equal priorities, weight shares the load. The target must be a host name with its own A or AAAA record. Browsers do not use SRV for ordinary web traffic.",
    ),
    example: "dns:\n  _sip._tcp:\n    SRV: 10 60 5060 sip.foobar.com.",
  },

  "dns.PTR": {
    title: "PTR record",
    summary: "Reverse DNS: maps an address back to a host name.",
    body: md(
      "Pointer records answer \"which name has this IP address?\". They live in reverse zones (`in-addr.arpa` for IPv4, `ip6.arpa` for IPv6), normally run by whoever owns the address block, your hosting provider for instance.",
      "Value: a host name. Mail servers are the main consumer: many receivers reject mail from an address whose reverse name does not match the sending server.",
    ),
    example: "dns:\n  \"10\":\n    PTR: www.foobar.com.",
  },

  "dns.CAA": {
    title: "CAA record",
    summary: "Says which certificate authorities may issue certificates for the domain.",
    body: md(
      "Value: `flags tag value`, e.g. `0 issue \"letsencrypt.org\"`. Tags: `issue` (may issue certificates), `issuewild` (may issue wildcard certificates), `iodef` (where to report refused requests).",
      "Certificate authorities must check CAA before issuing, so a CAA record shrinks the set of companies that could be tricked into issuing a certificate for your name. Quote the whole value in YAML because it contains double quotes.",
    ),
    example: "dns:\n  \"@\":\n    CAA: '0 issue \"letsencrypt.org\"'",
  },

  // ----------------------------------------------------------------- algorithms

  "algorithm.round-robin": {
    title: "round-robin",
    summary: "Sends requests to each target in turn.",
    body: md(
      "The load balancer cycles through its targets: first request to web-1, second to web-2, third to web-1 again, and so on.",
      "Simple and fair when the targets are identical and requests cost about the same. It ignores how busy each target is, so a few slow requests can pile up on one server while another sits idle.",
    ),
    example: "components:\n  lb:\n    kind: load-balancer\n    algorithm: round-robin\n    to: [web-1, web-2]",
  },

  "algorithm.weighted-round-robin": {
    title: "weighted-round-robin",
    summary: "Round-robin where each target gets a share proportional to its weight.",
    body: md(
      "Like round-robin, but a target with weight 3 receives three requests for every one sent to a target with weight 1. Set the weights with `weights:`.",
      "Use it for targets of different sizes, or to send a small share of traffic to a new version before moving everyone over. Capacity checks divide the load by the same weights, so a heavily weighted small server shows up as overloaded.",
    ),
    example: "components:\n  lb:\n    kind: load-balancer\n    algorithm: weighted-round-robin\n    weights: { web-big: 3, web-small: 1 }\n    to: [web-big, web-small]",
  },

  "algorithm.least-connections": {
    title: "least-connections",
    summary: "Sends each request to the target with the fewest open connections.",
    body: md(
      "The load balancer counts the connections open to each target and picks the least busy one.",
      "It adapts when requests vary in length (uploads, reports, long polling) or when one server slows down: a busy server stops getting new work until it catches up. A good default for most web backends.",
    ),
    example: "components:\n  lb:\n    kind: load-balancer\n    algorithm: least-connections\n    to: [web-1, web-2]",
  },

  "algorithm.least-response-time": {
    title: "least-response-time",
    summary: "Sends each request to the target that has been answering fastest.",
    body: md(
      "The load balancer measures recent response times (often combined with open connections) and prefers the quickest target.",
      "It steers traffic away from a server that is degrading, for example one with a noisy neighbour or a failing disk, before it fails outright. It needs a stream of measurements, so it is less predictable at low traffic.",
    ),
    example: "components:\n  lb:\n    kind: load-balancer\n    algorithm: least-response-time\n    to: [web-1, web-2]",
  },

  "algorithm.ip-hash": {
    title: "ip-hash",
    summary: "Picks the target from a hash of the client's IP address, so clients stick.",
    body: md(
      "The same client address always maps to the same target while the set of targets stays the same (session affinity, \"sticky sessions\").",
      "Useful when a server keeps per-user state in memory. The drawbacks: load can be uneven (many users behind one company or mobile-carrier address all land on one server), and when that server dies its users lose their sessions anyway. Keeping sessions in a shared cache or database is usually the better fix.",
    ),
    example: "components:\n  lb:\n    kind: load-balancer\n    algorithm: ip-hash\n    to: [web-1, web-2]",
  },

  "algorithm.random": {
    title: "random",
    summary: "Picks a target at random for each request.",
    body: md(
      "Each request goes to a randomly chosen target. Over many requests the load evens out, much like round-robin, without the load balancer keeping any state.",
      "Handy when several load balancers share the same backends and cannot coordinate a rotation. Like round-robin, it ignores how busy each target is.",
    ),
    example: "components:\n  lb:\n    kind: load-balancer\n    algorithm: random\n    to: [web-1, web-2]",
  },

  // ------------------------------------------------- cluster modes, replication

  "mode.active-active": {
    title: "active-active",
    summary: "Every cluster member serves traffic at the same time.",
    body: md(
      "All members handle requests together, so the cluster's capacity is the sum of its members and a failure only removes a share of it.",
      "**Compared with active-passive:** no hardware sits idle and there is no switch-over moment, but each member must be able to carry the extra load when a peer fails. For databases, active-active means several nodes accept writes, which needs conflict handling; it is far more common for load balancers.",
    ),
    example: "cluster: { peers: [lb-2], mode: active-active }",
  },

  "mode.active-passive": {
    title: "active-passive",
    summary: "One member serves; the others stand by and take over when it fails.",
    body: md(
      "The active member handles all traffic on the shared address; a passive member watches it (heartbeats) and claims the address when the active one stops answering.",
      "**Compared with active-active:** simpler and avoids write conflicts on databases, but the standby's capacity is unused and a failover takes a few seconds during which requests can fail. The passive member takes no load in capacity checks.",
      "Common mistake: pointing DNS or a `to:` edge at the passive member too, so it takes traffic it should not (`cluster-single-node`).",
    ),
    example: "cluster: { peers: [lb-2], mode: active-passive, vip: 203.0.113.9 }",
  },

  "role.primary": {
    title: "primary",
    summary: "The database that accepts writes; replicas copy its changes.",
    body: md(
      "The primary (once called \"master\") is the source of truth: every write goes to it, and it streams its changes to its replicas. It also serves reads.",
      "Because writes need it, a lone primary is a single point of failure for writes. Add a replica and `failover: automatic` so a replica is promoted when the primary fails, or use `replicas` for a multi-primary setup.",
    ),
    example: "components:\n  db-1:\n    kind: database\n    software: postgresql\n    role: primary\n    failover: automatic",
  },

  "role.replica": {
    title: "replica",
    summary: "A read-only copy of a primary database, used to scale reads.",
    body: md(
      "A replica (once called \"slave\") receives the primary's changes and applies them to its own copy. It serves reads, so adding replicas adds read capacity, which suits read-heavy web applications.",
      "**Replication lag:** changes reach the replica a little later, usually milliseconds, sometimes seconds under load. A user who saves a profile and immediately reads it from a replica may see the old version; send such read-after-write requests to the primary.",
      "A replica cannot accept writes (`write-to-replica`) and needs `replicates:` naming its primary (`replica-without-primary`).",
    ),
    example: "components:\n  db-2:\n    kind: database\n    role: replica\n    replicates: db-1",
  },

  "failover.automatic": {
    title: "automatic failover",
    summary: "A replica is promoted to primary automatically when the primary fails.",
    body: md(
      "A supervisor (MySQL Group Replication or Orchestrator, Patroni for PostgreSQL, a managed cloud database) detects that the primary is gone, promotes a live replica and moves the primary's address to it. Writes resume within seconds, without anyone being woken up.",
      "In this format, whoever sends to the primary then reaches the promoted replica, so a primary with a replica and automatic failover is not a single point of failure for writes.",
      "Test failovers regularly: an untested failover is a hope, not a plan.",
    ),
    example: "components:\n  db-1:\n    kind: database\n    role: primary\n    failover: automatic",
  },

  "failover.manual": {
    title: "manual failover",
    summary: "An operator must promote a replica by hand when the primary fails (default).",
    body: md(
      "When the primary fails, writes stop until someone notices, picks the most up-to-date replica, promotes it and repoints the application. That can take minutes to hours.",
      "Manual is the default and avoids one risk of automation, two nodes both believing they are primary after a network split (\"split brain\"), but the primary stays a single point of failure for writes.",
    ),
    example: "components:\n  db-1:\n    kind: database\n    role: primary\n    failover: manual",
  },

  // ------------------------------------------------------------------------ TLS

  "tls.terminate": {
    title: "tls: terminate",
    summary: "Decrypts HTTPS here and forwards plain HTTP to the targets.",
    body: md(
      "The load balancer or CDN holds the certificate, decrypts each request and sends it on unencrypted. The backends do no TLS work.",
      "It is simple and lets the load balancer inspect requests (route by path, add headers). The cost: the hop from the load balancer to the backends carries passwords, cookies and personal data in clear text, readable by anyone who can capture traffic on that network, such as a compromised machine or a shared cloud network. This is `tls-terminated-at-load-balancer`.",
      "Use `reencrypt` (or `passthrough` to backends with `tls: true`) when that hop crosses a network you do not fully control.",
    ),
    example: "components:\n  lb:\n    kind: load-balancer\n    tls: terminate\n    certificate: www.foobar.com\n    to: [web-1, web-2]",
  },

  "tls.passthrough": {
    title: "tls: passthrough",
    summary: "Forwards the encrypted stream untouched; the targets decrypt it.",
    body: md(
      "The load balancer works at the TCP level: it does not hold a certificate and cannot read requests; it just relays bytes. Each target must serve HTTPS itself (`tls: true`) with a certificate for the names users type.",
      "Traffic stays encrypted all the way to the server that handles it. The load balancer cannot route by URL or add headers, and every backend needs the certificate.",
      "Passthrough to a backend that does not serve TLS cannot work: `tls-passthrough-to-plain-backend`.",
    ),
    example: "components:\n  lb:\n    kind: load-balancer\n    tls: passthrough\n    to: [web-1, web-2]\n  web-1:\n    kind: web-server\n    tls: true\n    certificate: www.foobar.com",
  },

  "tls.reencrypt": {
    title: "tls: reencrypt",
    summary: "Decrypts HTTPS, then forwards over a new HTTPS connection.",
    body: md(
      "The load balancer terminates the user's TLS session, can read and route the request, then opens its own TLS connection to the backend. Every hop is encrypted.",
      "It combines the routing features of `terminate` with end-to-end encryption, at the price of a second TLS handshake (cheap with connection reuse) and certificates on the backends, which should serve `tls: true`.",
    ),
    example: "components:\n  lb:\n    kind: load-balancer\n    tls: reencrypt\n    certificate: www.foobar.com\n    to: [web-1, web-2]",
  },

  "tls.true": {
    title: "tls: true",
    summary: "This web or app server serves HTTPS itself and holds a certificate.",
    body: md(
      "On a `web-server` or `app-server`: it accepts TLS connections directly, so traffic reaching it is encrypted. Add `certificate:` naming what the certificate covers.",
      "Needed when the server is an entry point (otherwise `no-https`), behind a load balancer in `passthrough` mode, and advisable behind `reencrypt`. Free certificates from Let's Encrypt with automatic renewal make this cheap; remember that an expired certificate is an outage too.",
    ),
    example: "components:\n  web:\n    kind: web-server\n    software: nginx\n    tls: true\n    certificate: www.foobar.com",
  },

  // --------------------------------------------------------- firewall, monitoring

  "firewall.true": {
    title: "firewall: true",
    summary: "Allows exactly the traffic the design uses and denies everything else.",
    body: md(
      "Shorthand for a default-deny firewall derived from the design: users may reach the entry points on their ports, each component may reach the ports of its `to:` targets, and nothing else gets in.",
      "It is the safest quick setting for a sketch. A real deployment usually adds an administration path, for example `allow 22/tcp from 10.0.0.0/8` for SSH from the internal network; write an explicit rule list when you need one.",
    ),
    example: "components:\n  app:\n    kind: app-server\n    firewall: true\n    to: db",
  },

  "firewall.rules": {
    title: "firewall rules",
    summary: "A list of rules: allow|deny PORT[/tcp|/udp] [from any|CIDR|NAME].",
    body: md(
      "Each rule reads `allow` or `deny`, a port with an optional protocol (`/tcp` or `/udp`), and an optional source:\n- `from any`: everyone, the whole Internet;\n- `from 10.0.0.0/8`: a network in CIDR notation (address/prefix length);\n- `from app-1`: a server or component of the design.",
      "Traffic no rule allows is denied, so even an empty list `[]` is a firewall that blocks everything.",
      "Common mistakes:\n- `allow 3306/tcp from any` on a database server: the database is open to the Internet (`database-exposed`);\n- opening SSH (22) `from any` instead of from an admin network or bastion host.",
    ),
    example: "firewall:\n  - allow 443/tcp from any\n  - allow 22/tcp from 10.0.0.0/8\n  - allow 3306/tcp from app-1",
  },

  "monitoring.true": {
    title: "monitoring: true",
    summary: "The machine runs a monitoring client (agent), product unspecified.",
    body: md(
      "Says that the machine is monitored without naming the product. The agent collects metrics, logs and health checks and ships them to a central service where dashboards and alerts live.",
      "Name the agent (`datadog`, `prometheus`, …) when it matters for the design, for example to make sure every machine reports to the same place.",
    ),
    example: "servers:\n  server-1:\n    ip: 10.0.0.11\n    monitoring: true",
  },

  "monitoring.agent": {
    title: "monitoring agent",
    summary: "The monitoring client the machine runs, e.g. sumologic, datadog, prometheus.",
    body: md(
      "A monitoring agent is a small program on each machine that collects:\n- **metrics**: CPU, memory, disk, network, and per-service figures such as requests per second, error rate, latency, replication lag;\n- **logs**: web server access logs, application errors, database slow queries;\n- **health checks**: is the process up, does the service answer.",
      "Common choices: Sumo Logic (log collection and analytics), Datadog, Prometheus (the node exporter publishes machine metrics, the Prometheus server scrapes them), Zabbix, Nagios (checks and alerts), New Relic (application performance).",
      "The agent only helps if someone is alerted: define alerts on the figures that predict outages.",
    ),
    example: "servers:\n  server-1:\n    ip: 10.0.0.11\n    monitoring: datadog",
  },

  // ------------------------------------------------------------------- concepts

  "concept.dns": {
    title: "DNS: how a name becomes an address",
    summary: "DNS turns the name a user types into the address their browser connects to.",
    body: md(
      "When someone opens `https://www.foobar.com`:\n1. the browser and operating system check their caches;\n2. otherwise they ask a **recursive resolver** (run by the ISP, or a public one);\n3. the resolver asks a **root server**, which refers it to the `.com` servers;\n4. the `.com` servers refer it to the domain's **authoritative name servers** (its NS records);\n5. those answer with the record, say `A 203.0.113.10`;\n6. the resolver caches the answer for its TTL and returns it; the browser connects.",
      "DNS only gives an address: it does not know whether the machine behind it is alive. That is why several A records are a weak form of redundancy, and why a load balancer or a shared virtual address is the usual entry point.",
      "Caching makes DNS fast but slow to change: lower the TTL ahead of a planned move.",
    ),
    example: "domain: foobar.com\ndns:\n  www:\n    A: lb-1",
  },

  "concept.spof": {
    title: "Single point of failure (SPOF)",
    summary: "One part whose failure alone takes a service down for every user.",
    body: md(
      "A single point of failure is a component, machine or zone that everything depends on, with no spare. Hardware dies, processes crash, deployments go wrong: sooner or later it fails, and the service goes down with it.",
      "The `single-point-of-failure` rule removes one thing at a time (a component, a server, a zone) and checks whether reads or writes still succeed for each service. Typical culprits: a lone load balancer, one primary database without automatic failover, a whole stack on one server.",
      "Fix it with redundancy: a second instance (`replicas`), a cluster of load balancers, a replica with `failover: automatic`, and copies spread over different servers and zones.",
    ),
  },

  "concept.https": {
    title: "HTTPS and TLS termination",
    summary: "HTTPS encrypts traffic with TLS; it is only protected up to where TLS ends.",
    body: md(
      "HTTPS is HTTP inside a TLS session. TLS encrypts the data so eavesdroppers cannot read it, protects it from tampering, and uses a certificate to prove that the server really is `www.foobar.com`.",
      "TLS **terminates** where the traffic is decrypted. If that is a load balancer that forwards plain HTTP (`tls: terminate`), the next hop carries passwords, session cookies and personal data in clear text. Anyone who can capture packets on that network (a compromised host, a misconfigured switch, another tenant on shared infrastructure) can **sniff** it: read it, or copy a session cookie and act as the user.",
      "Options: `reencrypt` or `passthrough` on the load balancer, `tls: true` on web and app servers. Entry points without TLS at all are `no-https`.",
    ),
  },

  "concept.firewall": {
    title: "Firewalls and defence in depth",
    summary: "Filter traffic on every machine so one mistake does not expose everything.",
    body: md(
      "A firewall lets through only the traffic you expect (users to port 443 of the load balancer, app servers to port 3306 of the database) and drops the rest.",
      "**Defence in depth** means several independent layers, so a single failure is not a breach: a network firewall at the edge, a firewall on each machine, services listening only on private addresses, strong authentication. If a web server is compromised, a firewall on the database machine still stops the attacker from reaching anything but the database port, and only from the app servers.",
      "Related rules: `missing-firewall`, `database-exposed`.",
    ),
  },

  "concept.monitoring": {
    title: "Monitoring",
    summary: "Collect metrics, logs and health checks so you see problems before users do.",
    body: md(
      "Monitoring answers \"is it working, and how well?\" Agents on each machine send metrics, logs and health-check results to a central service, which draws dashboards and raises alerts.",
      "Watch at least:\n- traffic (requests per second), errors (rate of 5xx responses) and latency;\n- saturation: CPU, memory, disk space, connections;\n- database health: replication lag, slow queries.",
      "A machine without monitoring is a blind spot: it can fill its disk or drop half its requests unnoticed. Related rule: `missing-monitoring`.",
    ),
  },

  "concept.qps": {
    title: "QPS and capacity",
    summary: "Queries per second a design receives, compared with what each tier can serve.",
    body: md(
      "QPS (queries or requests per second) measures load. Capacity is how many requests per second a component can serve before it slows down or fails. A design holds when every tier's capacity exceeds the load it receives at peak, with headroom, since latency climbs steeply as a server nears full use.",
      "Estimate the load: daily active users × requests per user per day ÷ 86 400, times a peak factor (3 to 10). Then follow it through the design: a load balancer splits it between its targets, each web request may become one app request, and each app request one or more database queries, reads or writes.",
      "Add capacity with `replicas` (horizontal scaling) or bigger machines (vertical scaling); take load off the database with a cache or read replicas. Related rule: `capacity-exceeded`.",
    ),
    example: "traffic:\n  qps: 1200\n  reads: 0.9",
  },

  "concept.redundancy": {
    title: "Redundancy",
    summary: "More than one of everything that matters, so a failure does not stop the service.",
    body: md(
      "Redundancy means spare capacity that takes over when a part fails: two load balancers in a cluster, several web and app servers behind them, a database replica ready to be promoted.",
      "The spares must not fail together: put them on different servers, and in different zones when you can. Two instances on one machine protect against a crashed process, not against a dead machine.",
      "Each spare also needs a takeover mechanism: load-balancer health checks, a shared virtual address, automatic database failover. Without one, a spare is only a machine waiting for someone to act.",
    ),
  },

  "concept.load-balancer": {
    title: "Load balancing",
    summary: "Spreading requests over several servers so none is overloaded and any can fail.",
    body: md(
      "A load balancer sits in front of a group of identical servers and gives each request to one of them according to its algorithm. It checks their health and skips a failed one, so a server can crash, or be taken out for maintenance, without users noticing.",
      "It gives both capacity (add servers to serve more) and availability (lose one and the others carry on). It also becomes the entry point, and thus a single point of failure itself, unless you run two in a cluster sharing one address.",
      "It is the natural place to handle TLS; choose between terminate, passthrough and reencrypt with care.",
    ),
  },

  "concept.zone": {
    title: "Zones and failure domains",
    summary: "Groups of machines that can fail together: rack, data centre, cloud zone.",
    body: md(
      "A failure domain is whatever can take several machines down at once: a rack (power, top-of-rack switch), a data centre (cooling, network uplinks), a cloud availability zone. Cloud providers build zones to fail independently of each other.",
      "Redundancy only helps across failure domains. Two web servers in one rack both go dark when its power strip does. With `zone:` on servers, the checks include losing a whole zone and report a zone whose loss stops a service.",
      "Place each redundant pair (load balancers, web servers, primary and replica) in at least two zones.",
    ),
    example: "servers:\n  box-a:\n    ip: 10.0.1.10\n    zone: eu-west-1a\n  box-b:\n    ip: 10.0.2.10\n    zone: eu-west-1b",
  },

  "concept.server": {
    title: "Servers",
    summary: "A machine with its own CPU, memory, disk, network address and failure.",
    body: md(
      "A server is one physical or virtual computer. Everything running on it shares its resources, its address, its firewall, and its fate: when it crashes or loses power, every component on it stops.",
      "In this format, a component either runs on a declared server (`on:`), which it may share with other components, or has a machine of its own (no `on:`), described by server properties on the component itself.",
      "One server per tier costs more, but lets each tier be sized, secured and replaced on its own.",
    ),
  },

  "concept.entry-point": {
    title: "Services and entry points",
    summary: "A service is a DNS name that reaches the design; entry points are what it reaches.",
    body: md(
      "Users reach the design through A, AAAA and CNAME records. Each DNS name whose records lead to a component (directly, or through a CNAME to another name in the zone) is a **service**, such as `www.foobar.com`. The components it reaches are the service's **entry points**.",
      "How a DNS value reaches components:\n- the name of a component reaches that component;\n- the name or address of a server reaches the components on it that no other component sends to;\n- a value reaching one member of a cluster reaches the whole cluster.",
      "Entry points face the Internet: they should serve HTTPS, sit behind a firewall, and never be a database.",
    ),
  },

  "concept.suppression": {
    title: "Silencing a finding in the file",
    summary: "Put # infra-yaml-disable-next-line CODE above a line to hide that finding there.",
    body: md(
      "A comment `# infra-yaml-disable-next-line CODE` hides findings with that code on the line right below it. Use it when a finding is a deliberate choice, for example a single server in a classroom exercise, and explain why in a comment just above it.",
      "It silences one line only. To change a rule everywhere, set its severity in the `infraYaml.rules.<code>` setting (`error`, `warning`, `information`, `hint` or `off`).",
      "Silencing hides the warning, not the risk: the single point of failure is still there.",
    ),
    example: "components:\n  # A lab exercise: one web server is enough here.\n  # infra-yaml-disable-next-line single-point-of-failure\n  web:\n    kind: web-server",
  },
};
