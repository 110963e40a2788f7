// volume.test.mjs — in headless Chromium, a strategist of the demo municipality opens the
// placements of a treatment home under the HVB framework from its agreement page, registers a
// placement (a personnummer as the client is refused and the form keeps what was typed), and
// looks at the family-support agreement's assignments. Every page on the way is checked with
// axe-core.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/harness.mjs';
import { sql } from '../lib/sql.mjs';
import { openBrowser, assertAccessible as checkPage, clickAndWait as clickOn, logIn } from '../lib/browser.mjs';

const PASSWORD = 'sjobacka-demo-2026';

let server, browser, page;

const assertAccessible = (name) => checkPage(page, name.replaceAll(' ', '-'));
const clickAndWait = (locator) => clickOn(page, locator);

function agreementId(where) {
  return Number(sql(server.db, `SELECT g.id FROM agreement g JOIN organisation o ON o.id = g.organisation_id WHERE ${where}`));
}

before(async () => {
  server = await startServer({ demo: true });
  ({ browser, page } = await openBrowser());
});

after(async () => {
  await browser?.close();
  if (server) assert.equal((await server.stop()).code, 0);
});

test('a strategist registers a placement from the agreement page and reads the assignments', async () => {
  const hvb = agreementId("o.name = 'Björkhagens behandlingshem AB'");
  const family = agreementId("g.case_ref = 'SN 2015/0291'");
  await logIn(page, server.url, 'strateg@sjobacka.example', PASSWORD);
  await page.goto(`${server.url}/avtal/${hvb}`);
  await assert.doesNotReject(page.getByRole('heading', { name: 'Placeringar och insatser' }).waitFor());
  await clickAndWait(page.getByRole('link', { name: 'Placeringar', exact: true }));
  await assert.doesNotReject(page.getByRole('heading', { name: 'Placeringar', level: 1 }).waitFor());
  await assertAccessible('placements');
  const before = await page.locator('tbody tr').count();

  await clickAndWait(page.getByRole('link', { name: 'Registrera placering' }));
  await assertAccessible('placement form');
  await page.getByLabel('Enhet').selectOption({ label: 'HVB Björkhagen' });
  await page.getByLabel('Klientens pseudonym').fill('19121212-1212');
  await page.getByLabel('Handläggarens e-postadress').fill('handlaggare@sjobacka.example');
  await page.getByLabel('Startdatum').fill('2024-06-03');
  await clickAndWait(page.getByRole('button', { name: 'Registrera' }));
  await assert.doesNotReject(page.getByRole('alert').getByText(/personnummer/).waitFor());
  assert.equal(await page.getByLabel('Startdatum').inputValue(), '2024-06-03', 'what was typed stays');
  await assertAccessible('placement form with errors');
  await page.getByLabel('Klientens pseudonym').fill('K-24-900');
  await clickAndWait(page.getByRole('button', { name: 'Registrera' }));
  await assert.doesNotReject(page.getByRole('status').getByText('Placeringen är registrerad.').waitFor());
  assert.equal(await page.locator('tbody tr').count(), before + 1);
  await assert.doesNotReject(page.getByRole('cell', { name: 'K-24-900' }).waitFor());

  await page.goto(`${server.url}/avtal/${family}/insatser`);
  await assert.doesNotReject(page.getByRole('heading', { name: 'Insatser', level: 1 }).waitFor());
  await assertAccessible('assignments');
  await clickAndWait(page.getByRole('link', { name: 'Registrera insats' }));
  await assertAccessible('assignment form');
});
