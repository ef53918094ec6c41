// Tests for the editor contributions that need no language server: the
// TextMate grammar, the snippets and the language configuration.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vsctm from 'vscode-textmate';
import * as oniguruma from 'vscode-oniguruma';
import * as YAML from 'yaml';

// Compiled to out/test/unit/, so the repository root is three levels up.
const ROOT = path.resolve(__dirname, '../../..');
const GRAMMAR_PATH = path.join(ROOT, 'syntaxes/infra-yaml.tmLanguage.json');
const SNIPPETS_PATH = path.join(ROOT, 'snippets/infra-yaml.code-snippets');
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
      assert.ok(Date.now() - started < 10000, `took ${Date.now() - started} ms`);
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
        assert.ok(Date.now() - started < 1500, `${line.slice(0, 30)}… took ${Date.now() - started} ms`);
      }
    });
  });
});

// ---------------------------------------------------------------------------
// Snippets

interface Snippet {
  prefix: string | string[];
  body: string | string[];
  description: string;
}

type SnippetNode =
  | { type: 'text'; value: string }
  | { type: 'tabstop'; index: number; children?: SnippetNode[]; choices?: string[] };

/** Parses VS Code snippet syntax (tab stops, placeholders, choices, variables, escapes). */
function parseSnippet(body: string): SnippetNode[] {
  let pos = 0;
  const parse = (inPlaceholder: boolean): SnippetNode[] => {
    const nodes: SnippetNode[] = [];
    let text = '';
    const flush = (): void => {
      if (text) nodes.push({ type: 'text', value: text });
      text = '';
    };
    while (pos < body.length) {
      const ch = body[pos];
      if (ch === '\\' && pos + 1 < body.length && '$}\\'.includes(body.charAt(pos + 1))) {
        text += body.charAt(pos + 1);
        pos += 2;
      } else if (ch === '}' && inPlaceholder) {
        break;
      } else if (ch === '$') {
        const simple = /^\$(\d+|[A-Za-z_]\w*)/.exec(body.slice(pos)) as [string, string] | null;
        const braced = /^\$\{(\d+|[A-Za-z_]\w*)([:|}])/.exec(body.slice(pos)) as [string, string, string] | null;
        if (simple && !braced) {
          flush();
          pos += simple[0].length;
          if (/^\d+$/.test(simple[1])) nodes.push({ type: 'tabstop', index: Number(simple[1]) });
        } else if (braced) {
          flush();
          pos += braced[0].length;
          const isTabstop = /^\d+$/.test(braced[1]);
          const index = isTabstop ? Number(braced[1]) : -1;
          if (braced[2] === '}') {
            if (isTabstop) nodes.push({ type: 'tabstop', index });
          } else if (braced[2] === ':') {
            const children = parse(true);
            assert.equal(body[pos], '}', `unclosed placeholder in ${JSON.stringify(body)}`);
            pos++;
            nodes.push(isTabstop ? { type: 'tabstop', index, children } : { type: 'text', value: render(children, new Map()) });
          } else {
            const end = body.indexOf('|}', pos);
            assert.ok(end > pos, `unclosed choice in ${JSON.stringify(body)}`);
            const choices = body.slice(pos, end).split(/(?<!\\),/).map((c) => c.replace(/\\([,|\\])/g, '$1'));
            pos = end + 2;
            nodes.push({ type: 'tabstop', index, choices });
          }
        } else {
          text += ch;
          pos++;
        }
      } else {
        text += ch;
        pos++;
      }
    }
    flush();
    return nodes;
  };
  const nodes = parse(false);
  assert.equal(pos, body.length, `unbalanced } in ${JSON.stringify(body)}`);
  return nodes;
}

/** The default text of each tab stop: its first placeholder text or first choice. */
function collectDefaults(nodes: SnippetNode[], defaults: Map<number, SnippetNode[]>): void {
  for (const node of nodes) {
    if (node.type !== 'tabstop' || defaults.has(node.index)) continue;
    if (node.choices) defaults.set(node.index, [{ type: 'text', value: node.choices[0] ?? '' }]);
    else if (node.children) {
      defaults.set(node.index, node.children);
      collectDefaults(node.children, defaults);
    }
  }
}

function render(nodes: SnippetNode[], defaults: Map<number, SnippetNode[]>, depth = 0): string {
  assert.ok(depth < 20, 'placeholders nest too deeply (a cycle of mirrors?)');
  return nodes
    .map((node) => {
      if (node.type === 'text') return node.value;
      const content = node.children ?? defaults.get(node.index) ?? [];
      return node.choices ? node.choices[0] : render(content, defaults, depth + 1);
    })
    .join('');
}

/** The text a snippet inserts when every tab stop keeps its default. */
function expandSnippet(snippet: Snippet): string {
  const body = Array.isArray(snippet.body) ? snippet.body.join('\n') : snippet.body;
  const nodes = parseSnippet(body);
  const defaults = new Map<number, SnippetNode[]>();
  collectDefaults(nodes, defaults);
  return render(nodes, defaults);
}

