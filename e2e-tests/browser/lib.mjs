// Shared by the browser tests: the platform BrowserIT started (environment), Debian's Chromium through
// playwright-core, signing in through the page, and the gateway's API for checking what the pages did.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

function required(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run these tests through e2e-tests BrowserIT (dev/test)`);
  return value;
}

export const env = {
  gateway: required('HEAVYWEIGHT_GATEWAY'),
  balancer: required('HEAVYWEIGHT_BALANCER'),
  tokens: JSON.parse(required('HEAVYWEIGHT_TOKENS')),
  screenshots: required('HEAVYWEIGHT_SCREENSHOTS'),
  chromium: process.env.HEAVYWEIGHT_CHROMIUM || '/usr/bin/chromium',
};

export const PHONE = { width: 375, height: 812 };
export const DESKTOP = { width: 1280, height: 900 };

export async function launch() {
  return chromium.launch({
    executablePath: env.chromium,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'],
  });
}

/** A fresh context (its own session storage) on {@code path}, signed in with the token through the form. */
export async function signedIn(browser, path, token, viewport = DESKTOP) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('response', (r) => { if (r.status() >= 500) problems.push(`${r.status()} from ${r.request().method()} ${r.url()}`); });
  page.problems = problems;
  await page.goto(env.gateway + path);
  await page.fill('#token', token);
  await page.click('#signin-form button[type=submit]');
  await page.waitForSelector('#identity button');
  return page;
}

export async function screenshot(page, name) {
  mkdirSync(env.screenshots, { recursive: true });
  await page.screenshot({ path: join(env.screenshots, `${name}.png`), fullPage: true });
}

/** The gateway's API as a client would call it. */
export async function api(path, { token, method = 'GET', body } = {}) {
  const headers = { Accept: 'application/json', Authorization: `Bearer ${token}` };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(env.gateway + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

/** Every task of the token's tenant (all pages). */
export async function allTasks(token) {
  const tasks = [];
  let cursor = '';
  do {
    const page = await api(`/v1/generations?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { token });
    if (page.status !== 200) throw new Error(`listing answered ${page.status}: ${JSON.stringify(page.body)}`);
    tasks.push(...page.body.data);
    cursor = page.body.next_cursor;
  } while (cursor);
  return tasks;
}

/** Polls until fn() is truthy (and returns it), or fails after timeoutMs with the last value. */
export async function until(fn, what, timeoutMs = 30000) {
  const end = Date.now() + timeoutMs;
  let last;
  for (;;) {
    last = await fn();
    if (last) return last;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what} (last: ${JSON.stringify(last)})`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Records, in order, each progress step that became current (the page's live view of the event stream). */
export async function recordProgress(page) {
  await page.evaluate(() => {
    window.seenSteps = [];
    new MutationObserver((records) => {
      for (const r of records) {
        if (r.attributeName === 'aria-current' && r.oldValue === null && r.target.getAttribute('aria-current')) {
          window.seenSteps.push(r.target.dataset.step);
        }
      }
    }).observe(document.getElementById('progress'), { subtree: true, attributes: true, attributeOldValue: true });
  });
}
