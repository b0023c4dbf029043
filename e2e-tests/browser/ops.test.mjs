// The operations page (/ops) in headless Chromium against a running suite (BrowserIT starts it).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { env, launch, signedIn, screenshot, api, until, PHONE } from './lib.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function balancerState(address) {
  const response = await fetch(`${env.balancer}/admin/nodes/${encodeURIComponent(address)}`, { headers: { Accept: 'application/json' } });
  assert.equal(response.status, 200);
  return (await response.json()).state;
}

async function confirmDialog(page, button) {
  await page.waitForSelector('#confirm[open]');
  await page.click(button);
  await page.waitForSelector('#confirm:not([open])', { state: 'attached' });
}

test('/ops drains a node and the balancer reports it drained', async () => {
  const page = await signedIn(browser, '/ops', env.tokens.admin);
  await page.waitForSelector('#nodes tbody tr[data-node]');
  const nodes = await page.$$eval('#nodes tbody tr[data-node]', (rows) => rows.map((r) => r.dataset.node));
  assert.equal(nodes.length, 2, `two emulated nodes: ${nodes}`);
  const address = nodes[0];
  const row = `#nodes tr[data-node="${address}"]`;
  assert.equal(await balancerState(address), 'ready');

  // Asked, and declined: nothing happens.
  await page.click(`${row} button`);
  assert.match(await page.textContent('#confirm-title'), new RegExp(`Drain ${address}`));
  await confirmDialog(page, '#confirm-no');
  await page.waitForFunction(() => /Nothing changed/.test(document.getElementById('action-status').textContent));
  assert.equal(await balancerState(address), 'ready');

  await page.click(`${row} button`);
  await confirmDialog(page, '#confirm-yes');
  await page.waitForFunction(() => /is now draining/.test(document.getElementById('action-status').textContent));
  assert.equal(await balancerState(address), 'draining', 'the balancer itself says so');
  await page.waitForFunction((r) => document.querySelector(`${r} td.state`)?.textContent.startsWith('draining'), row);
  assert.equal(await page.textContent(`${row} button`), 'Undrain');

  await page.click(`${row} button`);
  await confirmDialog(page, '#confirm-yes');
  await page.waitForFunction(() => /is now ready/.test(document.getElementById('action-status').textContent));
  assert.equal(await balancerState(address), 'ready');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('/ops shows queues, the last hour and the cost per image, and refreshes by itself', async () => {
  // Work to see: two tasks of another tenant, one of them blocked by moderation.
  const ok = await api('/v1/generations', { token: env.tokens.opsload, method: 'POST', body: { prompt: 'a tram in the rain', steps: 5 } });
  const blocked = await api('/v1/generations', { token: env.tokens.opsload, method: 'POST', body: { prompt: "a M.U.R.D.E.R scene, the neighbour's dog in a bloodbath" } });
  assert.equal(ok.status, 202);
  assert.equal(blocked.status, 202);
  await until(async () => (await api(`/v1/generations/${ok.body.id}`, { token: env.tokens.opsload })).body.state === 'succeeded', 'the task to succeed');

  const page = await signedIn(browser, '/ops', env.tokens.admin);
  await page.waitForSelector('#queues tbody tr[data-lane=interactive]');
  assert.equal(await page.locator('#queues tbody tr').count(), 2, 'both lanes');
  const rejected = await page.waitForFunction(() => Number(document.querySelector('#states dd[data-state=rejected]')?.textContent) >= 1);
  assert.ok(rejected);
  assert.equal(await page.locator('#states dd').count(), 8, 'every state');
  const economics = await page.textContent('#economics');
  assert.match(economics, /Cost per image/);
  assert.match(economics, /kcal per image/);
  await page.waitForFunction(() => /USD/.test(document.getElementById('economics').textContent));
  await screenshot(page, 'ops-desktop');
  const first = await page.textContent('#updated');
  await page.waitForFunction((was) => document.getElementById('updated').textContent !== was, first, { timeout: 15000 });
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('/ops at 375 px', async () => {
  const page = await signedIn(browser, '/ops', env.tokens.admin, PHONE);
  await page.waitForSelector('#nodes tbody tr[data-node]');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page does not scroll sideways (tables scroll inside their cards): ${overflow} px`);
  await screenshot(page, 'ops-phone');
  await page.context().close();
});

test('a user token cannot open /ops', async () => {
  const page = await signedIn(browser, '/ops', env.tokens.user);
  await page.waitForSelector('#forbidden:not([hidden])');
  assert.match(await page.textContent('#forbidden'), /admin role/);
  assert.equal(await page.isVisible('#app'), false);
  assert.equal(await page.locator('#nodes tbody tr').count(), 0, 'no node was shown');
  const nodes = await api('/v1/admin/nodes', { token: env.tokens.user });
  assert.equal(nodes.status, 403);
  const drain = await api('/v1/admin/nodes/127.0.0.1:1/drain', { token: env.tokens.user, method: 'POST' });
  assert.equal(drain.status, 403);
  await page.context().close();
});
