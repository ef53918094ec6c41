// Large generated designs (scripts/gen-design.mjs) open on their overview:
// one card per tier, legible at a 520×550 stage; a click opens a tier into its
// members, and full detail is one click away.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser } from 'playwright-core';
import { analyzeText } from '../../server/src/analysis/analyze';
import { buildDiagram } from '../../server/src/analysis/view/diagram';
import { EXAMPLES, openPreview, RESULTS, ROOT, previewSuite, Server } from './harness';
import { look, pageSizeFor } from './legible.test';

const generate = (n: number): string => execFileSync(process.execPath, [path.join(ROOT, 'scripts/gen-design.mjs'), String(n)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });

describe('large designs: the overview (headless Chromium)', function () {
  this.timeout(180000);
  let browser: Browser;
  let server: Server;
  let size: { width: number; height: number };

  previewSuite(async (b, s) => {
    browser = b;
    server = s;
    size = await pageSizeFor(browser, server.origin, fs.readFileSync(path.join(EXAMPLES, '0-simple-web-stack.infra.yaml'), 'utf8'));
  });

  for (const n of [50, 300, 1000]) {
    it(`${n} components: legible overview, a tier opens into its members`, async () => {
      const text = generate(n);
      const full = buildDiagram(analyzeText(text));
      assert.ok(full.tiers && full.tiers.length > 0, 'the server sends tiers');
      const { page, errors } = await openPreview(browser, server.origin, text, size);
      const seen = await look(page);
      assert.ok(seen.median >= 11, `median label ${seen.median.toFixed(1)} px`);
      assert.ok(seen.labels[0]! >= 11, `smallest label ${seen.labels[0]!.toFixed(1)} px`);
      assert.deepEqual(seen.outside, []);
      const web = full.tiers!.find((t) => t.kind === 'web-server')!;
      assert.match((await page.locator(`.node[data-id="${web.id}"] .sub`).textContent()) ?? '', new RegExp(`web servers on ${web.servers} servers, ${web.zones} zones`));
      assert.equal(await page.locator(`.node[data-id="${web.id}"] .instances`).textContent(), `×${web.members.length}`);
      await page.screenshot({ path: path.join(RESULTS, `overview-${n}.png`) });
      await page.locator(`.node[data-id="${web.id}"]`).click();
      await page.waitForSelector(`.group[data-id="${web.id}"]`);
      assert.equal(await page.locator(`.group[data-id="${web.id}"]`).count(), 1);
      for (const m of web.members.slice(0, 3)) assert.equal(await page.locator(`.node[data-id="${m}"]`).count(), 1, `${m} shown`);
      if (n === 50) {
        await page.screenshot({ path: path.join(RESULTS, `overview-${n}-web-open.png`) });
        await page.locator('#detail').click();
        await page.waitForFunction((count) => document.querySelectorAll('#canvas .node').length === count, full.nodes.length);
        await page.locator('#detail').click();
        await page.waitForSelector(`.group[data-id="${web.id}"]`); // back to the overview, the tier still open
      }
      assert.deepEqual(errors, []);
      await page.close();
    });
  }

  // Fitted to a side panel, 300 components would be dots with 1 px names: full
  // detail draws every member and opens legible where requests enter (the users
  // card), to be panned from there; Fit then shows more of the whole.
  it('300 components: "Full detail" draws every member, legible, and Fit zooms out', async () => {
    const text = generate(300);
    const full = buildDiagram(analyzeText(text));
    const { page, errors } = await openPreview(browser, server.origin, text, size);
    await page.locator('#detail').click();
    await page.waitForFunction((count) => document.querySelectorAll('#canvas .node').length === count, full.nodes.length);
    const drawn = await page.evaluate(() => Array.from(document.querySelectorAll<SVGGElement>('#canvas .node')).map((n) => n.dataset.id!).sort());
    assert.deepEqual(drawn, full.nodes.map((n) => n.id).sort(), 'every member of every tier is drawn');
    assert.equal(await page.locator('#canvas .group[data-id]').count(), full.groups.length, 'every server and zone frame is drawn');
    const seen = await look(page);
    const inside = full.nodes.filter((n) => !seen.outside.includes(n.id));
    const visible = await page.evaluate(() => {
      const stage = document.getElementById('stage')!.getBoundingClientRect();
      return Array.from(document.querySelectorAll<SVGGElement>('#canvas .node')).filter((n) => {
        const r = n.getBoundingClientRect();
        return r.right > stage.left && r.left < stage.right && r.bottom > stage.top && r.top < stage.bottom;
      }).map((n) => ({ id: n.dataset.id!, size: parseFloat(getComputedStyle(n.querySelector('.label')!).fontSize) * (n.querySelector<SVGTextElement>('.label')!.getScreenCTM()?.a ?? 0) }));
    });
    assert.ok(visible.length >= 3 && visible.length < full.nodes.length, `a legible part is on screen (${visible.length} cards, ${inside.length} wholly inside)`);
    for (const v of visible) assert.ok(v.size >= 11, `${v.id}: label ${v.size.toFixed(1)} px`);
    const users = full.nodes.find((n) => n.kind === 'users')!;
    assert.ok(visible.some((v) => v.id === users.id), 'the view opens on the users card');
    await page.screenshot({ path: path.join(RESULTS, 'detail-300.png') });
    await page.locator('#fit').click();
    const fitted = await look(page);
    assert.ok(fitted.median < seen.median / 2, `Fit zooms out (${seen.median.toFixed(1)} → ${fitted.median.toFixed(1)} px)`);
    assert.ok(full.nodes.length - fitted.outside.length > visible.length, 'Fit shows more of the design');
    await page.screenshot({ path: path.join(RESULTS, 'detail-300-fit.png') });
    assert.deepEqual(errors, []);
    await page.close();
  });
});
