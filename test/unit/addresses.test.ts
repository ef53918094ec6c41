// The analysis core parses IP addresses without Node (it also runs in a web
// worker): its parsers must accept exactly what Node's `net.isIPv4`/`isIPv6`
// accept, which these tests check on hand-picked and generated strings.
import * as assert from 'node:assert/strict';
import * as net from 'node:net';
import fc from 'fast-check';
import { isCidr, isIPv4, isIPv6 } from '../../server/src/analysis/model/values';

const agree = (s: string): void => {
  assert.equal(isIPv4(s), net.isIPv4(s), `isIPv4(${JSON.stringify(s)})`);
  assert.equal(isIPv6(s), net.isIPv6(s), `isIPv6(${JSON.stringify(s)})`);
};

const EDGES = [
  '1.2.3.4', '0.0.0.0', '255.255.255.255', '256.1.1.1', '01.2.3.4', '1.2.3', '1.2.3.4.5', '0x7f.0.0.1', '127.1', ' 1.2.3.4', '1.2.3.4\n', '',
  '::', '::1', '1::', '1:2:3:4:5:6:7:8', '1:2:3:4:5:6:7:8:9', '1::2::3', 'abcd::ABCD', 'g::1', '00000::1', '12345::', '[::1]', '::1/64',
  '::ffff:1.2.3.4', '::ffff:01.2.3.4', '::ffff:255.255.255.256', '1:2:3:4:5:6:1.2.3.4', '1:2:3:4:5:6:7:1.2.3.4',
  'fe80::1%eth0', 'fe80::1%eth0.1', 'fe80::1%a-b:c', 'fe80::1%', 'fe80::1%a%b', 'fe80::1%25eth0', '2001:db8::/32',
];

describe('IP address parsing without node:net', () => {
  it('agrees with Node on edge cases', () => EDGES.forEach(agree));

  it('agrees with Node on generated strings', () => {
    const unit = fc.constantFrom(...'0123456789abcdefABCDEF:.%/ gx-[]'.split(''));
    fc.assert(fc.property(fc.string({ unit, maxLength: 45 }), (s) => agree(s)), { numRuns: 20000 });
  });

  it('agrees with Node on generated address-shaped strings', () => {
    const hex = fc.stringMatching(/^[0-9a-fA-F]{1,5}$/);
    const dec = fc.stringMatching(/^(0|0?[1-9][0-9]{0,2}|0x[0-9a-f]{1,2})$/);
    const v4 = fc.array(dec, { minLength: 1, maxLength: 5 }).map((a) => a.join('.'));
    const zone = fc.option(fc.stringMatching(/^%[0-9a-z.:%-]{0,4}$/), { nil: '' });
    fc.assert(fc.property(v4, (s) => agree(s)), { numRuns: 10000 });
    const v6 = fc.tuple(fc.array(hex, { maxLength: 9 }), fc.nat(9), fc.boolean(), fc.option(v4, { nil: undefined }), zone).map(([parts, at, gap, tail, z]) => {
      const p = tail === undefined ? [...parts] : [...parts, tail];
      if (gap) p.splice(at % (p.length + 1), 0, '');
      let s = p.join(':');
      if (gap && s.startsWith(':')) s = `:${s}`;
      if (gap && s.endsWith(':')) s = `${s}:`;
      return s + z;
    });
    fc.assert(fc.property(v6, (s) => agree(s)), { numRuns: 30000 });
  });

  it('reads CIDR blocks of both families', () => {
    assert.ok(isCidr('10.0.0.0/8'));
    assert.ok(isCidr('2001:db8::/32'));
    assert.ok(!isCidr('10.0.0.0/33'));
    assert.ok(!isCidr('2001:db8::/129'));
    assert.ok(!isCidr('10.0.0/8'));
  });
});