function loadSnippets(): Record<string, Snippet> {
  return JSON.parse(fs.readFileSync(SNIPPETS_PATH, 'utf8')) as Record<string, Snippet>;
}

function prefixes(snippet: Snippet): string[] {
  return Array.isArray(snippet.prefix) ? snippet.prefix : [snippet.prefix];
}

function names(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return [];
}

describe('snippets (snippets/infra-yaml.code-snippets)', () => {
  const snippets = loadSnippets();
  const entries = Object.entries(snippets);

  it('expands placeholders, choices, mirrors and escapes like VS Code', () => {
    const text = expandSnippet({ prefix: 'x', description: '', body: ['a: ${1:one}', 'b: ${2|x,y|}', 'c: $1 $0', 'd: ${3:${4:in}} \\$5 \\} $4'] });
    assert.equal(text, 'a: one\nb: x\nc: one \nd: in $5 } in');
  });

  it('every snippet has a prefix, a body and a description, and prefixes are unique', () => {
    assert.ok(entries.length >= 16, `only ${entries.length} snippets`);
    const seen = new Set<string>();
    for (const [title, snippet] of entries) {
      assert.ok(prefixes(snippet).length > 0 && prefixes(snippet).every((p) => /^[a-z][a-z0-9-]*$/.test(p)), `${title}: prefix`);
      assert.ok(typeof snippet.description === 'string' && snippet.description.length > 10, `${title}: description`);
      assert.ok(Array.isArray(snippet.body) || typeof snippet.body === 'string', `${title}: body`);
      for (const p of prefixes(snippet)) {
        assert.ok(!seen.has(p), `prefix ${p} is used twice`);
        seen.add(p);
      }
    }
    for (const required of [...KINDS, 'server', 'dns-name', 'cluster', 'traffic',
      'design-simple-stack', 'design-distributed', 'design-secured-monitored', 'design-scaled-up']) {
      assert.ok(seen.has(required), `a snippet with prefix ${required}`);
    }
  });

  for (const [title, snippet] of entries) {
    it(`"${title}" is valid YAML with its defaults`, () => {
      const text = expandSnippet(snippet);
      assert.ok(!text.includes('\t'), 'snippets indent with spaces: YAML forbids tabs');
      const doc = YAML.parseDocument(text, { prettyErrors: false, uniqueKeys: true });
      assert.deepEqual(doc.errors.map((e) => e.message), [], text);
      assert.deepEqual(doc.warnings.map((e) => e.message), [], text);
    });
  }

  it('component snippets define one component of their kind', () => {
    for (const kind of KINDS) {
      const snippet = entries.find(([, s]) => prefixes(s).includes(kind));
      assert.ok(snippet, kind);
      const value = YAML.parse(expandSnippet(snippet[1])) as Record<string, { kind: string }>;
      const components = Object.values(value);
      assert.equal(components.length, 1, `${kind}: one component`);
      assert.equal(components[0]?.kind, kind);
    }
  });

  const designs = entries.filter(([, s]) => prefixes(s).some((p) => p.startsWith('design-')));

  it('whole-design snippets start with infra: 1 and define components', () => {
    assert.ok(designs.length >= 4);
    for (const [title, snippet] of designs) {
      const text = expandSnippet(snippet);
      assert.match(text, /^infra: 1\n/, `${title} starts with infra: 1`);
      const design = YAML.parse(text, { merge: true }) as Record<string, unknown>;
      assert.equal(design.infra, 1, title);
      assert.ok(design.components && typeof design.components === 'object', `${title}: components`);
    }
  });

  it('whole-design snippets use known kinds and only name things they define', () => {
    for (const [title, snippet] of designs) {
      const design = YAML.parse(expandSnippet(snippet), { merge: true }) as {
        domain?: string;
        dns?: Record<string, Record<string, unknown>>;
        servers?: Record<string, Record<string, unknown>>;
        components: Record<string, Record<string, unknown>>;
      };
      const defined = new Set([...Object.keys(design.servers ?? {}), ...Object.keys(design.components)]);
      assert.equal(defined.size, Object.keys(design.servers ?? {}).length + Object.keys(design.components).length, `${title}: unique names`);
      for (const [name, component] of Object.entries(design.components)) {
        assert.ok(KINDS.includes(component.kind as string), `${title}/${name}: kind ${String(component.kind)}`);
        const cluster = component.cluster as { peers?: unknown } | undefined;
        const refs = [...names(component.to), ...names(component.on), ...names(component.replicates), ...names(cluster?.peers)];
        for (const ref of refs) assert.ok(defined.has(ref), `${title}/${name} names ${ref}, which is not defined`);
      }
      if (design.dns) assert.ok(design.domain, `${title}: domain with dns`);
      for (const [record, types] of Object.entries(design.dns ?? {})) {
        for (const value of names(types.A)) {
          if (!/^\d+\.\d+\.\d+\.\d+$/.test(value)) assert.ok(defined.has(value), `${title}: dns/${record} names ${value}`);
        }
      }
    }
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
