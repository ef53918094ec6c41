// The simulation explains itself: names rather than unit ids, Restore all
// clears the failed list, a failed node is marked, the cursor highlight keeps
// the severity border, a saved-export notice goes away, the static check and
// the simulation are reconciled in words, a legend is there, exports are light.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser } from 'playwright-core';
import { EXAMPLES, openPreview, RESULTS, previewSuite, Server } from './harness';

const example = (name: string): string => fs.readFileSync(path.join(EXAMPLES, name), 'utf8');

describe('the simulation explains itself (headless Chromium)', function () {
  this.timeout(120000);
  let browser: Browser;
  let server: Server;
  previewSuite((b, s) => { browser = b; server = s; });

  it('names failed units, marks them, and Restore all clears the failed requests', async () => {
    const { page, errors } = await openPreview(browser, server.origin, example('2-secured-monitored.infra.yaml'));
    await page.locator('#fail-mode').check();
    await page.locator('.node[data-id="c:mysql"]').click();
    await page.locator('.group[data-id="server:server-2"] .frame-label').click();
    assert.equal(await page.locator('#failed').textContent(), 'Failed: mysql, server server-2');
    assert.equal(await page.locator('.node[data-id="c:mysql"] .failed-mark text').textContent(), 'FAILED');
    await page.waitForSelector('#reasons li', { timeout: 15000 });
    await page.screenshot({ path: path.join(RESULTS, 'explains-failed.png') });
    await page.locator('#restore').click();
    assert.equal(await page.locator('#reasons li').count(), 0);
    assert.equal(await page.locator('.failed-mark').count(), 0);
    assert.match((await page.locator('#failed').textContent()) ?? '', /^Nothing failed/);
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('the cursor highlight keeps the severity border; a saved notice goes away', async () => {
    const { page, analysis } = await openPreview(browser, server.origin, example('2-secured-monitored.infra.yaml'));
    const stroke = () => page.locator('.node[data-id="c:mysql"] .card').evaluate((el) => getComputedStyle(el).stroke);
    const before = await stroke();
    const line = analysis.parsed.lineCounter.linePos(analysis.topology.components.get('mysql')!.nameSpan.start).line;
    await page.evaluate((l) => window.postMessage({ type: 'cursor', position: { line: l, character: 4 } }, '*'), line);
    await page.waitForSelector('.node[data-id="c:mysql"].highlight');
    assert.equal(await stroke(), before, 'the card keeps its warning border');
    assert.notEqual(await page.locator('.node[data-id="c:mysql"] .halo').evaluate((el) => getComputedStyle(el).stroke), 'none');
    await page.evaluate(() => window.postMessage({ type: 'exported', ok: true, text: 'Saved /tmp/x.png' }, '*'));
    await page.waitForSelector('#notice:not([hidden])');
    await page.waitForSelector('#notice[hidden]', { state: 'attached', timeout: 10000 });
    await page.close();
  });

  it('says in words why the static check and the simulation differ, and has a legend', async () => {
    const { page } = await openPreview(browser, server.origin, example('1-distributed.infra.yaml'));
    await page.waitForSelector('#explain');
    const text = (await page.locator('#explain').textContent()) ?? '';
    assert.match(text, /static check asks whether some path can still serve/);
    assert.match(text, /of writes took a path that could not serve them/);
    await page.locator('#legend summary').click();
    assert.ok((await page.locator('#legend li').count()) >= 8);
    await page.screenshot({ path: path.join(RESULTS, 'explains-legend.png') });
    await page.close();
  });

  it('the live load is the run average: the same number at every tick', async () => {
    const { page } = await openPreview(browser, server.origin, example('0-simple-web-stack.infra.yaml'));
    const load = () => page.locator('.node[data-id="users"] .load').textContent();
    const first = await load();
    await page.locator('#step').click();
    await page.locator('#step').click();
    assert.equal(await load(), first);
    await page.close();
  });
});
