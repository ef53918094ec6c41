// Tests for the editor contributions that need no language server: the
// TextMate grammar and the language configuration (snippets are served by the
// language server, where they fit: see test/unit/completion.test.ts).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vsctm from 'vscode-textmate';
import * as oniguruma from 'vscode-oniguruma';

// Compiled to out/test/unit/, so the repository root is three levels up.
const ROOT = path.resolve(__dirname, '../../..');
const GRAMMAR_PATH = path.join(ROOT, 'syntaxes/infra-yaml.tmLanguage.json');
const LANGUAGE_CONFIG_PATH = path.join(ROOT, 'language-configuration.json');
const EXAMPLES_DIR = path.join(ROOT, 'examples');
const YAML_SUITE_DIR = path.resolve(ROOT, '../shared/data/yaml-test-suite');

const KINDS = ['load-balancer', 'web-server', 'app-server', 'database', 'cache', 'cdn', 'queue', 'storage'];
const RECORD_TYPES = ['A', 'AAAA', 'CNAME', 'MX', 'TXT', 'NS', 'SOA', 'SRV', 'PTR', 'CAA'];

interface Token {
  text: string;
  scopes: string[];
}

let grammarPromise: Promise<vsctm.IGrammar> | undefined;

/** Loads the grammar once, with the oniguruma WebAssembly regex engine. */
function loadGrammar(): Promise<vsctm.IGrammar> {
  grammarPromise ??= (async () => {
    const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    const registry = new vsctm.Registry({
      onigLib: Promise.resolve({
        createOnigScanner: (sources: string[]) => new oniguruma.OnigScanner(sources),
        createOnigString: (text: string) => new oniguruma.OnigString(text),
      }),
      loadGrammar: async (scopeName: string) =>
        scopeName === 'source.infra-yaml'
          ? vsctm.parseRawGrammar(fs.readFileSync(GRAMMAR_PATH, 'utf8'), GRAMMAR_PATH)
          : null,
    });
    const grammar = await registry.loadGrammar('source.infra-yaml');
    assert.ok(grammar, 'the grammar loads');
    return grammar;
  })();
  return grammarPromise;
}

/** Tokenizes a whole document; one token list per line. */
async function tokenize(text: string): Promise<Token[][]> {
  const grammar = await loadGrammar();
  let state = vsctm.INITIAL;
  return text.split(/\r?\n/).map((line) => {
    const result = grammar.tokenizeLine(line, state);
    state = result.ruleStack;
    return result.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
  });
}

/**
 * The token that covers the start of `needle` in the first line containing
 * `lineText` (the needle itself when `lineText` is omitted).
 */
function tokenAt(lines: Token[][], needle: string, lineText: string = needle): Token {
  const row = lines.find((tokens) => tokens.map((t) => t.text).join('').includes(lineText));
  assert.ok(row, `no line contains ${JSON.stringify(lineText)}`);
  const line = row.map((t) => t.text).join('');
  const start = line.indexOf(needle, line.indexOf(lineText));
  assert.ok(start >= 0, `${JSON.stringify(needle)} is not in ${JSON.stringify(line)}`);
  let offset = 0;
  for (const token of row) {
    if (start < offset + token.text.length) return token;
    offset += token.text.length;
  }
  assert.fail(`no token at ${JSON.stringify(needle)} in ${JSON.stringify(line)}: ${formatRow(row)}`);
}

function formatRow(row: Token[]): string {
  return row.map((t) => `${JSON.stringify(t.text)}=${t.scopes.slice(1).join(' ')}`).join(', ');
}

function hasScope(token: Token, scope: string): boolean {
  return token.scopes.some((s) => s === scope || s.startsWith(scope + '.'));
}

/** Asserts that `needle` is exactly one token and carries `scope`. */
function assertScope(lines: Token[][], needle: string, scope: string, lineText?: string): void {
  const token = tokenAt(lines, needle, lineText);
  assert.equal(token.text, needle, `token boundaries around ${JSON.stringify(needle)}: ${token.scopes.join(' ')}`);
  assert.ok(hasScope(token, scope), `${JSON.stringify(needle)} has ${token.scopes.join(' ')}, expected ${scope}`);
}

function assertNoScope(lines: Token[][], needle: string, scope: string, lineText?: string): void {
  const token = tokenAt(lines, needle, lineText);
  assert.ok(!hasScope(token, scope), `${JSON.stringify(needle)} unexpectedly has ${scope}: ${token.scopes.join(' ')}`);
}

