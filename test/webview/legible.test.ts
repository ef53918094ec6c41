// The preview as a new user sees it beside the editor: a stage of 520×550 CSS
// px. For each reference design the node labels must be legible on screen
// (median ≥ 11 px, font size × the current transform), every node inside the
// visible stage after open, after Fit and after a resize, and an edit that does
// not change the topology (a `software:` value) must move nothing.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { analyzeText } from '../../server/src/analysis/analyze';
import { buildDiagram } from '../../server/src/analysis/view/diagram';
import { EXAMPLES, openPreview, RESULTS, previewSuite, Server } from './harness';

export const STAGE = { width: 520, height: 550 };

export interface Seen {
  readonly labels: number[];
  readonly median: number;
  readonly outside: string[];
  readonly boxes: Record<string, { x: number; y: number }>;
  readonly direction: string;
  readonly stage: { width: number; height: number };
}

/** What is on screen: each label's size in CSS px, the nodes outside the stage, each card's position. */
export function look(page: Page): Promise<Seen> {
  return page.evaluate(() => {
    const stage = document.getElementById('stage')!.getBoundingClientRect();
    const labels = Array.from(document.querySelectorAll<SVGTextElement>('#canvas .node .label'))
      .map((el) => parseFloat(getComputedStyle(el).fontSize) * (el.getScreenCTM()?.a ?? 0)).sort((a, b) => a - b);
    const outside: string[] = [];
    const boxes: Record<string, { x: number; y: number }> = {};
    for (const n of Array.from(document.querySelectorAll<SVGGElement>('#canvas .node'))) {
      const r = n.querySelector('.card:not(.stack)')!.getBoundingClientRect();
      boxes[n.dataset.id!] = { x: r.x, y: r.y };
      if (r.left < stage.left - 1 || r.top < stage.top - 1 || r.right > stage.right + 1 || r.bottom > stage.bottom + 1) outside.push(n.dataset.id!);
    }
    return { labels, median: labels[Math.floor(labels.length / 2)] ?? 0, outside, boxes, direction: document.body.dataset.direction ?? '', stage: { width: stage.width, height: stage.height } };
  });
}

/** The page size whose stage (the diagram's area, below the toolbar and above the summary) is `STAGE`. */
export async function pageSizeFor(browser: Browser, origin: string, text: string): Promise<{ width: number; height: number }> {
  const probe = { width: STAGE.width, height: 900 };
  const { page } = await openPreview(browser, origin, text, probe);
  // The summary takes a share of the height, so solve stage = a·height + b from two sizes.
  const h1 = (await look(page)).stage.height;
  await page.setViewportSize({ width: probe.width, height: 1100 });
  const h2 = (await page.evaluate(() => document.getElementById('stage')!.getBoundingClientRect().height));
  await page.close();
  const a = (h2 - h1) / 200;
  return { width: STAGE.width, height: Math.round(900 + (STAGE.height - h1) / a) };
}

