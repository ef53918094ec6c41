// What a person reads on the preview must be whole and consistent, measured on
// screen at the 520×550 stage (and in a wide window): no edge, arrowhead,
// label or mark over a frame's title row; every text of a card inside its
// card, even when a component drops thousands of requests; the load on a
// card is the editor's inlay-hint figure, and the users' load is the
// configured qps at every tick; the static-check line never contradicts the
// success rate beside it.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DOMParser, Element as XmlElement } from '@xmldom/xmldom';
import type { Browser, Page } from 'playwright-core';
import { analyzeText } from '../../server/src/analysis/analyze';
import { inlayHints } from '../../server/src/analysis/services/inlayHints';
import { EXAMPLES, openPreview, RESULTS, previewSuite, Server } from './harness';
import { pageSizeFor } from './legible.test';
import { applyTheme } from './themes.test';

const example = (name: string): string => fs.readFileSync(path.join(EXAMPLES, name), 'utf8');

/** Everything drawn over a frame's title row: "edge e-1 over server server-1", one line each. */
function overTitles(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const hits: string[] = [];
    const inside = (x: number, y: number, r: DOMRect): boolean => x > r.left && x < r.right && y > r.top && y < r.bottom;
    const overlap = (a: DOMRect, b: DOMRect): boolean => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
    const rows = Array.from(document.querySelectorAll<SVGGElement>('#canvas .group')).flatMap((g) => {
      const label = g.querySelector<SVGTextElement>(':scope > .frame-label');
      if (!label) return [];
      const parts = [label, ...Array.from(g.querySelectorAll<SVGGElement>(':scope > .badge'))].map((e) => e.getBoundingClientRect());
      const row = new DOMRect(Math.min(...parts.map((r) => r.left)), Math.min(...parts.map((r) => r.top)), 0, 0);
      row.width = Math.max(...parts.map((r) => r.right)) - row.left;
      row.height = Math.max(...parts.map((r) => r.bottom)) - row.top;
      return [{ name: label.textContent ?? '', row, parts }];
    });
    for (const path of Array.from(document.querySelectorAll<SVGPathElement>('#canvas .edge path'))) {
      const ctm = path.getScreenCTM()!;
      const pts = (path.getAttribute('d') ?? '').split(/[ML]/).filter((s) => s.trim()).map((s) => { const [x, y] = s.split(',').map(Number); return new DOMPoint(x, y).matrixTransform(ctm); });
      // The arrowhead: its size in user units (or times the stroke width), drawn back from the end.
      const marker = document.getElementById('arrow')!;
      const units = marker.getAttribute('markerUnits') === 'userSpaceOnUse' ? 1 : parseFloat(getComputedStyle(path).strokeWidth);
      const head = Number(marker.getAttribute('markerWidth')) * units * ctm.a;
      const id = path.parentElement!.dataset.id;
      for (const { name, parts } of rows) {
        let hit = false;
        for (let i = 1; i < pts.length && !hit; i++) {
          const [a, b] = [pts[i - 1]!, pts[i]!];
          const len = Math.hypot(b.x - a.x, b.y - a.y);
          for (let s = 0; s <= len && !hit; s += 0.5) {
            const [x, y] = [a.x + ((b.x - a.x) * s) / len, a.y + ((b.y - a.y) * s) / len];
            const wing = i === pts.length - 1 && len - s <= head ? head / 2 : 0;
            hit = parts.some((r) => inside(x, y, r) || inside(x - wing, y, r) || inside(x + wing, y, r) || inside(x, y - wing, r) || inside(x, y + wing, r));
          }
        }
        if (hit) hits.push(`edge ${id} over ${name}`);
      }
    }
    const marks = Array.from(document.querySelectorAll<SVGElement>('#canvas .plain-label, #canvas .lock, #canvas .node .findings, #canvas .node .badge, #canvas .failed-mark, #canvas .promoted-mark, #canvas .node .card:not(.stack)'));
    for (const m of marks) for (const { name, parts } of rows) if (parts.some((r) => overlap(m.getBoundingClientRect(), r))) hits.push(`${m.getAttribute('class')} of ${m.closest<SVGGElement>('[data-id]')?.dataset.id} over ${name}`);
    return hits;
  });
}