describe('TextMate grammar (syntaxes/infra-yaml.tmLanguage.json)', function () {
  this.timeout(60_000);

  it('is self-contained JSON with the right scope name', () => {
    const raw = fs.readFileSync(GRAMMAR_PATH, 'utf8');
    const json = JSON.parse(raw) as { scopeName: string };
    assert.equal(json.scopeName, 'source.infra-yaml');
    assert.ok(!raw.includes('source.yaml'), 'must not include the YAML grammar of the host');
    for (const include of raw.matchAll(/"include":\s*"([^"]+)"/g)) {
      assert.match(include[1] ?? '', /^(#|\$self$)/, `external include ${include[1]}`);
    }
  });

  describe('component vocabulary', () => {
    for (const kind of KINDS) {
      it(`highlights kind: ${kind}`, async () => {
        const lines = await tokenize(`components:\n  x:\n    kind: ${kind}\n`);
        assertScope(lines, kind, 'support.type.component-kind.infra-yaml');
        assertScope(lines, 'kind', 'entity.name.tag.infra-yaml');
      });
    }

    it('highlights kinds in flow mappings and quoted values', async () => {
      const lines = await tokenize('a: { kind: cache, software: redis }\nb:\n  kind: "database" # note\n');
      assertScope(lines, 'cache', 'support.type.component-kind.infra-yaml');
      assertScope(lines, 'database', 'support.type.component-kind.infra-yaml');
      assertScope(lines, 'database', 'string.quoted.double.infra-yaml');
      assertScope(lines, '#', 'comment.line.number-sign.infra-yaml', '# note');
    });

    it('does not treat kind words as kinds under other keys or when only a prefix matches', async () => {
      const lines = await tokenize('name: cache\nkind: cache-cluster\nkind: storage box\n');
      assertNoScope(lines, 'cache', 'support.type.component-kind', 'name: cache');
      assertNoScope(lines, 'cache-cluster', 'support.type.component-kind');
      assertNoScope(lines, 'storage box', 'support.type.component-kind');
    });

    const enums: Array<[string, string[], string]> = [
      ['algorithm', ['round-robin', 'weighted-round-robin', 'least-connections', 'least-response-time', 'ip-hash', 'random'], 'constant.language.algorithm.infra-yaml'],
      ['tls', ['terminate', 'passthrough', 'reencrypt'], 'constant.language.tls-mode.infra-yaml'],
      ['role', ['primary', 'replica'], 'constant.language.role.infra-yaml'],
      ['mode', ['active-active', 'active-passive'], 'constant.language.cluster-mode.infra-yaml'],
      ['failover', ['automatic', 'manual'], 'constant.language.failover.infra-yaml'],
    ];
    for (const [key, values, scope] of enums) {
      it(`highlights the values of ${key}:`, async () => {
        const lines = await tokenize(values.map((v) => `${key}: ${v}`).join('\n'));
        for (const v of values) assertScope(lines, v, scope, `${key}: ${v}`);
      });
    }

    it('highlights a cluster mode inside a flow mapping', async () => {
      const lines = await tokenize('    cluster: { peers: [lb-2], mode: active-passive }');
      assertScope(lines, 'active-passive', 'constant.language.cluster-mode.infra-yaml');
      assertScope(lines, 'peers', 'entity.name.tag.infra-yaml');
      assertScope(lines, '[', 'punctuation.definition.sequence.begin.infra-yaml');
      assertScope(lines, 'lb-2', 'string.unquoted.plain.in.infra-yaml');
    });

    it('keeps tls: true a boolean', async () => {
      const lines = await tokenize('tls: true');
      assertScope(lines, 'true', 'constant.language.boolean.infra-yaml');
    });
  });

  describe('dns records', () => {
    const zone = [
      'domain: foobar.com',
      'dns:',
      '  "@":',
      '    MX: [10 mail.foobar.com, 20 mail2.foobar.com]',
      '    TXT: "v=spf1 mx -all"',
      '  www:',
      '    A: [lb-1, lb-2]',
      '    AAAA: 2001:db8::7',
      '  api: { CNAME: www.foobar.com. }',
      '  NS:',
      '    NS: ns1.dnsprovider.net',
      'components:',
      '  lb-1:',
      '    A: 1',
    ].join('\n');

    it('highlights record types as keys under a DNS name', async () => {
      const lines = await tokenize(zone);
      assertScope(lines, 'A', 'support.type.dns-record-type.infra-yaml', '    A: [lb-1');
      assertScope(lines, 'A', 'entity.name.tag.infra-yaml', '    A: [lb-1');
      for (const type of ['MX', 'TXT', 'AAAA', 'CNAME']) {
        assertScope(lines, type, 'support.type.dns-record-type.infra-yaml', `${type}:`);
      }
      assertScope(lines, 'NS', 'support.type.dns-record-type.infra-yaml', '    NS: ns1');
    });

    it('highlights every record type of the spec', async () => {
      const lines = await tokenize(['dns:', '  x:', ...RECORD_TYPES.map((t) => `    ${t}: v`)].join('\n'));
      for (const type of RECORD_TYPES) assertScope(lines, type, 'support.type.dns-record-type.infra-yaml', `    ${type}: v`);
    });

    it('does not highlight DNS names, or record types outside dns', async () => {
      const lines = await tokenize(zone);
      assertNoScope(lines, 'www', 'support.type.dns-record-type');
      assertScope(lines, 'www', 'entity.name.tag.infra-yaml', '  www:');
      assertNoScope(lines, 'NS', 'support.type.dns-record-type', '  NS:');
      assertNoScope(lines, 'A', 'support.type.dns-record-type', '    A: 1');
      assertScope(lines, 'components', 'entity.name.tag.infra-yaml');
    });

    it('highlights record types in a zone written as flow mappings across lines', async () => {
      const lines = await tokenize('dns: {\n  www: { A: 203.0.113.7,\n    AAAA: ::1 },\n}\nservers:\n  a:\n    A: 1');
      assertScope(lines, 'A', 'support.type.dns-record-type.infra-yaml', '{ A:');
      assertScope(lines, 'AAAA', 'support.type.dns-record-type.infra-yaml');
      assertScope(lines, '::1', 'constant.numeric.ip-address.ipv6.infra-yaml');
      assertScope(lines, '}', 'punctuation.definition.mapping.end.infra-yaml', '}');
      assertNoScope(lines, 'servers', 'meta.section.dns');
      assertNoScope(lines, 'A', 'support.type.dns-record-type', '    A: 1');
    });

    it('highlights a record type before a block scalar', async () => {
      const lines = await tokenize('dns:\n  "@":\n    TXT: |\n      A: inside text\n    NS: ns.x.net\n');
      assertScope(lines, 'TXT', 'support.type.dns-record-type.infra-yaml');
      assertScope(lines, '      A: inside text', 'string.unquoted.block.infra-yaml');
      assertScope(lines, 'NS', 'support.type.dns-record-type.infra-yaml');
    });
  });

  describe('addresses', () => {
    const ipv4 = ['8.8.8.8', '203.0.113.10', '10.0.0.0', '255.255.255.255', '0.0.0.0'];
    const ipv6 = ['2001:db8::1', '::1', 'fe80::1', '2001:0db8:85a3:0000:0000:8a2e:0370:7334', '::ffff:192.0.2.1', '2001:db8::ff00:42:8329'];

    for (const address of ipv4) {
      it(`highlights IPv4 ${address}`, async () => {
        const lines = await tokenize(`ip: ${address}`);
        assertScope(lines, address, 'constant.numeric.ip-address.ipv4.infra-yaml');
      });
    }
    for (const address of ipv6) {
      it(`highlights IPv6 ${address}`, async () => {
        const lines = await tokenize(`ip: ${address}`);
        assertScope(lines, address, 'constant.numeric.ip-address.ipv6.infra-yaml');
      });
    }

    it('highlights IPv6 addresses ending in :: when quoted (YAML reads a plain one as a key)', async () => {
      const lines = await tokenize('a: "::"\nb: \'2001:db8:0:0:1::\'\nc: 2001:db8::');
      assertScope(lines, '::', 'constant.numeric.ip-address.ipv6.infra-yaml', 'a: "::"');
      assertScope(lines, '2001:db8:0:0:1::', 'constant.numeric.ip-address.ipv6.infra-yaml');
      assertScope(lines, '2001:db8:', 'entity.name.tag.infra-yaml', 'c: 2001:db8::');
    });

    it('highlights CIDR prefixes, addresses in lists and in quoted strings', async () => {
      const lines = await tokenize([
        'A: [203.0.113.1, 203.0.113.2]',
        'net: 10.0.0.0/8',
        'net6: 2001:db8::/32',
        'TXT: "v=spf1 ip4:192.0.2.0/24 -all"',
      ].join('\n'));
      assertScope(lines, '203.0.113.2', 'constant.numeric.ip-address.ipv4.infra-yaml');
      assertScope(lines, '10.0.0.0', 'constant.numeric.ip-address.ipv4.infra-yaml');
      assertScope(lines, '/', 'punctuation.separator.cidr.infra-yaml', '10.0.0.0/8');
      assertScope(lines, '8', 'constant.numeric.cidr-prefix.infra-yaml', '0/8');
      assertScope(lines, '2001:db8::', 'constant.numeric.ip-address.ipv6.infra-yaml');
      assertScope(lines, '32', 'constant.numeric.cidr-prefix.infra-yaml');
      assertScope(lines, '192.0.2.0', 'constant.numeric.ip-address.ipv4.infra-yaml');
      assertScope(lines, '192.0.2.0', 'string.quoted.double.infra-yaml');
    });

    it('does not highlight things that only look like addresses', async () => {
      const lines = await tokenize(['a: 999.1.1.1', 'b: 1.2.3', 'c: 1.2.3.4.5', 'd: 10.0.0.1/33', 'e: v1.2.3.4', 'f: 1.5'].join('\n'));
      for (const value of ['999.1.1.1', '1.2.3', '1.2.3.4.5', '10.0.0.1/33', 'v1.2.3.4']) {
        const token = tokenAt(lines, value);
        assert.equal(token.text, value, `${value} stays one token`);
        assert.ok(!hasScope(token, 'constant.numeric.ip-address'), `${value}: ${token.scopes.join(' ')}`);
      }
      assertScope(lines, '1.5', 'constant.numeric.float.infra-yaml');
    });
  });

  describe('firewall rules', () => {
    it('highlights allow/deny, port, protocol and source', async () => {
      const lines = await tokenize([
        'firewall: [allow 443/tcp from any, allow 22/tcp from 10.0.0.0/8]',
        'rules:',
        '  - deny 53/udp from lb-1',
        '  - allow 8000-8100',
      ].join('\n'));
      assertScope(lines, 'allow', 'keyword.control.firewall.allow.infra-yaml');
      assertScope(lines, '443', 'constant.numeric.port.infra-yaml');
      assertScope(lines, 'tcp', 'constant.language.protocol.infra-yaml');
      assertScope(lines, 'from', 'keyword.other.from.infra-yaml');
      assertScope(lines, 'any', 'constant.language.any.infra-yaml');
      assertScope(lines, '10.0.0.0', 'constant.numeric.ip-address.ipv4.infra-yaml');
      assertScope(lines, 'deny', 'keyword.control.firewall.deny.infra-yaml');
      assertScope(lines, 'udp', 'constant.language.protocol.infra-yaml');
      assertScope(lines, 'lb-1', 'variable.other.reference.infra-yaml');
      assertScope(lines, '8000-8100', 'constant.numeric.port.infra-yaml');
    });

    it('leaves ordinary text that starts with allow alone', async () => {
      const lines = await tokenize('note: allow everything');
      assertNoScope(lines, 'allow everything', 'keyword.control.firewall');
    });
  });

  describe('comments and rule suppression', () => {
    it('scopes the directive and each rule code of a suppression comment', async () => {
      const lines = await tokenize('  # infra-yaml-disable-next-line single-point-of-failure no-https, shared-server\n  web-1:');
      assertScope(lines, '#', 'comment.line.number-sign.infra-yaml');
      assertScope(lines, 'infra-yaml-disable-next-line', 'keyword.control.directive.suppression.infra-yaml');
      assertScope(lines, 'infra-yaml-disable-next-line', 'comment.line.number-sign.infra-yaml');
      for (const code of ['single-point-of-failure', 'no-https', 'shared-server']) {
        assertScope(lines, code, 'variable.other.constant.rule-code.infra-yaml');
        assertScope(lines, code, 'comment.line.number-sign.infra-yaml');
      }
      assertScope(lines, ',', 'punctuation.separator.rule-code.infra-yaml');
      assertScope(lines, 'web-1', 'entity.name.tag.infra-yaml');
    });

    it('highlights a suppression comment after a value', async () => {
      const lines = await tokenize('ip: 8.8.8.8 # infra-yaml-disable-next-line missing-firewall');
      assertScope(lines, 'missing-firewall', 'variable.other.constant.rule-code.infra-yaml');
    });

    it('treats other comments as plain comments', async () => {
      const lines = await tokenize('# infra-yaml-disable-next-linex no-https\n# expect: no-https @ dns/www');
      assertNoScope(lines, 'no-https', 'variable.other.constant.rule-code', 'linex no-https');
      assertScope(lines, ' expect: no-https @ dns/www', 'comment.line.number-sign.infra-yaml');
    });

    it('starts a comment only at a line start or after whitespace', async () => {
      const lines = await tokenize('tag: a#b # real\nurl: "x # y"');
      assertScope(lines, 'a#b', 'string.unquoted.plain.out.infra-yaml');
      assertScope(lines, ' real', 'comment.line.number-sign.infra-yaml');
      assertNoScope(lines, 'x # y', 'comment.line', 'url');
    });
  });

  describe('YAML structure', () => {
    it('anchors, aliases and the merge key', async () => {
      const lines = await tokenize('web-1: &base\n  kind: web-server\nweb-2: *base\nweb-3:\n  <<: *base\n  replicas: 2\nlist: [*base, &b2 x]');
      assertScope(lines, '&', 'punctuation.definition.anchor.infra-yaml');
      assertScope(lines, 'base', 'entity.name.type.anchor.infra-yaml', '&base');
      assertScope(lines, '*', 'punctuation.definition.alias.infra-yaml', '*base');
      assertScope(lines, 'base', 'variable.other.alias.infra-yaml', '*base');
      assertScope(lines, '<<', 'keyword.control.merge-key.infra-yaml');
      assertScope(lines, 'base', 'variable.other.alias.infra-yaml', '<<: *base');
      assertScope(lines, 'base', 'variable.other.alias.infra-yaml', '[*base');
      assertScope(lines, 'b2', 'entity.name.type.anchor.infra-yaml');
    });

    it('keys, sequences, tags, document markers and directives', async () => {
      const lines = await tokenize('%YAML 1.2\n---\n"quoted key": 1\n\'single\': 2\n- item\n- key: !!str 5\n...');
      assertScope(lines, '%', 'punctuation.definition.directive.infra-yaml');
      assertScope(lines, 'YAML', 'keyword.other.directive.yaml.infra-yaml');
      assertScope(lines, '---', 'keyword.control.document.begin.infra-yaml');
      assertScope(lines, '...', 'keyword.control.document.end.infra-yaml');
      assertScope(lines, 'quoted key', 'entity.name.tag.infra-yaml');
      assertScope(lines, 'single', 'entity.name.tag.infra-yaml');
      assertScope(lines, '-', 'punctuation.definition.block.sequence.item.infra-yaml', '- item');
      assertScope(lines, 'key', 'entity.name.tag.infra-yaml', '- key');
      assertScope(lines, '!!str', 'storage.type.tag.infra-yaml');
      assertScope(lines, '5', 'constant.numeric.integer.infra-yaml');
    });

    it('scalars: numbers, booleans, null, quantities, strings and escapes', async () => {
      const lines = await tokenize([
        'a: 1200', 'b: -0.5', 'c: 0x1F', 'd: .inf', 'e: false', 'f: ~', 'g: null',
        'h: 8GB', 'i: 5ms', 'j: "tab\\t\\q"', "k: 'it''s'", 'l: plain text 1', 'm: 12abc',
      ].join('\n'));
      assertScope(lines, '1200', 'constant.numeric.integer.infra-yaml');
      assertScope(lines, '-0.5', 'constant.numeric.float.infra-yaml');
      assertScope(lines, '0x1F', 'constant.numeric.integer.hexadecimal.infra-yaml');
      assertScope(lines, '.inf', 'constant.numeric.float.infra-yaml');
      assertScope(lines, 'false', 'constant.language.boolean.infra-yaml');
      assertScope(lines, '~', 'constant.language.null.infra-yaml');
      assertScope(lines, 'null', 'constant.language.null.infra-yaml');
      assertScope(lines, '8', 'constant.numeric.quantity.infra-yaml', 'h: 8GB');
      assertScope(lines, 'GB', 'keyword.other.unit.infra-yaml');
      assertScope(lines, 'ms', 'keyword.other.unit.infra-yaml');
      assertScope(lines, '\\t', 'constant.character.escape.infra-yaml');
      assertScope(lines, '\\q', 'invalid.illegal.escape.infra-yaml');
      assertScope(lines, "''", 'constant.character.escape.infra-yaml');
      assertScope(lines, 'plain text 1', 'string.unquoted.plain.out.infra-yaml');
      assertScope(lines, '12abc', 'string.unquoted.plain.out.infra-yaml');
    });

    it('block scalars keep their content as text until the indentation drops', async () => {
      const lines = await tokenize([
        'components:',
        '  web-1:',
        '    notes: >-',
        '      kind: database # not a comment',
        '',
        '      8.8.8.8',
        '    kind: web-server',
        '  - |',
        '    text',
      ].join('\n'));
      assertScope(lines, '>', 'keyword.control.flow.block-scalar.infra-yaml');
      assertScope(lines, '-', 'keyword.control.flow.block-scalar.chomping.infra-yaml', '>-');
      assertScope(lines, '      kind: database # not a comment', 'string.unquoted.block.infra-yaml');
      assertScope(lines, '      8.8.8.8', 'string.unquoted.block.infra-yaml');
      assertScope(lines, 'web-server', 'support.type.component-kind.infra-yaml');
      assertScope(lines, '|', 'keyword.control.flow.block-scalar.infra-yaml');
      assertScope(lines, '    text', 'string.unquoted.block.infra-yaml');
    });

    it('flow collections across lines', async () => {
      const lines = await tokenize('to: [\n  web-1,   # first\n  "web-2"\n]\nnext: 1');
      assertScope(lines, 'web-1', 'meta.flow.sequence.infra-yaml');
      assertScope(lines, ',', 'punctuation.separator.flow.infra-yaml', 'web-1,');
      assertScope(lines, '#', 'comment.line.number-sign.infra-yaml', '# first');
      assertScope(lines, ']', 'punctuation.definition.sequence.end.infra-yaml');
      assertNoScope(lines, 'next', 'meta.flow.sequence');
    });

    it('marks tab indentation as invalid', async () => {
      const lines = await tokenize('a:\n\tb: 1');
      assertScope(lines, '\t', 'invalid.illegal.tab-indentation.infra-yaml');
    });
  });

  describe('robustness', () => {
    it('tokenizes the reference designs and highlights their kinds and addresses', async () => {
      const grammar = await loadGrammar();
      const files = fs.readdirSync(EXAMPLES_DIR).filter((f) => f.endsWith('.infra.yaml'));
      assert.ok(files.length >= 4, 'the four reference designs are present');
      for (const file of files) {
        const text = fs.readFileSync(path.join(EXAMPLES_DIR, file), 'utf8');
        const lines = await tokenize(text);
        text.split('\n').forEach((line, i) => {
          const kind = /^\s+kind: (\S+)$/.exec(line);
          if (kind?.[1]) assertScope([lines[i] ?? []], kind[1], 'support.type.component-kind.infra-yaml');
          const ip = /^\s+ip: (\S+)$/.exec(line);
          if (ip?.[1]) assertScope([lines[i] ?? []], ip[1], 'constant.numeric.ip-address.ipv4.infra-yaml');
        });
        let state = vsctm.INITIAL;
        for (const line of text.split('\n')) {
          const result = grammar.tokenizeLine2(line, state, 500);
          assert.ok(!result.stoppedEarly, `${file}: tokenizing ${JSON.stringify(line)} timed out`);
          state = result.ruleStack;
        }
      }
    });

    it('tokenizes every input of the YAML test suite quickly', async function () {
      if (!fs.existsSync(YAML_SUITE_DIR)) this.skip();
      const grammar = await loadGrammar();
      const files = fs.readdirSync(YAML_SUITE_DIR).filter((f) => f.endsWith('.yaml'));
      const started = Date.now();
      for (const file of files) {
        let state = vsctm.INITIAL;
        for (const line of fs.readFileSync(path.join(YAML_SUITE_DIR, file), 'utf8').split(/\r?\n/)) {
          const result = grammar.tokenizeLine2(line, state, 1000);
          assert.ok(!result.stoppedEarly, `${file}: tokenizing ${JSON.stringify(line)} timed out`);
          state = result.ruleStack;
        }
      }
      assert.ok(Date.now() - started < 30_000, `took ${Date.now() - started} ms`);
    });

    it('has no catastrophic backtracking on long lines', async () => {
      const grammar = await loadGrammar();
      const lines = [
        'key: ' + 'a: '.repeat(3000) + 'x',
        'k: ' + '1.2.3.4 '.repeat(3000),
        '- ' + 'x#'.repeat(3000) + ':',
        '  ' + ':'.repeat(6000),
        'a: ' + 'b '.repeat(6000) + '|',
        'k: [' + 'a, '.repeat(3000),
        '# infra-yaml-disable-next-line ' + 'no-https '.repeat(2000),
        'firewall: ' + 'allow '.repeat(3000),
        'v: ' + '1:'.repeat(3000),
      ];
      for (const line of lines) {
        const started = Date.now();
        grammar.tokenizeLine(line, vsctm.INITIAL);
        assert.ok(Date.now() - started < 30_000, `${line.slice(0, 30)}… took ${Date.now() - started} ms`);
      }
    });
  });
});

// ---------------------------------------------------------------------------
// Language configuration

interface LanguageConfiguration {
  comments: { lineComment: string };
  brackets: Array<[string, string]>;
  autoClosingPairs: Array<{ open: string; close: string; notIn?: string[] }>;
  surroundingPairs: Array<[string, string]>;
  folding: { offSide: boolean };
  wordPattern: string;
  indentationRules: { increaseIndentPattern: string; decreaseIndentPattern: string };
  onEnterRules: Array<{ beforeText: string; action: { indent: string; appendText?: string } }>;
}

describe('language configuration (language-configuration.json)', () => {
  const config = JSON.parse(fs.readFileSync(LANGUAGE_CONFIG_PATH, 'utf8')) as LanguageConfiguration;

  it('declares comments, brackets, pairs and indentation folding', () => {
    assert.equal(config.comments.lineComment, '#');
    assert.deepEqual(config.brackets, [['{', '}'], ['[', ']']]);
    const pairs = config.autoClosingPairs.map((p) => p.open + p.close).sort();
    assert.deepEqual(pairs, ['""', "''", '[]', '{}']);
    for (const pair of config.autoClosingPairs) assert.deepEqual(pair.notIn, ['string', 'comment']);
    assert.ok(config.surroundingPairs.some(([a, b]) => a === '"' && b === '"'));
    assert.equal(config.folding.offSide, true);
  });

  it('keeps hyphenated names, addresses and host names as one word', () => {
    const word = new RegExp(config.wordPattern, 'g');
    const words = (text: string): string[] => text.match(word) ?? [];
    assert.deepEqual(words('    to: [web-1, lb-2]'), ['to', 'web-1', 'lb-2']);
    assert.deepEqual(words('algorithm: least-connections'), ['algorithm', 'least-connections']);
    assert.deepEqual(words('A: 203.0.113.10 # www.foobar.com.'), ['A', '203.0.113.10', 'www.foobar.com']);
    assert.deepEqual(words('web-2: *web'), ['web-2', 'web']);
  });

  it('indents after a key that opens a block, and not after a key with a value', () => {
    const increase = new RegExp(config.indentationRules.increaseIndentPattern);
    for (const line of ['components:', '  web-1:', '  web-1: &web', '    - name:', '  "@":', '  notes: |', '  notes: >- # folded', 'dns:   # the zone', '-', '  to: [']) {
      assert.ok(increase.test(line), `indent after ${JSON.stringify(line)}`);
    }
    for (const line of ['  kind: web-server', '  to: [a, b]', '# a comment:', '  url: http://x', '  - web-1']) {
      assert.ok(!increase.test(line), `no indent after ${JSON.stringify(line)}`);
    }
    assert.ok(new RegExp(config.indentationRules.decreaseIndentPattern).test('  ]'));
  });

  it('on Enter: indents after key:, aligns under the key of a list item', () => {
    const ruleFor = (line: string) => config.onEnterRules.find((r) => new RegExp(r.beforeText).test(line));
    assert.equal(ruleFor('  web-1:')?.action.indent, 'indent');
    assert.equal(ruleFor('  web-1:')?.action.appendText, undefined);
    assert.deepEqual(ruleFor('  - name:')?.action, { indent: 'indent', appendText: '  ' });
    assert.deepEqual(ruleFor('  - kind: cache')?.action, { indent: 'none', appendText: '  ' });
    assert.equal(ruleFor('  kind: cache'), undefined);
    assert.equal(ruleFor('  # note:')?.action.indent, 'none');
  });
});
