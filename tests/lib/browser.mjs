// browser.mjs — Debian's Chromium through playwright-core, and axe-core, for browser tests.
// CHROMIUM=/path picks another browser; INSYN_SCREENSHOTS=DIR saves a full-page screenshot
// of every page checked for accessibility into DIR for a person to look at.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const SHOTS = process.env.INSYN_SCREENSHOTS || '';

// A browser and one page, Swedish and in Stockholm time; inline scripts are allowed only so
// that axe-core can be injected (the pages themselves forbid them).
export async function openBrowser() {
  if (SHOTS) mkdirSync(SHOTS, { recursive: true });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--lang=sv-SE'],
  });
  const context = await browser.newContext({
    bypassCSP: true, viewport: { width: 1280, height: 900 }, locale: 'sv-SE', timezoneId: 'Europe/Stockholm',
  });
  context.setDefaultTimeout(10000);
  return { browser, page: await context.newPage() };
}

function formatViolations(violations) {
  return violations.map((v) => {
    const nodes = v.nodes.slice(0, 5).map((n) => `      ${n.target.join(' ')}\n        ${n.failureSummary.replace(/\n/g, '\n        ')}`);
    return `  [${v.impact}] ${v.id}: ${v.help}\n    ${v.helpUrl}\n${nodes.join('\n')}`;
  }).join('\n');
}

// Fails on any WCAG 2.0/2.1 A or AA violation axe-core finds on the page as it is now.
export async function assertAccessible(page, name) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.addScriptTag({ content: AXE_SOURCE });
  const result = await page.evaluate((tags) => window.axe.run(document, {
    runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'],
  }), AXE_TAGS);
  if (SHOTS) await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
  assert.equal(result.violations.length, 0,
    `${name} (${page.url()}): ${result.violations.length} accessibility violation(s)\n${formatViolations(result.violations)}`);
}

// Clicks something that submits or navigates and waits for the next page.
export async function clickAndWait(page, locator) {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), locator.click()]);
}

// Logs in through the login form.
export async function logIn(page, base, email, password) {
  await page.goto(`${base}/login`);
  await page.getByLabel('E-postadress').fill(email);
  await page.getByLabel('Lösenord').fill(password);
  await clickAndWait(page, page.getByRole('button', { name: 'Logga in' }));
}
