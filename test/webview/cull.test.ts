// Only what can be seen is drawn: in full detail of a large design the cards,
// frames and edges well outside the stage are display:none (still in the DOM,
// so updates, marks and exports see the whole picture), they are drawn as
// they are panned to, the picture on the stage is the same pixels as with
// everything drawn, an edit of a culled card is shown when it comes into
// view, and the SVG export holds every card.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { analyzeText } from '../../server/src/analysis/analyze';
import { buildDiagram } from '../../server/src/analysis/view/diagram';
import { openPreview, RESULTS, ROOT, previewSuite, Server } from './harness';

const generate = (n: number): string => execFileSync(process.execPath, [path.join(ROOT, 'scripts/gen-design.mjs'), String(n)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });

interface Card { id: string; hidden: boolean; onStage: boolean; x: number; y: number }

/** Every card: culled or not, and where it is on the screen (from its transform, which a culled card keeps). */
const cards = (page: Page): Promise<Card[]> => page.evaluate(() => {
  const stage = document.getElementById('stage')!.getBoundingClientRect();
  const ctm = document.querySelector<SVGGElement>('#canvas > .viewport')!.getScreenCTM()!;
  return Array.from(document.querySelectorAll<SVGGElement>('#canvas .node[data-id]')).map((n) => {
    const t = n.transform.baseVal.consolidate()!.matrix;
    const a = new DOMPoint(t.e, t.f).matrixTransform(ctm);
    const b = new DOMPoint(t.e + 176, t.f + 64).matrixTransform(ctm);
    const onStage = b.x > stage.left && a.x < stage.right && b.y > stage.top && a.y < stage.bottom;
    return { id: n.dataset.id!, hidden: getComputedStyle(n).display === 'none', onStage, x: (a.x + b.x) / 2 - stage.left, y: (a.y + b.y) / 2 - stage.top };
  });
});

/** The stage's pixels, without the moving dots. */
const stagePixels = async (page: Page): Promise<Buffer> => {
  const box = (await page.locator('#stage').boundingBox())!;
  return page.screenshot({ clip: box });
};

/** Load lines that reach past their card's right edge, on the cards drawn. */
const loadsOutside = (page: Page): Promise<string[]> => page.evaluate(() => Array.from(document.querySelectorAll<SVGGElement>('#canvas .node[data-id]'))
  .filter((n) => getComputedStyle(n).display !== 'none')
  .flatMap((n) => {
    const card = n.querySelector('.card:not(.stack)')!.getBoundingClientRect();
    const load = n.querySelector<SVGTextElement>('.load')!;
    const r = load.getBoundingClientRect();
    return load.textContent && r.right > card.right + 0.5 ? [`${n.dataset.id} '${load.textContent}' ${(r.right - card.right).toFixed(1)} px out`] : [];
  }));

