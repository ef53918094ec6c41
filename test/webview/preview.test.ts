// The preview webview in headless Chromium: each reference design renders
// (nodes, edges, no console errors, a screenshot under test-results/),
// failure injection changes the success rate, and design strings are text.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { analyzeText } from '../../server/src/analysis/analyze';
import { buildDiagram } from '../../server/src/analysis/view/diagram';
import { EXAMPLES, openPreview, RESULTS, previewSuite, Server } from './harness';

const metric = async (page: Page, name: string): Promise<string> => (await page.locator(`dd[data-metric="${name}"]`).textContent()) ?? '';

describe('preview webview (headless Chromium)', function () {
  this.timeout(120000);
  let browser: Browser;
  let server: Server;

  previewSuite((b, s) => { browser = b; server = s; });

  for (const file of fs.readdirSync(EXAMPLES).filter((f) => f.endsWith('.infra.yaml')).sort()) {
    it(`renders ${file}`, async () => {
      const { page, errors, analysis } = await openPreview(browser, server.origin, fs.readFileSync(path.join(EXAMPLES, file), 'utf8'));
      const components = analysis.topology.components.size;
      assert.equal(await page.locator('.node').count(), components + 1 + analysis.topology.services.length);
      assert.ok((await page.locator('.edge path').count()) >= components, 'edges drawn');
      for (const name of analysis.topology.components.keys()) {
        assert.equal(await page.locator(`.node[data-id="c:${name}"] .label`).textContent(), name);
      }
      // Let a few frames of animation run so the screenshot shows requests in flight.
      await page.waitForFunction(() => document.querySelectorAll('.dot').length > 0, undefined, { timeout: 10000 });
      await page.screenshot({ path: path.join(RESULTS, `${file.replace(/\.infra\.yaml$/, '')}.png`) });
      assert.deepEqual(errors, []);
      await page.close();
    });
  }

  it('failing a single point of failure takes the success rate to 0%, restoring brings it back', async () => {
    const { page, errors } = await openPreview(browser, server.origin, fs.readFileSync(path.join(EXAMPLES, '2-secured-monitored.infra.yaml'), 'utf8'));
    assert.equal(await metric(page, 'Reads OK'), '100%');
    await page.locator('#fail-mode').check();
    await page.locator('.node[data-id="c:mysql"]').click();
    await page.waitForFunction(() => document.querySelector('dd[data-metric="Reads OK"]')?.textContent === '0%');
    assert.equal(await metric(page, 'Writes OK'), '0%');
    assert.ok(await page.locator('.node[data-id="c:mysql"].failed').count());
    await page.waitForSelector('#reasons li', { timeout: 15000 });
    assert.match(await page.locator('#reasons li').first().innerText(), /mysql/);
    await page.screenshot({ path: path.join(RESULTS, 'failure-mysql.png') });
    await page.locator('#restore').click();
    await page.waitForFunction(() => document.querySelector('dd[data-metric="Reads OK"]')?.textContent === '100%');
    // A redundant web server: the load balancer re-routes, nothing fails.
    await page.locator('.node[data-id="c:web-1"]').click();
    await page.waitForFunction(() => (window as unknown as { __posted: { type: string; params?: { failed: string[] } }[] }).__posted.some((m) => m.type === 'simulate' && m.params?.failed.includes('component:web-1')));
    await page.waitForFunction(() => document.querySelector('dd[data-metric="Reads OK"]')?.textContent === '100%');
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('clicking a node asks the extension to reveal its YAML', async () => {
    const { page } = await openPreview(browser, server.origin, fs.readFileSync(path.join(EXAMPLES, '1-distributed.infra.yaml'), 'utf8'));
    await page.locator('.node[data-id="c:web-2"]').click();
    const reveal = await page.evaluate(() => (window as unknown as { __posted: { type: string; nodeId?: string; range?: unknown }[] }).__posted.find((m) => m.type === 'reveal'));
    assert.equal(reveal?.nodeId, 'c:web-2');
    assert.ok(reveal?.range);
    assert.ok(await page.locator('.node[data-id="c:web-2"].selected').count());
    await page.close();
  });

  it('exports the diagram as a standalone SVG and as a PNG', async () => {
    const { page } = await openPreview(browser, server.origin, fs.readFileSync(path.join(EXAMPLES, '2-secured-monitored.infra.yaml'), 'utf8'));
    type Posted = { type: string; format?: string; data?: string };
    const exported = (format: string) => page.evaluate((f) => (window as unknown as { __posted: Posted[] }).__posted.find((m) => m.type === 'export' && m.format === f), format);
    await page.locator('#export-svg').click();
    await page.waitForFunction(() => (window as unknown as { __posted: Posted[] }).__posted.some((m) => m.type === 'export' && m.format === 'svg'));
    const svg = (await exported('svg'))!.data!;
    assert.match(svg, /^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    for (const name of ['lb-1', 'web-1', 'app-2', 'mysql']) assert.ok(svg.includes(`>${name}<`), `${name} in the SVG`);
    await page.locator('#export-png').click();
    await page.waitForFunction(() => (window as unknown as { __posted: Posted[] }).__posted.some((m) => m.type === 'export' && m.format === 'png'), undefined, { timeout: 20000 });
    const png = (await exported('png'))!.data!;
    const bytes = Buffer.from(png.replace(/^data:image\/png;base64,/, ''), 'base64');
    assert.deepEqual([...bytes.subarray(1, 4)], [0x50, 0x4e, 0x47], 'a PNG file');
    assert.ok(bytes.length > 2000);
    await page.close();
  });

  it('shows hostile design strings literally and runs nothing', async () => {
    const evil = '<img src=x onerror=alert(1)>';
    const text = `infra: 1
name: "${evil}"
domain: foobar.com
dns:
  www: { A: lb }
components:
  lb:
    kind: load-balancer
    software: "${evil}"
    tls: terminate
    certificate: "${evil}"
    to: [web]
  web: { kind: web-server, software: "<script>alert(2)</script>" }
`;
    const { page, errors } = await openPreview(browser, server.origin, text);
    let dialogs = 0;
    page.on('dialog', (d) => { dialogs++; void d.dismiss(); });
    assert.equal(await page.locator('img').count(), 0, 'no <img> element was created');
    assert.equal(await page.locator('#canvas script').count(), 0);
    // The card's second line is shortened to fit; what it shows is literal text, and the whole string is in the tooltip.
    const sub = (await page.locator('.node[data-id="c:lb"] .sub').textContent()) ?? '';
    assert.ok(`load balancer · ${evil}`.startsWith(sub.replace(/…$/, '')), sub);
    assert.ok((await page.locator('.node[data-id="c:lb"] > title').textContent())?.includes(`software ${evil}`));
    assert.ok((await page.locator('.node[data-id="c:lb"]').getAttribute('aria-label'))?.includes(`certificate ${evil}`));
    await page.waitForTimeout(300); // give a stray onerror handler the chance to run (it must not)
    assert.equal(dialogs, 0);
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('keeps zoom, pan and selection across a diagram update, and keeps the last picture on a notice', async () => {
    const text = fs.readFileSync(path.join(EXAMPLES, '1-distributed.infra.yaml'), 'utf8');
    const { page } = await openPreview(browser, server.origin, text);
    await page.locator('.node[data-id="c:app-1"]').click();
    await page.mouse.move(700, 450);
    await page.mouse.wheel(0, -300);
    const before = await page.locator('#canvas > .viewport').getAttribute('transform');
    const saved = await page.evaluate(() => (window as unknown as { __state: { selected?: string; zoom?: number } }).__state);
    assert.equal(saved.selected, 'c:app-1');
    assert.ok(saved.zoom! > 0);
    // The same document, updated: re-laid out and re-drawn, with the view kept.
    await page.evaluate(() => { document.body.dataset.status = 'updating'; window.postMessage((window as unknown as { __lastDiagram: unknown }).__lastDiagram, '*'); });
    await page.waitForSelector('body[data-status="simulated"]');
    assert.equal(await page.locator('#canvas > .viewport').getAttribute('transform'), before);
    assert.ok(await page.locator('.node[data-id="c:app-1"].selected').count());
    await page.evaluate(() => window.postMessage({ type: 'notice', text: 'Showing the last good picture. The YAML does not parse' }, '*'));
    await page.waitForSelector('#notice:not([hidden])');
    assert.ok(await page.locator('.node').count() > 0, 'the last picture stays');
    assert.equal(await page.locator('#canvas > .viewport').getAttribute('transform'), before);
    assert.ok(await page.locator('.node[data-id="c:app-1"].selected').count());
    await page.close();
  });

  it('a diagram that arrives during a layout supersedes it: the older one is never drawn', async () => {
    const small = fs.readFileSync(path.join(EXAMPLES, '0-simple-web-stack.infra.yaml'), 'utf8');
    const { page, errors } = await openPreview(browser, server.origin, small);
    // 120 servers of two tiers: a layout that takes a while, superseded by the small design.
    const lines = ['infra: 1', 'components:', '  lb: { kind: load-balancer, to: [web-0] }'];
    for (let i = 0; i < 120; i++) lines.push(`  web-${i}: { kind: web-server, to: [app-${i}, web-${(i + 1) % 120}] }`, `  app-${i}: { kind: app-server }`);
    const big = buildDiagram(analyzeText(lines.join('\n') + '\n'));
    const last = buildDiagram(analyzeText(small));
    await page.evaluate(([b, l]) => {
      const w = window as unknown as { __bigDrawn: boolean };
      w.__bigDrawn = false;
      new MutationObserver(() => { if (document.querySelector('.node[data-id="c:web-100"]')) w.__bigDrawn = true; }).observe(document.body, { subtree: true, childList: true });
      document.body.dataset.status = 'updating';
      window.postMessage({ type: 'diagram', uri: 'file:///design.infra.yaml', model: b }, '*');
      window.postMessage({ type: 'diagram', uri: 'file:///design.infra.yaml', model: l }, '*');
    }, [big, last] as const);
    await page.waitForSelector('body[data-status="simulated"]');
    await page.waitForTimeout(300); // the older layout, if it were still going to land, would land now
    assert.equal(await page.locator('.node').count(), last.nodes.length);
    assert.equal(await page.evaluate(() => (window as unknown as { __bigDrawn: boolean }).__bigDrawn), false);
    assert.deepEqual(errors, []);
    await page.close();
  });
});
