// An edit updates the preview in place: after a one-value edit (a component's
// software) the card shows the new value, every card and frame stays exactly
// where it was (CSS px on the screen), the other cards are not drawn again, and
// no layout runs (the page counts the layouts it asks for in data-layouts).
// An edit that adds a component is laid out again and shows it.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { EXAMPLES, openPreview, RESULTS, ROOT, previewSuite, Server } from './harness';

const generate = (n: number): string => execFileSync(process.execPath, [path.join(ROOT, 'scripts/gen-design.mjs'), String(n)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });

/** Where each card and frame is on the screen, in CSS px, by id. */
const positions = (page: Page): Promise<Record<string, string>> => page.evaluate(() => {
  const out: Record<string, string> = {};
  for (const el of Array.from(document.querySelectorAll<SVGGElement>('#canvas .node[data-id], #canvas .group[data-id]'))) {
    const r = el.getBoundingClientRect();
    out[`${el.classList[0]} ${el.dataset.id}`] = [r.x, r.y, r.width, r.height].map((v) => v.toFixed(2)).join(' ');
  }
  return out;
});

/** Remembers every card's element, to tell afterwards which ones were drawn again. */
const remember = (page: Page): Promise<void> => page.evaluate(() => {
  (window as unknown as { __cards: Map<string, Element> }).__cards = new Map(Array.from(document.querySelectorAll<SVGGElement>('#canvas .node[data-id]')).map((el) => [el.dataset.id!, el]));
});
const redrawn = (page: Page): Promise<string[]> => page.evaluate(() => {
  const before = (window as unknown as { __cards: Map<string, Element> }).__cards;
  return Array.from(document.querySelectorAll<SVGGElement>('#canvas .node[data-id]')).filter((el) => before.get(el.dataset.id!) !== el).map((el) => el.dataset.id!);
});
const layouts = async (page: Page): Promise<number> => Number(await page.evaluate(() => document.body.dataset.layouts));
const sub = async (page: Page, id: string): Promise<string> => (await page.locator(`#canvas .node[data-id="${id}"] .sub`).textContent()) ?? '';

describe('an edit updates the preview in place (headless Chromium)', function () {
  this.timeout(180000);
  let browser: Browser;
  let server: Server;

  previewSuite((b, s) => { browser = b; server = s; });

  it('a one-value edit redraws only that card, moves nothing and runs no layout; adding a component lays out again', async () => {
    const text = fs.readFileSync(path.join(EXAMPLES, '1-distributed.infra.yaml'), 'utf8');
    const { page, errors, edit, counts } = await openPreview(browser, server.origin, text);
    assert.match(await sub(page, 'c:web-1'), /nginx/);
    const where = await positions(page);
    const laidOut = await layouts(page);
    assert.ok(laidOut >= 1, `the first picture was laid out (${laidOut})`);
    await remember(page);

    const edited = text.replace(/(\n {2}web-1:\n {4}kind: web-server\n {4}software: )nginx/, '$1caddy');
    assert.notEqual(edited, text);
    await edit(edited);
    assert.match(await sub(page, 'c:web-1'), /caddy/, 'the card shows the new software');
    assert.match(await sub(page, 'c:web-2'), /nginx/, 'the other web server is as it was');
    assert.deepEqual(await positions(page), where, 'every card and frame is where it was');
    assert.deepEqual(await redrawn(page), ['c:web-1'], 'only the edited card is drawn again');
    assert.equal(await layouts(page), laidOut, 'no layout ran');
    assert.ok((await page.locator('#canvas .edge').count()) > 0);
    assert.deepEqual([counts.changes, counts.ready], [1, 1], 'the edit was posted as its changes, and the page took them without asking for the whole');

    // Changes to a version the page does not have (a lost message): it asks for the whole model and shows it.
    await page.evaluate(() => { document.body.dataset.status = 'updating'; window.postMessage({ type: 'diagramChanges', uri: 'file:///design.infra.yaml', version: 1000, changes: { base: 999, nodes: [], groups: [], edges: [], rest: { title: 'x', traffic: { qps: 1, readShare: 1 } } } }, '*'); });
    await page.waitForSelector('body[data-status="simulated"]');
    assert.equal(counts.ready, 2, 'the page asked for the whole model');
    assert.match(await sub(page, 'c:web-1'), /caddy/, 'and shows it');
    assert.deepEqual(await positions(page), where, 'in the same places');

    // A new component: a new shape, laid out again, and on the screen.
    await edit(`${edited.trimEnd()}\n  cache-1:\n    kind: cache\n    software: redis\n    on: server-2\n`);
    assert.ok((await layouts(page)) > laidOut, 'the new shape was laid out');
    assert.equal(await page.locator('#canvas .node[data-id="c:cache-1"]').count(), 1, 'the new cache is drawn');
    assert.match(await sub(page, 'c:cache-1'), /redis/);
    assert.match(await sub(page, 'c:web-1'), /caddy/);
    await page.screenshot({ path: path.join(RESULTS, 'edit-added-cache.png') });
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('300 components: a one-value edit keeps the overview and the detail prepared for it; in full detail it moves no card', async () => {
    const text = generate(300);
    const { page, errors, edit } = await openPreview(browser, server.origin, text);
    await page.waitForSelector('body[data-detail-ready="true"]', { timeout: 120000 });
    const laidOut = await layouts(page);
    const where = await positions(page);

    // On the overview: nothing to lay out, and the detail's layout prepared ahead still serves.
    const v1 = text.replace(/(\n {2}web-20-1:\n {4}kind: web-server\n {4}software: )nginx/, '$1caddy');
    assert.notEqual(v1, text);
    await edit(v1);
    await page.waitForSelector('body[data-detail-ready="true"]', { timeout: 120000 });
    assert.deepEqual(await positions(page), where, 'the overview is as it was');
    assert.equal(await layouts(page), laidOut, 'neither the overview nor its detail was laid out again');
    await page.locator('#detail').click();
    // In the DOM: off the stage it is culled (display:none, webview/src/cull.ts), so not "visible" to playwright.
    await page.waitForSelector('#canvas .node[data-id="c:web-20-1"]', { state: 'attached' });
    assert.equal(await layouts(page), laidOut, 'full detail drew the layout prepared before the edit');
    assert.match(await sub(page, 'c:web-20-1'), /caddy/, 'and shows the edited value');

    // In full detail: the edited card changes, the 300 others stay as they are.
    const detailed = await positions(page);
    await remember(page);
    await edit(v1.replace(/(\n {2}web-20-1:\n {4}kind: web-server\n {4}software: )caddy/, '$1apache'));
    assert.match(await sub(page, 'c:web-20-1'), /apache/);
    assert.deepEqual(await positions(page), detailed, 'every card and frame is where it was');
    assert.deepEqual(await redrawn(page), ['c:web-20-1']);
    assert.equal(await layouts(page), laidOut, 'no layout ran');
    await page.screenshot({ path: path.join(RESULTS, 'edit-300-detail.png') });
    assert.deepEqual(errors, []);
    await page.close();
  });
});
