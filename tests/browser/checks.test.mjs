// checks.test.mjs — the external controls in a browser: from a provider's page to its
// controls, each kind's form (also with errors), a credit check below the threshold and the
// signal it made; every page checked with axe-core against WCAG 2.0/2.1 A and AA.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/harness.mjs';
import { openBrowser, assertAccessible, clickAndWait, logIn } from '../lib/browser.mjs';

const DEMO_PASSWORD = 'sjobacka-demo-2026';
const STRATEGIST = 'strateg@sjobacka.example';

let server, browser, page;
before(async () => {
  server = await startServer({ demo: true });
  ({ browser, page } = await openBrowser());
  await logIn(page, server.url, STRATEGIST, DEMO_PASSWORD);
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

test('a credit check below the threshold, entered in the app, shows with its signal', async () => {
  await page.goto(`${server.url}/utforare`);
  await clickAndWait(page, page.locator('table a[href^="/utforare/"]').first());
  await clickAndWait(page, page.getByRole('link', { name: 'Kontroller', exact: true }));
  await assertAccessible(page, 'kontroller-tom');
  await clickAndWait(page, page.getByRole('link', { name: 'Registrera kontroll' }));
  await assertAccessible(page, 'kontroll-val');
  for (const kind of ['Kontroll hos Skatteverket och Kronofogden', 'Underlag från IVO', 'Konkurs']) {
    await clickAndWait(page, page.getByRole('link', { name: kind }));
    await assertAccessible(page, `kontroll-${kind}`);
    await page.goBack();
  }
  await clickAndWait(page, page.getByRole('link', { name: 'Kreditupplysning' }));
  await assertAccessible(page, 'kontroll-kredit');
  await page.getByLabel('Kreditupplysningsföretag').selectOption('uc');
  await page.getByLabel('Datum för upplysningen').fill('2026-01-05');
  await page.getByLabel('Rating eller riskklass').fill('9');
  await clickAndWait(page, page.getByRole('button', { name: 'Registrera' }));
  assert.match(await page.content(), /Riskklassen hos UC ska vara ett heltal från 1 till 5/);
  await assertAccessible(page, 'kontroll-kredit-fel');
  await page.getByLabel('Kreditupplysningsföretag').selectOption('creditsafe');
  await page.getByLabel('Rating eller riskklass').fill('38');
  await clickAndWait(page, page.getByRole('button', { name: 'Registrera' }));
  assert.match(page.url(), /\/kontroller\?sparat=1$/);
  const text = await page.locator('main').innerText();
  assert.match(text, /Creditsafe 38 \(gräns 40\): under gränsen/);
  assert.ok(await page.locator('a[href^="/signaler/"]').count() >= 1, 'the check links its signal');
  await assertAccessible(page, 'kontroller');
});
