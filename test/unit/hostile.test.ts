// Designs whose naive analysis grows faster than the file: the core must
// answer with bounded findings, never overflow the stack or run out of memory.
// (Before the fix: the 130,000-name list threw RangeError in analyze.ts, the
// 3,000-name CNAME chain overflowed the stack in the topology builder, and a
// 3,000-server zone gave findings whose JSON no longer fit in a string.)
import * as assert from 'node:assert/strict';
import { analyzeText } from '../../server/src/analysis/analyze';
import { LIMITS } from '../../server/src/analysis/findings';
import { MAX_CNAME_HOPS } from '../../server/src/analysis/model/topology';
import { chainDesign, cnameChainDesign, cnameCycleDesign, unknownRefsDesign, zoneFleetDesign } from './hostile';

function check(text: string) {
  const findings = analyzeText(text).findings();
  const json = JSON.stringify(findings);
  for (const f of findings) {
    assert.ok(f.message.length <= LIMITS.messageChars, `${f.code}: message of ${f.message.length} characters`);
    assert.ok((f.related?.length ?? 0) <= LIMITS.related, `${f.code}: ${f.related?.length} related places`);
  }
  assert.ok(findings.length <= LIMITS.perFile + 30, `${findings.length} findings`);
  assert.ok(json.length <= LIMITS.totalChars * 2, `${json.length} characters of findings`);
  return findings;
}

describe('hostile designs: bounded findings', function () {
  this.timeout(120_000);

  it('a to: list of 130,000 unknown names gives the first 1,000 and one "and 129,000 more"', () => {
    const findings = check(unknownRefsDesign(130_000)).filter((f) => f.code === 'unknown-reference');
    assert.equal(findings.length, LIMITS.perRule + 1);
    const more = findings.filter((f) => /^…and 129,000 more unknown-reference findings/.test(f.message));
    assert.equal(more.length, 1, findings.slice(-2).map((f) => f.message).join('\n'));
  });

  for (const n of [500, 5000]) {
    it(`a chain of ${n} components: each finding names the path's ends and its length, not the whole path`, () => {
      const spof = check(chainDesign(n)).filter((f) => f.code === 'single-point-of-failure');
      const last = spof.find((f) => f.message.startsWith(`If c${Math.min(n, LIMITS.perRule) - 1} fails`))!;
      assert.ok(last, spof.slice(-2).map((f) => f.message).join('\n'));
      assert.match(last.message, /\(c0 → c1 → … \(\d+ more, \d+ in all\) → c\d+ → c\d+ → c\d+ → c\d+ is the only way\)/);
      assert.ok(last.message.length < 400, last.message);
      assert.ok(last.related!.length <= 8);
    });
  }

  it('a chain of 5 components still spells out the whole path', () => {
    const spof = check(chainDesign(5)).filter((f) => f.code === 'single-point-of-failure');
    assert.ok(spof.some((f) => f.message.includes('(c0 → c1 → c2 → c3 is the only way)')), spof.map((f) => f.message).join('\n'));
  });

  for (const n of [500, 3000]) {
    it(`a zone of ${n} servers: each zone finding names a few servers, not all ${n}`, () => {
      const zone = check(zoneFleetDesign(n)).filter((f) => f.code === 'single-point-of-failure' && f.message.startsWith('If zone'));
      assert.ok(zone.length >= 1);
      for (const f of zone.slice(0, -1)) {
        assert.match(f.message, new RegExp(`and ${n - 5} more are all in it`));
        assert.ok(f.related!.length <= 8, `${f.related!.length} related`);
      }
    });
  }

  it('a CNAME chain of 3,000 names: no stack overflow, one finding that it is too deep for resolvers', () => {
    const dangling = check(cnameChainDesign(3000)).filter((f) => f.code === 'dns-dangling');
    assert.deepEqual(dangling.map((f) => f.message), [
      `Following the CNAMEs from www.cname.example takes more than ${MAX_CNAME_HOPS} steps: resolvers give up before they reach an address. Point it closer to its target.`,
    ]);
  });

  it(`a CNAME chain of ${MAX_CNAME_HOPS - 2} names still leads to the web server`, () => {
    const a = analyzeText(cnameChainDesign(MAX_CNAME_HOPS - 2));
    assert.ok(a.topology.services.some((s) => s.host === 'www.cname.example' && s.entries.some((e) => e.component.name === 'web')));
    assert.deepEqual(a.findings().filter((f) => f.code === 'dns-dangling'), []);
  });

  for (const n of [1, 3, 3000]) {
    it(`a CNAME loop of ${n} names is reported once`, () => {
      const loops = check(cnameCycleDesign(n)).filter((f) => f.code === 'dns-dangling' && f.message.includes('go round in a loop'));
      assert.equal(loops.length, 1, loops.map((f) => f.message).join('\n'));
    });
  }
});
