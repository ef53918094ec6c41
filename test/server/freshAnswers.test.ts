// Once the diagnostics of a version are published, requests answer from that version: the
// request thread's model is brought forward (from its own previous parse) before the diagnostics
// are sent, not some time later. On a design large enough that requests otherwise answer from the
// last model while a newer version is analysed.
import * as assert from 'node:assert/strict';
import { MarkupContent } from 'vscode-languageserver-protocol/node';
import { freshUri, generatedDesign, LspClient, positionAt, positionOf } from './lspClient';

const BIG = 120_000;

describe('answers after an edit reflect the edit', function () {
  this.timeout(10 * BIG);
  let client: LspClient;
  let text: string;
  before(async function () {
    text = await generatedDesign(2000);
    client = await LspClient.start();
  });
  after(async function () {
    if (client) await client.shutdown().catch(() => client.dispose());
  });

  it('hover and completion right after the diagnostics of each edit answer from that edit', async function () {
    const uri = freshUri('fresh');
    await client.openAndWait(uri, text, BIG);
    const hoverOn = async (current: string, name: string): Promise<string> => {
      const h = await client.hover(uri, positionOf(current, `\n  ${name}:`, 3), BIG);
      return h ? (h.contents as MarkupContent).value : '';
    };
    // the request thread builds its model of version 1
    const cache = /\n {2}(cache-[\w-]+):\n {4}kind: cache\n/.exec(text.slice(text.length >> 1))!;
    const name = cache[1]!;
    assert.match(await hoverOn(text, name), /cache/i);
    let current = text;
    for (const [from, to] of [['kind: cache', 'kind: database'], ['kind: database', 'kind: queue']] as const) {
      const at = current.indexOf(`\n  ${name}:\n    ${from}`) + `\n  ${name}:\n    `.length;
      const start = positionAt(current, at);
      const version = client.change(uri, [{ range: { start, end: positionAt(current, at + from.length) }, text: to }]);
      current = client.texts.get(uri)!;
      const d = await client.current(uri, BIG);
      assert.equal(d.version, version);
      // no pause: the first requests after the diagnostics
      const value = await hoverOn(current, name);
      const kind = to.slice('kind: '.length);
      assert.ok(value.toLowerCase().includes(kind), `hover after '${to}' names the new kind: ${value.slice(0, 300)}`);
      const items = await client.completion(uri, positionOf(current, `\n  ${name}:\n    kind: `, `\n  ${name}:\n    kind: `.length), BIG);
      assert.ok(items.some((i) => i.label === 'database'), 'kind values offered');
    }
  });
});