/** Each card text that reaches outside its card: "c:app-2 .load '50 rps · 10% · ✕1' 3.2 px out". */
function textsOutside(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    for (const n of Array.from(document.querySelectorAll<SVGGElement>('#canvas .node'))) {
      const card = n.querySelector('.card:not(.stack)')!.getBoundingClientRect();
      for (const t of Array.from(n.querySelectorAll<SVGTextElement>(':scope > text'))) {
        if (!t.textContent) continue;
        const r = t.getBoundingClientRect();
        const by = Math.max(card.left - r.left, r.right - card.right, card.top - r.top, r.bottom - card.bottom);
        if (by > 0.5) out.push(`${n.dataset.id} .${t.getAttribute('class')} '${t.textContent}' ${by.toFixed(1)} px out`);
      }
    }
    return out;
  });
}

const cardLoad = (page: Page, id: string): Promise<string> => page.locator(`.node[data-id="${id}"] .load`).textContent().then((t) => t ?? '');

describe('a preview a person can trust (headless Chromium)', function () {
  this.timeout(120000);
  let browser: Browser;
  let server: Server;
  let size: { width: number; height: number };
  const files = fs.readdirSync(EXAMPLES).filter((f) => f.endsWith('.infra.yaml')).sort();

  previewSuite(async (b, s) => {
    browser = b;
    server = s;
    size = await pageSizeFor(browser, server.origin, example(files[0]!));
  });

  for (const file of files) {
    const name = file.replace(/\.infra\.yaml$/, '');
    it(`${name}: nothing is drawn over a frame's title, beside the editor and in a wide window`, async () => {
      for (const [where, viewport] of [['narrow', size], ['wide', { width: 1400, height: 900 }]] as const) {
        const { page, errors } = await openPreview(browser, server.origin, example(file), viewport);
        await page.waitForTimeout(300);
        assert.deepEqual(await overTitles(page), [], `${where} (${await page.evaluate(() => document.body.dataset.direction)})`);
        assert.deepEqual(await page.$$eval('#canvas .frame-label', (els) => els.map((e) => e.textContent ?? '').filter((t) => t.endsWith('…'))), [], 'no title cut short');
        if (where === 'narrow') await page.screenshot({ path: path.join(RESULTS, `titles-${name}.png`) });
        assert.deepEqual(errors, []);
        await page.close();
      }
    });

    it(`${name}: every card's text stays inside its card, at the design's load and at 20,000 qps`, async () => {
      const { page, errors } = await openPreview(browser, server.origin, example(file), size);
      await page.locator('#play').click(); // pause: the numbers below are one tick's
      assert.deepEqual(await textsOutside(page), [], 'at the design\'s load');
      const throughput = await page.locator('dd[data-metric="Throughput"]').textContent();
      await page.locator('#qps').fill('20000');
      await page.waitForFunction((t) => document.querySelector('dd[data-metric="Throughput"]')?.textContent !== t, throughput, { timeout: 30000 });
      for (let i = 0; i < 8; i++) await page.locator('#step').click();
      assert.ok(await page.evaluate(() => Array.from(document.querySelectorAll('#canvas .load')).some((t) => /✕\d{3,}/.test(t.textContent ?? ''))), 'some card drops hundreds of requests');
      assert.deepEqual(await textsOutside(page), [], 'at 20,000 qps');
      if (name.startsWith('1-')) await page.screenshot({ path: path.join(RESULTS, 'overloaded-1-distributed.png') });
      assert.deepEqual(errors, []);
      await page.close();
    });
  }

  it("one set of numbers: each card's load is its inlay hint's, and the users' load is the configured qps at every tick", async () => {
    const text = example('3-scaled-up.infra.yaml');
    const hints = inlayHints(analyzeText(text), 0, text.length);
    assert.ok(hints.length >= 6, 'the design sets traffic.qps, so the editor shows hints');
    const qps = analyzeText(text).design.traffic!.qps!.value;
    const { page, errors } = await openPreview(browser, server.origin, text, size);
    await page.locator('#play').click();
    const seen: string[] = [];
    for (let tick = 0; tick < 4; tick++) {
      assert.match(await cardLoad(page, 'users'), new RegExp(`^${qps} rps\\b`), `users at tick ${tick + 1}`);
      for (const h of hints) {
        const component = /(\S+):$/.exec(text.slice(0, h.offset))![1]!;
        const hinted = /≈ (\d+) qps/.exec(h.label)![1];
        const shown = await cardLoad(page, `c:${component}`);
        assert.match(shown, new RegExp(`^${hinted} rps\\b`), `${component}: inlay hint${h.label}, card '${shown}'`);
        if (tick === 0) seen.push(`${component} ${hinted}`);
      }
      for (let i = 0; i < 7; i++) await page.locator('#step').click();
    }
    assert.deepEqual(errors, []);
    console.log(`      cards = hints: ${seen.join(', ')}; users ${qps}`);
    await page.close();
  });

  it('the static check line does not contradict the success rate beside it (design 1: writes)', async () => {
    const { page, errors } = await openPreview(browser, server.origin, example('1-distributed.infra.yaml'), size);
    await page.locator('#play').click();
    const writes = (await page.locator('dd[data-metric="Writes OK"]').textContent()) ?? '';
    const verdict = (await page.locator('dd[data-metric="Static check"]').textContent()) ?? '';
    assert.match(writes, /^\d+(\.\d)?%$/);
    assert.notEqual(writes, '100%', 'design 1 sends some writes to a replica');
    const failedShare = `${(100 - parseFloat(writes)).toFixed(1)}%`;
    assert.doesNotMatch(verdict, /writes served/, `'${verdict}' beside Writes OK ${writes}`);
    assert.ok(verdict.includes(failedShare), `the verdict '${verdict}' names the ${failedShare} of writes that failed`);
    await page.locator('#panel').screenshot({ path: path.join(RESULTS, 'static-check-1-distributed.png') });
    assert.deepEqual(errors, []);
    await page.close();
  });
  it('the SVG and the PNG of one moment show the numbers on screen, in light colours under a dark theme', async () => {
    const { page, errors } = await openPreview(browser, server.origin, example('2-secured-monitored.infra.yaml'), size);
    await applyTheme(page, 'dark');
    await page.locator('#fail-mode').check();
    await page.evaluate(() => { document.body.dataset.status = 'waiting'; });
    await page.locator('.node[data-id="c:web-2"]').click();
    await page.waitForSelector('body[data-status="simulated"]');
    if ((await page.locator('#play').textContent())?.includes('Pause')) await page.locator('#play').click();
    for (let i = 0; i < 3; i++) await page.locator('#step').click();
    type Posted = { type: string; format?: string; data?: string };
    const exported = async (format: 'svg' | 'png'): Promise<string> => {
      await page.locator(`#export-${format}`).click();
      await page.waitForFunction((f) => (window as unknown as { __posted: Posted[] }).__posted.some((m) => m.type === 'export' && m.format === f), format, { timeout: 20000 });
      return page.evaluate((f) => (window as unknown as { __posted: Posted[] }).__posted.find((m) => m.type === 'export' && m.format === f)!.data!, format);
    };
    const onScreen = await page.$$eval('#canvas text', (els) => els.map((e) => e.textContent ?? ''));
    const svgText = await exported('svg');
    const png = await exported('png');
    fs.writeFileSync(path.join(RESULTS, 'export-dark-theme.png'), Buffer.from(png.replace(/^data:image\/png;base64,/, ''), 'base64'));
    const seen = await page.evaluate(async ([svgSource, pngUrl]) => {
      const pixels = async (src: string, w: number, h: number): Promise<Uint8ClampedArray> => {
        const img = new Image();
        await new Promise((resolve, reject) => { img.onload = resolve; img.onerror = reject; img.src = src; });
        const c = document.createElement('canvas');
        [c.width, c.height] = [w, h];
        const ctx = c.getContext('2d')!;
        ctx.fillStyle = '#fff';
        ctx.fillRect(0, 0, w, h);
        ctx.drawImage(img, 0, 0, w, h);
        return ctx.getImageData(0, 0, w, h).data;
      };
      // The page's CSP loads images from blob: only.
      const bytes = Uint8Array.from(atob(pngUrl!.replace(/^data:image\/png;base64,/, '')), (ch) => ch.charCodeAt(0));
      const pngBlob = URL.createObjectURL(new Blob([bytes], { type: 'image/png' }));
      const probe = new Image();
      await new Promise((resolve, reject) => { probe.onload = resolve; probe.onerror = reject; probe.src = pngBlob; });
      const [w, h] = [probe.naturalWidth, probe.naturalHeight];
      const fromPng = await pixels(pngBlob, w, h);
      const fromSvg = await pixels(URL.createObjectURL(new Blob([svgSource!], { type: 'image/svg+xml' })), w, h);
      let dark = 0;
      let differ = 0;
      for (let i = 0; i < fromPng.length; i += 4) {
        const lum = (0.2126 * fromPng[i]! + 0.7152 * fromPng[i + 1]! + 0.0722 * fromPng[i + 2]!) / 255;
        if (lum < 0.3) dark++;
        if (Math.abs(fromPng[i]! - fromSvg[i]!) + Math.abs(fromPng[i + 1]! - fromSvg[i + 1]!) + Math.abs(fromPng[i + 2]! - fromSvg[i + 2]!) > 48) differ++;
      }
      const pageBg = getComputedStyle(document.body).backgroundColor;
      return { dark: dark / (w * h), differ: differ / (w * h), size: `${w}×${h}`, pageBg };
    }, [svgText, png] as const);
    // Read in Node: parsed in the page, the export's style attributes would trip the page's CSP.
    const doc = new DOMParser().parseFromString(svgText, 'image/svg+xml');
    const all = (tag: string): XmlElement[] => Array.from(doc.getElementsByTagName(tag) as unknown as ArrayLike<XmlElement>);
    const texts = all('text').map((e) => e.textContent ?? '');
    const loads = all('text').filter((e) => e.getAttribute('class') === 'load').map((e) => e.textContent ?? '');
    const web2 = all('g').find((g) => g.getAttribute('data-id') === 'c:web-2')!;
    const card = all('rect').find((r) => r.parentNode === web2 && /^card\b/.test(r.getAttribute('class') ?? '') && !/stack/.test(r.getAttribute('class') ?? ''))!;
    const failedFill = /(?:^|;)\s*fill:\s*([^;]+)/.exec(card.getAttribute('style') ?? '')?.[1] ?? '';
    assert.equal(seen.pageBg, 'rgb(31, 31, 31)', 'the preview itself is dark');
    assert.deepEqual(texts, onScreen, 'the SVG has the very texts on screen');
    assert.match(loads[0]!, /^100 rps/, 'the users send the configured qps, failures or not');
    assert.ok(loads.some((l) => /rps · \d+%/.test(l)), 'with the live load');
    assert.ok(seen.differ < 0.01, `the PNG is the SVG's picture (${(seen.differ * 100).toFixed(2)} % of pixels differ)`);
    assert.ok(seen.dark < 0.1, `a light picture: ${(seen.dark * 100).toFixed(1)} % dark pixels`);
    const [r, g, b] = (failedFill.match(/\d+/g) ?? []).map(Number) as [number, number, number];
    assert.ok(r > 200 && g > 180 && b > 180, `the failed card is light in the export too (${failedFill})`);
    // Each card keeps the shape it has on screen (users and DNS are pills, not squared boxes).
    const liveRadius = await page.$$eval('#canvas .node > rect.card:not(.stack)', (els) => Object.fromEntries(els.map((e) => [(e.parentNode as SVGGElement).dataset.id!, parseFloat(getComputedStyle(e).getPropertyValue('rx'))])));
    const exportRadius = Object.fromEntries(all('rect').filter((r) => /^card\b/.test(r.getAttribute('class') ?? '') && !/stack/.test(r.getAttribute('class') ?? ''))
      .map((r) => [(r.parentNode as XmlElement).getAttribute('data-id')!, parseFloat(/(?:^|;)\s*rx:\s*([^;]+)/.exec(r.getAttribute('style') ?? '')?.[1] ?? r.getAttribute('rx') ?? '0')]));
    assert.deepEqual(exportRadius, liveRadius, 'every card has the corner radius it has on screen');
    const pills = await page.$$eval('#canvas .node.kind-users, #canvas .node.kind-dns', (els) => els.map((e) => (e as SVGGElement).dataset.id!));
    assert.ok(pills.length >= 2 && pills.every((id) => liveRadius[id]! >= 20), `users and DNS are pills on screen and in the export (${pills.map((id) => `${id} ${liveRadius[id]}`).join(', ')})`);
    console.log(`      export ${seen.size}: ${(seen.dark * 100).toFixed(1)} % dark pixels, ${(seen.differ * 100).toFixed(2)} % differ from the SVG; loads ${loads.join(' | ')}`);
    assert.deepEqual(errors, []);
    await page.close();
  });
});