describe('preview legibility at a 520×550 stage (headless Chromium)', function () {
  this.timeout(120000);
  let browser: Browser;
  let server: Server;
  let size: { width: number; height: number };
  const files = fs.readdirSync(EXAMPLES).filter((f) => f.endsWith('.infra.yaml')).sort();

  previewSuite(async (b, s) => {
    browser = b;
    server = s;
    size = await pageSizeFor(browser, server.origin, fs.readFileSync(path.join(EXAMPLES, files[0]!), 'utf8'));
  });

  for (const file of files) {
    const name = file.replace(/\.infra\.yaml$/, '');
    it(`${name}: legible and whole at open, after Fit and after a resize`, async () => {
      const { page, errors } = await openPreview(browser, server.origin, fs.readFileSync(path.join(EXAMPLES, file), 'utf8'), size);
      await page.waitForTimeout(300); // the summary fills in after the first simulation
      const open = await look(page);
      assert.ok(Math.abs(open.stage.width - STAGE.width) <= 2 && Math.abs(open.stage.height - STAGE.height) <= 4, JSON.stringify(open.stage));
      assert.ok(open.median >= 11, `median label ${open.median.toFixed(1)} px at open`);
      assert.deepEqual(open.outside, [], 'every node inside the stage at open');
      const cut = await page.$$eval('#canvas .frame-label', (els) => els.map((e) => e.textContent ?? '').filter((t) => t.endsWith('…')));
      assert.deepEqual(cut, [], 'no frame title is cut short');
      await page.screenshot({ path: path.join(RESULTS, `legible-${name}.png`) });
      await page.locator('#canvas').hover();
      await page.mouse.wheel(0, 400); // zoom out, then Fit brings it back
      await page.getByRole('button', { name: 'Fit' }).click();
      const fitted = await look(page);
      assert.ok(fitted.median >= 11, `median label ${fitted.median.toFixed(1)} px after Fit`);
      assert.deepEqual(fitted.outside, [], 'every node inside the stage after Fit');
      const fits = await page.evaluate(() => Number(document.body.dataset.fits ?? 0));
      await page.setViewportSize({ width: size.width - 80, height: size.height - 60 });
      await page.waitForFunction((n) => Number(document.body.dataset.fits ?? 0) > n, fits);
      const resized = await look(page);
      assert.deepEqual(resized.outside, [], 'every node inside the stage after a resize');
      assert.ok(resized.median >= 9, `median label ${resized.median.toFixed(1)} px in the smaller panel`);
      assert.deepEqual(errors, []);
      console.log(`      ${name}: median label ${open.median.toFixed(1)} px at open, ${fitted.median.toFixed(1)} after Fit, ${resized.median.toFixed(1)} at ${resized.stage.width}×${resized.stage.height}; ${open.direction}`);
      await page.close();
    });

    it(`${name}: a software: edit moves nothing and keeps the direction`, async () => {
      const text = fs.readFileSync(path.join(EXAMPLES, file), 'utf8');
      const { page } = await openPreview(browser, server.origin, text, size);
      await page.waitForTimeout(300);
      const before = await look(page);
      const edited = /software: \S+/.test(text) ? text.replace(/software: \S+/, 'software: a-much-longer-server-name') : text.replace(/kind: web-server/, 'kind: web-server\n    software: caddy');
      assert.notEqual(edited, text);
      await page.evaluate((model) => { document.body.dataset.status = 'updating'; window.postMessage({ type: 'diagram', uri: 'file:///design.infra.yaml', model }, '*'); }, buildDiagram(analyzeText(edited)) as unknown as Record<string, unknown>);
      await page.waitForSelector('body[data-status="simulated"]');
      const after = await look(page);
      assert.equal(after.direction, before.direction);
      for (const [id, b] of Object.entries(before.boxes)) {
        const a = after.boxes[id]!;
        assert.ok(Math.hypot(a.x - b.x, a.y - b.y) <= 2, `${id} moved from ${b.x},${b.y} to ${a.x},${a.y}`);
      }
      await page.close();
    });

    it(`${name}: adding a component keeps the direction and the picture whole`, async () => {
      const text = fs.readFileSync(path.join(EXAMPLES, file), 'utf8');
      const { page } = await openPreview(browser, server.origin, text, size);
      await page.waitForTimeout(300);
      const before = await look(page);
      const edited = `${text.trimEnd()}\n  cache-9:\n    kind: cache\n    software: redis\n`;
      const model = buildDiagram(analyzeText(edited));
      assert.ok(model.nodes.some((n) => n.id === 'c:cache-9'));
      await page.evaluate((m) => { document.body.dataset.status = 'updating'; window.postMessage({ type: 'diagram', uri: 'file:///design.infra.yaml', model: m }, '*'); }, model as unknown as Record<string, unknown>);
      await page.waitForSelector('body[data-status="simulated"]');
      const after = await look(page);
      assert.equal(after.direction, before.direction, 'the picture did not flip');
      assert.deepEqual(after.outside, [], 'the fitted view re-fits to the new drawing');
      await page.close();
    });
  }
});