describe('only what can be seen is drawn (headless Chromium)', function () {
  this.timeout(240000);
  let browser: Browser;
  let server: Server;

  previewSuite((b, s) => { browser = b; server = s; });

  it('300 components in full detail: off-stage cards are culled, drawn when panned to, and the stage looks the same as a full draw', async () => {
    const text = generate(300);
    const full = buildDiagram(analyzeText(text));
    const { page, errors, edit } = await openPreview(browser, server.origin, text, { width: 1400, height: 900 });
    await page.locator('#detail').click();
    await page.waitForFunction((count) => document.querySelectorAll('#canvas .node').length === count, full.nodes.length);
    await page.waitForSelector('body[data-status="simulated"]');
    await page.evaluate(() => { (window as unknown as { infraPreview: { player: { pause(): void } } }).infraPreview.player.pause(); document.getElementById('overlay')!.style.visibility = 'hidden'; });

    const seen = await cards(page);
    assert.equal(seen.length, full.nodes.length, 'every card is in the DOM');
    const culled = seen.filter((c) => c.hidden);
    assert.ok(culled.length > full.nodes.length / 2, `most cards are culled at a legible zoom (${culled.length} of ${seen.length})`);
    assert.deepEqual(seen.filter((c) => c.onStage && c.hidden).map((c) => c.id), [], 'no card on the stage is culled');
    assert.deepEqual(await loadsOutside(page), [], 'every load line drawn fits its card');

    // The same pixels as with everything drawn.
    const culledShot = await stagePixels(page);
    const hiddenIds = await page.evaluate(() => Array.from(document.querySelectorAll<SVGGElement>('#canvas [data-id]')).filter((el) => el.style.display === 'none').map((el) => { el.style.removeProperty('display'); return el.dataset.id!; }));
    assert.ok(hiddenIds.length > 0);
    const fullShot = await stagePixels(page);
    fs.writeFileSync(path.join(RESULTS, 'cull-300-detail.png'), culledShot);
    assert.ok(culledShot.equals(fullShot), 'the stage shows the same pixels culled and fully drawn');
    await page.evaluate((ids) => { for (const id of ids) document.querySelector<SVGGElement>(`#canvas [data-id="${CSS.escape(id)}"]`)!.style.display = 'none'; }, hiddenIds);

    // An edit of a culled card: patched, still culled, and shown with its new value when panned to.
    const far = culled.sort((a, b) => Math.hypot(b.x, b.y) - Math.hypot(a.x, a.y)).find((c) => /^c:web-/.test(c.id))!;
    assert.ok(far, 'a culled web server');
    const name = far.id.slice(2);
    const edited = text.replace(new RegExp(`(\\n {2}${name}:\\n {4}kind: web-server\\n {4}software: )nginx`), '$1caddy');
    assert.notEqual(edited, text, `${name} has software nginx`);
    await edit(edited);
    assert.equal(await page.evaluate(() => document.body.dataset.patched), '1', 'the edit patched one card');
    assert.equal(await page.locator(`#canvas .node[data-id="${far.id}"]`).evaluate((n) => getComputedStyle(n).display), 'none', 'the patched card is still culled');

    // Pan with the arrow keys until the card is in the middle of the stage.
    const stage = (await page.locator('#stage').boundingBox())!;
    await page.locator('#canvas').focus();
    const presses = (d: number): number => Math.round(Math.abs(d) / 40);
    for (let i = presses(far.x - stage.width / 2); i > 0; i--) await page.keyboard.press(far.x > stage.width / 2 ? 'ArrowRight' : 'ArrowLeft');
    for (let i = presses(far.y - stage.height / 2); i > 0; i--) await page.keyboard.press(far.y > stage.height / 2 ? 'ArrowDown' : 'ArrowUp');
    const after = await cards(page);
    const now = after.find((c) => c.id === far.id)!;
    assert.ok(now.onStage && !now.hidden, `the panned-to card is drawn (${JSON.stringify(now)})`);
    assert.deepEqual(after.filter((c) => c.onStage && c.hidden).map((c) => c.id), [], 'no card on the stage is culled after the pan');
    assert.match((await page.locator(`#canvas .node[data-id="${far.id}"] .sub`).textContent()) ?? '', /caddy/, 'it shows the edited value');
    assert.deepEqual(await loadsOutside(page), [], 'the load lines of the cards shown by the pan fit their cards');
    await page.screenshot({ path: path.join(RESULTS, 'cull-300-panned.png') });

    // Fit zooms out (to its 10 % floor, which still shows this design in part): more is drawn, and still nothing on the stage is culled.
    await page.locator('#fit').click();
    const fitted = await cards(page);
    assert.deepEqual(fitted.filter((c) => c.onStage && c.hidden).map((c) => c.id), [], 'no card on the stage is culled after Fit');
    assert.ok(fitted.filter((c) => c.hidden).length < culled.length / 2, `Fit draws most of the design (${fitted.filter((c) => c.hidden).length} culled)`);
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('the SVG export of a culled full detail holds every card, none hidden', async () => {
    const text = generate(300);
    const full = buildDiagram(analyzeText(text));
    const { page, errors } = await openPreview(browser, server.origin, text);
    await page.locator('#detail').click();
    await page.waitForFunction((count) => document.querySelectorAll('#canvas .node').length === count, full.nodes.length);
    await page.waitForSelector('body[data-status="simulated"]');
    const culled = await page.evaluate(() => (window as unknown as { infraPreview: { culled: number } }).infraPreview.culled);
    assert.ok(culled > 0, `some of the picture is culled (${culled})`);
    type Posted = { type: string; format?: string; data?: string };
    await page.locator('#export-svg').click();
    await page.waitForFunction(() => (window as unknown as { __posted: Posted[] }).__posted.some((m) => m.type === 'export' && m.format === 'svg'), undefined, { timeout: 60000 });
    const svg = (await page.evaluate(() => (window as unknown as { __posted: Posted[] }).__posted.find((m) => m.type === 'export' && m.format === 'svg')))!.data!;
    const missing = full.nodes.filter((n) => !svg.includes(`data-id="${n.id}"`)).map((n) => n.id);
    assert.deepEqual(missing, [], 'every card is in the export');
    assert.doesNotMatch(svg, /display: none/, 'nothing in the export is hidden');
    assert.equal(await page.evaluate(() => (window as unknown as { infraPreview: { culled: number } }).infraPreview.culled), culled, 'the stage is culled again after the export');
    assert.deepEqual(errors, []);
    await page.close();
  });
});
