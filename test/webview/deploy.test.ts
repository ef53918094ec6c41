// The deploy control in the preview, in headless Chromium: "Deploy (rolling)"
// on the distributed stack shows the timeline with downtime exactly on the
// steps the server marked, the flagged tiers outlined on the diagram, and the
// blue-green option switches the control and keeps every tier up.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser } from 'playwright-core';
import { EXAMPLES, openPreview, RESULTS, previewSuite, Server } from './harness';

describe('preview deploy control (headless Chromium)', function () {
  this.timeout(120000);
  let browser: Browser;
  let server: Server;

  previewSuite((b, s) => { browser = b; server = s; });

  it('a rolling deploy marks downtime on the single points of failure; blue-green on none', async () => {
    const { page, errors } = await openPreview(browser, server.origin, fs.readFileSync(path.join(EXAMPLES, '1-distributed.infra.yaml'), 'utf8'));
    assert.equal(await page.locator('#deploy').textContent(), 'Deploy (rolling)');
    assert.ok(await page.locator('#deploy-timeline').isHidden(), 'no timeline before a deploy');
    await page.locator('#deploy').click();
    await page.waitForSelector('body[data-deploy="rolling"] #deploy-timeline:not([hidden])', { timeout: 30000 });
    const steps = await page.locator('#deploy-steps li').evaluateAll((lis) => lis.map((li) => [li.querySelector('.step-label')?.textContent, li.getAttribute('data-mark')]));
    assert.deepEqual(steps, [
      ['every instance running', 'ok'], ['lb-1 out', 'downtime'], ['web-1 out', 'downtime'], ['web-2 out', 'ok'], ['app-1 out', 'downtime'],
      ['db-primary out', 'downtime'], ['app-2 out', 'ok'], ['db-replica out', 'ok'], ['every instance back', 'ok'],
    ]);
    assert.match(await page.locator('#deploy-steps li').nth(1).innerText(), /lb-1 out 0% ok.*DOWNTIME: every read to www\.foobar\.com fails/);
    assert.equal(await page.locator('.deploy-verdict').textContent(), 'Rolling deploy: lb-1 downtime, web-1/web-2 downtime, app-1 downtime, db-primary downtime.');
    // One band per step in the chart, the downtime ones coloured as such, and the chart inside the panel.
    assert.equal(await page.locator('#deploy-timeline .band').count(), steps.length);
    assert.equal(await page.locator('#deploy-timeline .band.mark-downtime').count(), 4);
    const chart = (await page.locator('#deploy-timeline svg').boundingBox())!;
    const panel = (await page.locator('#panel').boundingBox())!;
    assert.ok(chart.x >= panel.x && chart.x + chart.width <= panel.x + panel.width + 0.5, `chart ${JSON.stringify(chart)} inside panel ${JSON.stringify(panel)}`);
    // On the diagram: the components whose own step was downtime, and not the others.
    for (const name of ['lb-1', 'web-1', 'app-1', 'db-primary']) assert.equal(await page.locator(`.node[data-id="c:${name}"].deploy-downtime`).count(), 1, name);
    for (const name of ['web-2', 'app-2', 'db-replica']) assert.equal(await page.locator(`.node[data-id="c:${name}"].deploy-downtime`).count(), 0, name);
    const stroke = await page.locator('.node[data-id="c:web-1"] .card').evaluate((e) => getComputedStyle(e).strokeWidth);
    assert.equal(stroke, '4px', 'the deploy mark wins over the finding outline');
    await page.screenshot({ path: path.join(RESULTS, 'deploy-rolling.png') });

    await page.locator('#blue-green').check();
    assert.equal(await page.locator('#deploy').textContent(), 'Deploy (blue-green)');
    await page.locator('#deploy').click();
    await page.waitForSelector('body[data-deploy="blue-green"]', { timeout: 30000 });
    assert.equal(await page.locator('.deploy-verdict').textContent(), 'Blue-green deploy: no downtime, no overload.');
    assert.deepEqual(await page.locator('#deploy-steps li').evaluateAll((lis) => [...new Set(lis.map((li) => li.getAttribute('data-mark')))]), ['ok']);
    assert.equal(await page.locator('.deploy-downtime').count(), 0, 'the marks of the rolling deploy are gone');
    await page.screenshot({ path: path.join(RESULTS, 'deploy-blue-green.png') });
    assert.deepEqual(errors, []);
    await page.close();
  });
});
