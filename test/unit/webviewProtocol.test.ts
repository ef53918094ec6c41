// The extension treats the webview as untrusted: every message is checked
// against the typed protocol and copied field by field (parseFromWebview).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { decodeFloats, encodeFloats } from '../../common/floats';
import { MESSAGE_LIMITS, packResult, parseFromWebview, STATS_PER_NODE, unpackResult } from '../../common/webviewProtocol';
import { analyzeText } from '../../server/src/analysis/analyze';
import { simulate } from '../../server/src/analysis/simulate/simulate';

const params = { seed: 42, qps: 100, readShare: 0.9, failed: ['component:web-1'], ticks: 50, tickMs: 100, sampleRate: 12 };
const range = { start: { line: 3, character: 2 }, end: { line: 3, character: 7 } };

describe('webview messages', () => {
  it('accepts every message the webview sends', () => {
    assert.deepEqual(parseFromWebview({ type: 'ready' }), { type: 'ready' });
    assert.deepEqual(parseFromWebview({ type: 'reveal', nodeId: 'c:web-1', range }), { type: 'reveal', nodeId: 'c:web-1', range });
    assert.deepEqual(parseFromWebview({ type: 'simulate', requestId: 3, params }), { type: 'simulate', requestId: 3, params });
    for (const deploy of ['rolling', 'blue-green'] as const) {
      assert.deepEqual(parseFromWebview({ type: 'simulate', requestId: 4, params: { ...params, deploy } }), { type: 'simulate', requestId: 4, params: { ...params, deploy } });
    }
    assert.ok(parseFromWebview({ type: 'export', format: 'svg', data: '<svg xmlns="http://www.w3.org/2000/svg"></svg>' }));
    assert.ok(parseFromWebview({ type: 'export', format: 'png', data: 'data:image/png;base64,iVBORw0KGgo=' }));
    assert.deepEqual(parseFromWebview({ type: 'log', level: 'error', text: 'x' }), { type: 'log', level: 'error', text: 'x' });
  });

  it('never lets a simulate message name another document, or any field it does not know', () => {
    const m = parseFromWebview({ type: 'simulate', requestId: 1, params: { ...params, uri: 'file:///etc/other.infra.yaml', __proto__: { polluted: 1 }, extra: 1 } });
    assert.ok(m && m.type === 'simulate');
    assert.deepEqual(Object.keys(m.params).sort(), ['failed', 'qps', 'readShare', 'sampleRate', 'seed', 'tickMs', 'ticks']);
    assert.equal((m as unknown as { uri?: string }).uri, undefined);
  });

  const hostile: [string, unknown][] = [
    ['null', null], ['undefined', undefined], ['a string', 'ready'], ['a number', 7], ['an array', [{ type: 'ready' }]],
    ['no type', {}], ['an unknown type', { type: 'runCommand', command: 'workbench.action.terminal.new' }], ['type not a string', { type: ['ready'] }],
    ['reveal without range', { type: 'reveal', nodeId: 'x' }], ['reveal with null range', { type: 'reveal', nodeId: 'x', range: null }],
    ['reveal with negative line', { type: 'reveal', nodeId: 'x', range: { start: { line: -1, character: 0 }, end: { line: 0, character: 0 } } }],
    ['reveal with NaN', { type: 'reveal', nodeId: 'x', range: { start: { line: NaN, character: 0 }, end: { line: 0, character: 0 } } }],
    ['reveal with fractional', { type: 'reveal', nodeId: 'x', range: { start: { line: 0.5, character: 0 }, end: { line: 1, character: 0 } } }],
    ['reveal with start after end', { type: 'reveal', nodeId: 'x', range: { start: { line: 9, character: 0 }, end: { line: 1, character: 0 } } }],
    ['reveal with huge line', { type: 'reveal', nodeId: 'x', range: { start: { line: 1e12, character: 0 }, end: { line: 1e12, character: 0 } } }],
    ['reveal with a string line', { type: 'reveal', nodeId: 'x', range: { start: { line: '1', character: 0 }, end: { line: 1, character: 0 } } }],
    ['simulate without params', { type: 'simulate', requestId: 1 }],
    ['simulate with negative qps', { type: 'simulate', requestId: 1, params: { ...params, qps: -1 } }],
    ['simulate with infinite qps', { type: 'simulate', requestId: 1, params: { ...params, qps: Infinity } }],
    ['simulate with too many ticks', { type: 'simulate', requestId: 1, params: { ...params, ticks: MESSAGE_LIMITS.ticks + 1 } }],
    ['simulate with failed not a list', { type: 'simulate', requestId: 1, params: { ...params, failed: 'zone:a' } }],
    ['simulate with an object in failed', { type: 'simulate', requestId: 1, params: { ...params, failed: [{ toString: 1 }] } }],
    ['simulate with readShare 2', { type: 'simulate', requestId: 1, params: { ...params, readShare: 2 } }],
    ['simulate with an unknown deploy mode', { type: 'simulate', requestId: 1, params: { ...params, deploy: 'canary' } }],
    ['simulate with a deploy that is not a string', { type: 'simulate', requestId: 1, params: { ...params, deploy: { mode: 'rolling' } } }],
    ['simulate with a string requestId', { type: 'simulate', requestId: '1', params }],
    ['export to a path', { type: 'export', format: '/../../../../.bashrc#', data: '<svg></svg>' }],
    ['export format with a slash', { type: 'export', format: 'svg/../x', data: '<svg></svg>' }],
    ['export svg that is not an SVG', { type: 'export', format: 'svg', data: '#!/bin/sh\nrm -rf ~' }],
    ['export png that is not base64 PNG data', { type: 'export', format: 'png', data: 'data:text/html;base64,PHNjcmlwdD4=' }],
    ['export png with junk after the data', { type: 'export', format: 'png', data: 'data:image/png;base64,iVBO\n<script>' }],
    ['export without data', { type: 'export', format: 'svg' }],
    ['log with an unknown level', { type: 'log', level: 'fatal', text: 'x' }],
  ];
  for (const [what, m] of hostile) {
    it(`ignores ${what}`, () => assert.equal(parseFromWebview(m), undefined));
  }

  it('cuts log text to a bounded length', () => {
    const m = parseFromWebview({ type: 'log', level: 'info', text: 'x'.repeat(1_000_000) });
    assert.ok(m && m.type === 'log' && m.text.length === MESSAGE_LIMITS.text);
  });

  // The simulation is posted packed (one array for every node and tick): every figure of every tick survives it.
  it('packs a simulation result without losing or inventing a figure', () => {
    const text = fs.readFileSync(path.join(__dirname, '../../../test/fixtures/designs/1-distributed.infra.yaml'), 'utf8');
    const result = simulate(analyzeText(text), { ...params, failed: ['component:web-1'], ticks: 8 });
    const posted = packResult(result);
    assert.equal(typeof posted.stats, 'string', 'the figures are posted as one string');
    const packed = unpackResult(JSON.parse(JSON.stringify(posted)))!;
    assert.ok(packed, 'the posted result unpacks');
    assert.equal(packed.ticks.length, result.ticks.length);
    assert.equal(packed.stats.length, result.ticks.length * packed.ids.length * STATS_PER_NODE);
    assert.deepEqual(packed.summary, result.summary);
    result.ticks.forEach((t, k) => {
      assert.deepEqual(packed.ticks[k], { index: t.index, requests: t.requests });
      const read: Record<string, unknown> = {};
      packed.ids.forEach((id, i) => {
        const at = (k * packed.ids.length + i) * STATS_PER_NODE;
        if (packed.stats[at]! >= 0) read[id] = { load: packed.stats[at], utilisation: packed.stats[at + 1], served: packed.stats[at + 2], dropped: packed.stats[at + 3] };
      });
      assert.deepEqual(read, t.nodes, `tick ${k}`);
    });
    assert.ok(Object.keys(result.ticks[0]!.nodes).length > 3);
    assert.ok(JSON.stringify(posted).length < JSON.stringify(result).length);
    assert.equal(unpackResult({ ...posted, ids: [...posted.ids, 'c:extra'] }), undefined, 'figures that do not match the nodes are refused');
  });

  // The figures travel as base64 doubles: every bit comes back, and text it cannot have made is refused.
  it('encodes doubles as base64 and decodes them exactly', () => {
    const values = [-1, 0, 1, 0.1, 1 / 3, 51.234567890123, 1e-300, -2.5e300, Number.MAX_VALUE, 12345678901234567];
    for (let n = 0; n <= values.length; n++) {
      const text = encodeFloats(values.slice(0, n));
      assert.match(text, /^[A-Za-z0-9+/]*={0,2}$/);
      assert.deepEqual([...decodeFloats(text)!], values.slice(0, n), `${n} values`);
    }
    const many = Array.from({ length: 30000 }, (_, i) => i / 7 - 100);
    assert.deepEqual([...decodeFloats(encodeFloats(many))!], many, 'past one chunk of the encoder');
    const one = encodeFloats([0.1]);
    for (const bad of [one.slice(1), `${one.slice(0, 3)}!${one.slice(4)}`, `${one.slice(0, 4)}=${one.slice(5)}`, one.replace(/=$/, 'A'), 42, undefined, { length: 12 }]) {
      assert.equal(decodeFloats(bad), undefined, `refuses ${JSON.stringify(bad)}`);
    }
  });
});
