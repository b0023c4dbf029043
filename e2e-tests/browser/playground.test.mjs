// The playground (/) in headless Chromium against a running suite (BrowserIT starts it).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { env, launch, signedIn, screenshot, api, allTasks, until, recordProgress, PHONE, DESKTOP } from './lib.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function generate(page, { prompt, steps }) {
  await page.fill('#prompt', prompt);
  if (steps !== undefined) await page.fill('#steps', String(steps));
  await page.click('#submit');
  await page.waitForFunction(() => document.getElementById('task-id').textContent.length > 0);
  return page.textContent('#task-id');
}

test('submit a prompt and see the image appear', async () => {
  const page = await signedIn(browser, '/', env.tokens.user);
  await recordProgress(page);
  const id = await generate(page, { prompt: 'a lighthouse on a cliff at dawn, oil painting', steps: 25 });
  await page.waitForFunction(() => {
    const img = document.getElementById('result-image');
    return !document.getElementById('result').hidden && img.complete && img.naturalWidth > 0;
  }, null, { timeout: 60000 });
  assert.equal(await page.textContent('#state'), 'Done.');
  const size = await page.evaluate(() => [document.getElementById('result-image').naturalWidth,
    document.getElementById('result-image').naturalHeight]);
  assert.deepEqual(size, [512, 512], 'the default size of stable_diffusion_1_5');
  const seen = await page.evaluate(() => window.seenSteps);
  const order = ['accepted', 'queued', 'running', 'done'];
  assert.equal(seen[0], 'accepted', `steps seen: ${seen}`);
  assert.equal(seen.at(-1), 'done', `steps seen: ${seen}`);
  assert.ok(seen.includes('running'), `the running state was shown live: ${seen}`);
  assert.deepEqual([...seen].sort((a, b) => order.indexOf(a) - order.indexOf(b)), seen, `in order: ${seen}`);
  const timings = await page.textContent('#timings');
  assert.match(timings, /Generation/);
  assert.match(timings, /Total/);
  assert.match(await page.getAttribute('#result-image', 'alt'), /lighthouse/);
  const doc = await api(`/v1/generations/${id}`, { token: env.tokens.user });
  assert.equal(doc.body.state, 'succeeded');
  assert.equal(await page.locator('#gallery [data-id="' + id + '"]').count(), 1, 'the new task is in the gallery');
  await screenshot(page, 'playground-desktop');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('a blocked prompt shows the moderation reason', async () => {
  const page = await signedIn(browser, '/', env.tokens.user);
  const id = await generate(page, { prompt: "a M.U.R.D.E.R scene, the neighbour's dog in a bloodbath" });
  await page.waitForFunction(() => document.getElementById('state').textContent === 'Not generated.', null, { timeout: 30000 });
  const outcome = await page.textContent('#outcome');
  assert.match(outcome, /Content moderation stopped this prompt/);
  assert.match(outcome, /violence or gore/);
  assert.equal(await page.isVisible('#result'), false, 'no image');
  assert.equal(await page.isVisible('#cancel'), false, 'nothing to cancel');
  const doc = await api(`/v1/generations/${id}`, { token: env.tokens.user });
  assert.equal(doc.body.state, 'rejected');
  assert.equal(doc.body.reason, 'prompt_blocked');
  await page.context().close();
});

test('a bad field shows its error next to the field', async () => {
  const page = await signedIn(browser, '/', env.tokens.user);
  const posts = [];
  page.on('request', (r) => { if (r.method() === 'POST' && r.url().endsWith('/v1/generations')) posts.push(r); });

  // The page's own check (the server's rule, from GET /v1/models): nothing is sent.
  await page.fill('#prompt', 'a red bicycle');
  await page.fill('#steps', '500');
  await page.click('#submit');
  assert.equal(await page.textContent('#steps-error'), 'Steps must be between 1 and 100');
  assert.equal(await page.getAttribute('#steps', 'aria-invalid'), 'true');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'steps', 'focus moves to the bad field');
  await page.fill('#prompt', '');
  await page.fill('#steps', '10');
  await page.click('#submit');
  assert.equal(await page.textContent('#prompt-error'), 'The prompt is required');
  assert.equal(await page.textContent('#steps-error'), '', 'a corrected field loses its error');
  assert.equal(posts.length, 0, 'the page sent nothing it knew to be invalid');

  // The server's answer (problem+json with errors[]), with the page's checks off: shown at the same places.
  await page.evaluate(() => { document.getElementById('generate').dataset.clientChecks = 'off'; });
  await page.fill('#prompt', '\u200b');
  await page.fill('#steps', '0');
  const answer = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/v1/generations'));
  await page.click('#submit');
  const response = await answer;
  assert.equal(response.status(), 400);
  assert.match(response.headers()['content-type'], /^application\/problem\+json/);
  await page.waitForFunction(() => document.getElementById('steps-error').textContent !== '');
  assert.equal(await page.textContent('#steps-error'), 'Steps must be between 1 and 100');
  assert.equal(await page.textContent('#prompt-error'), 'The prompt must not be empty or blank');
  assert.equal(await page.getAttribute('#prompt', 'aria-invalid'), 'true');
  await page.context().close();
});

test('cancel a running task', async () => {
  const page = await signedIn(browser, '/', env.tokens.user);
  const id = await generate(page, { prompt: 'a very slow watercolour of a harbour', steps: 100 });
  await page.waitForSelector('#progress li[data-step=running].now', { timeout: 30000 });
  assert.match(await page.textContent('#wait'), /Running for/);
  await page.click('#cancel');
  await page.waitForFunction(() => document.getElementById('state').textContent === 'Cancelled.', null, { timeout: 30000 });
  assert.equal(await page.isVisible('#cancel'), false);
  assert.equal(await page.isVisible('#result'), false);
  const doc = await api(`/v1/generations/${id}`, { token: env.tokens.user });
  assert.equal(doc.body.state, 'cancelled');
  assert.ok(doc.body.started_at, 'it had started running');
  await page.context().close();
});

test('feedback is stored', async () => {
  const page = await signedIn(browser, '/', env.tokens.feedback);
  const id = await generate(page, { prompt: 'a bowl of ramen, studio photo', steps: 5 });
  await page.waitForSelector('#feedback:not([hidden])', { timeout: 60000 });
  await page.click('#thumbs-up');
  await page.waitForFunction(() => document.getElementById('thumbs-up').getAttribute('aria-pressed') === 'true');
  await page.check('input[name=rating][value="4"]');
  await page.waitForFunction(() => /saved/.test(document.getElementById('feedback-status').textContent));
  // The stored rating, read back by an admin of the same platform: the CSAT of the model and lane.
  const report = await until(async () => {
    const r = await api('/v1/admin/economics', { token: env.tokens.admin });
    const row = r.body?.quality?.find((q) => q.model === 'stable_diffusion_1_5' && q.lane === 'interactive');
    return row && row.ratings >= 1 ? row : null;
  }, 'the rating in the economics report');
  assert.equal(report.ratings, 1, 'one rating: the one given in the page');
  assert.equal(report.csat, 4);
  assert.ok(report.accepted >= 1, 'the task counts as accepted');
  assert.ok(id);
  await page.context().close();
});

test('a double click makes one task', async () => {
  const page = await signedIn(browser, '/', env.tokens.double);
  assert.equal((await allTasks(env.tokens.double)).length, 0);
  await page.fill('#prompt', 'a paper boat on a puddle');
  await page.fill('#steps', '5');
  await page.dblclick('#submit');
  await page.waitForFunction(() => document.getElementById('task-id').textContent.length > 0);
  const id = await page.textContent('#task-id');
  await page.waitForTimeout(1000); // a second request, if there were one, would have landed by now
  let tasks = await allTasks(env.tokens.double);
  assert.deepEqual(tasks.map((t) => t.id), [id]);
  // The same form again at once: the same Idempotency-Key, so the same task, and the page says so.
  await page.click('#submit');
  await page.waitForFunction(() => /same form/.test(document.getElementById('outcome').textContent));
  assert.equal(await page.textContent('#task-id'), id);
  tasks = await allTasks(env.tokens.double);
  assert.equal(tasks.length, 1);
  await page.context().close();
});

test('the gallery pages through recent tasks and opens one', async () => {
  const token = env.tokens.gallery;
  const ids = [];
  for (let i = 0; i < 13; i++) {
    const r = await api('/v1/generations', { token, method: 'POST', body: { prompt: `gallery item ${i}`, steps: 1, width: 256, height: 256 } });
    assert.equal(r.status, 202);
    ids.push(r.body.id);
  }
  const page = await signedIn(browser, '/', token);
  await page.waitForFunction(() => document.querySelectorAll('#gallery .item').length === 12);
  assert.equal(await page.isVisible('#more'), true, 'a next page exists');
  assert.equal(await page.getAttribute('#gallery .item >> nth=0', 'data-id'), ids[12], 'newest first');
  await page.click('#more');
  await page.waitForFunction(() => document.querySelectorAll('#gallery .item').length === 13);
  assert.equal(await page.isVisible('#more'), false, 'no page after the last');
  await page.click(`#gallery .item[data-id="${ids[0]}"]`);
  await page.waitForFunction((id) => document.getElementById('task-id').textContent === id, ids[0]);
  assert.equal(await page.isVisible('#current'), true);
  await page.context().close();
});

test('keyboard and phone: labelled fields, reachable by Tab, readable at 375 px', async () => {
  const page = await signedIn(browser, '/', env.tokens.user, PHONE);
  const unlabelled = await page.evaluate(() => [...document.querySelectorAll('#generate input, #generate select, #generate textarea')]
    .filter((el) => el.labels.length === 0 && !el.getAttribute('aria-label')).map((el) => el.id || el.name));
  assert.deepEqual(unlabelled, [], 'every field has a label');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `no sideways scrolling at 375 px (overflow ${overflow} px)`);
  await page.focus('#prompt');
  await page.keyboard.type('a snowy owl at night');
  let reached = false;
  for (let i = 0; i < 20 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate(() => document.activeElement.id === 'submit');
  }
  assert.ok(reached, 'Tab reaches the Generate button');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#result:not([hidden])', { timeout: 60000 });
  await page.waitForFunction(() => document.getElementById('result-image').naturalWidth > 0);
  await screenshot(page, 'playground-phone');
  const after = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(after <= 0, `no sideways scrolling with an image shown (overflow ${after} px)`);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('a token is kept in session storage, never in the URL, and a bad one is refused', async () => {
  const context = await browser.newContext({ viewport: DESKTOP });
  const page = await context.newPage();
  await page.goto(env.gateway + '/');
  await page.fill('#token', 'not-a-token');
  await page.click('#signin-form button[type=submit]');
  assert.match(await page.textContent('#token-error'), /not a JWT/);
  await page.fill('#token', env.tokens.user);
  await page.click('#signin-form button[type=submit]');
  await page.waitForSelector('#app:not([hidden])');
  assert.equal(new URL(page.url()).search, '');
  assert.equal(await page.evaluate(() => sessionStorage.getItem('heavyweight.token')), env.tokens.user);
  assert.equal(await page.evaluate(() => localStorage.length), 0);
  await context.close();
});
