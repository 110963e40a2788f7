// risk.test.mjs — in headless Chromium, the strategist of the demo municipality opens Risk from
// the menu, goes from the list to a provider's risk page and from the provider's page to the
// same; each page is checked with axe-core and shows every factor with its weight and source.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/harness.mjs';
import { openBrowser, assertAccessible as checkPage, clickAndWait as clickOn, logIn } from '../lib/browser.mjs';

const PASSWORD = 'sjobacka-demo-2026';
const PROVIDER = 'Tallhagens behandlingshem AB';

let server, browser, page;
const assertAccessible = (name) => checkPage(page, name.replaceAll(' ', '-'));
const clickAndWait = (locator) => clickOn(page, locator);

before(async () => {
  server = await startServer({ demo: true });
  ({ browser, page } = await openBrowser());
});

after(async () => {
  await browser?.close();
  if (server) assert.equal((await server.stop()).code, 0);
});

test('from the menu to a provider\'s risk page, and from the provider\'s page', async () => {
  await logIn(page, server.url, 'strateg@sjobacka.example', PASSWORD);
  await clickAndWait(page.getByRole('navigation').getByRole('link', { name: 'Risk', exact: true }));
  await assert.doesNotReject(page.getByRole('heading', { name: 'Risk', level: 1 }).waitFor());
  await assertAccessible('risk list');
  await clickAndWait(page.getByRole('link', { name: PROVIDER }));
  await assert.doesNotReject(page.getByRole('heading', { name: `Risk och händelser: ${PROVIDER}` }).waitFor());
  await assertAccessible('risk page');
  // the score is the sum of the weights in the table
  const weights = await page.locator('section[aria-labelledby="score-heading"] tbody td.num').allInnerTexts();
  assert.ok(weights.length > 0, 'factors are shown');
  const score = Number((await page.locator('p.score strong').first().innerText()).match(/\d+/)[0]);
  assert.equal(score, Math.min(100, weights.map(Number).reduce((a, b) => a + b, 0)));
  assert.ok(await page.getByText('Signalerna som ligger till grund').isVisible(), 'a candidate, with its signals');
  assert.ok(await page.getByRole('heading', { name: 'Händelser', exact: true }).isVisible());

  await clickAndWait(page.getByRole('link', { name: 'Till utförarens sida' }));
  await assert.doesNotReject(page.getByRole('heading', { name: PROVIDER, level: 1 }).waitFor());
  await clickAndWait(page.getByRole('link', { name: 'Risk och händelser' }));
  await assert.doesNotReject(page.getByRole('heading', { name: `Risk och händelser: ${PROVIDER}` }).waitFor());
});
