// routines.test.mjs — in headless Chromium the deputy director opens the routines, changes
// an activity (first with a bad frequency), makes a new routine (first without what it
// needs), reads Mina uppgifter and sets a substitute.
// axe-core checks every page on the way.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/harness.mjs';
import { openBrowser, assertAccessible, clickAndWait, logIn } from '../lib/browser.mjs';

let server, browser, page;

before(async () => {
  server = await startServer({ demo: true });
  ({ browser, page } = await openBrowser());
  await logIn(page, server.url, 'bitr.direktor@sjobacka.example', 'sjobacka-demo-2026');
});
after(async () => {
  await browser?.close();
  if (server) assert.equal((await server.stop()).code, 0);
});

test('the routines and an activity edited in the form', async () => {
  await clickAndWait(page, page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Rutiner' }));
  await assertAccessible(page, 'routines');
  await clickAndWait(page, page.getByRole('link', { name: 'Kundval hemtjänst (LOV)' }));
  await assertAccessible(page, 'routine');
  assert.ok(await page.getByRole('cell', { name: 'Halvårsvis från andra avtalsåret; varannan får göras skriftligt' }).count() > 0);
  await clickAndWait(page, page.getByRole('link', { name: 'Ändra Utförarträff' }));
  await assertAccessible(page, 'activity-form');
  await page.getByLabel('Tidpunkt').fill('varje vecka');
  await clickAndWait(page, page.getByRole('button', { name: 'Spara' }));
  assert.match(await page.locator('.error-summary').innerText(), /Frekvensen ska vara/);
  await assertAccessible(page, 'activity-form-errors');
  await page.getByLabel('Tidpunkt').fill('every:6');
  await clickAndWait(page, page.getByRole('button', { name: 'Spara' }));
  assert.match(await page.locator('.notice').innerText(), /sparade/);
  assert.ok(await page.getByRole('row', { name: /Utförarträff.*Halvårsvis/ }).count() > 0);
});

test('a new routine made in the form, first without what it needs', async () => {
  await clickAndWait(page, page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Rutiner' }));
  await clickAndWait(page, page.getByRole('link', { name: 'Ny rutin' }));
  await assertAccessible(page, 'routine-form');
  await page.getByLabel('Huvudansvarig').selectOption({ label: 'Socialdirektör' });
  await page.getByLabel('Ersättare', { exact: true }).selectOption({ label: 'Socialdirektör' });
  await clickAndWait(page, page.getByRole('button', { name: 'Spara' }));
  const summary = await page.locator('.error-summary').innerText();
  assert.match(summary, /Namn måste anges/);
  assert.match(summary, /Välj minst en avtalsform/);
  assert.match(summary, /Välj minst ett verksamhetsområde/);
  assert.match(summary, /annan roll än huvudansvarig/);
  await assertAccessible(page, 'routine-form-errors');
  await page.getByLabel('Namn').fill('Ledsagning i egen regi');
  await page.getByRole('group', { name: /Gäller avtalsformerna/ }).getByLabel('Egen regi').check();
  await page.getByRole('group', { name: /Gäller verksamhetsområdena/ }).getByLabel('Ledsagning').check();
  await page.getByLabel('Ersättare', { exact: true }).selectOption({ label: 'Biträdande socialdirektör' });
  await clickAndWait(page, page.getByRole('button', { name: 'Spara' }));
  assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Ledsagning i egen regi');
  assert.match(await page.locator('.notice').innerText(), /sparade/);
  assert.match(await page.locator('.facts').first().innerText(), /Egen regi[\s\S]*Ledsagning/);
  await assertAccessible(page, 'routine-new');
  await clickAndWait(page, page.getByRole('link', { name: 'Ändra rutinen' }));
  assert.equal(await page.getByLabel('Namn').inputValue(), 'Ledsagning i egen regi');
  assert.ok(await page.getByRole('group', { name: /Gäller verksamhetsområdena/ }).getByLabel('Ledsagning').isChecked());
  await assertAccessible(page, 'routine-edit');
});

test('Mina uppgifter and a substitute', async () => {
  await clickAndWait(page, page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Mina uppgifter' }));
  await assertAccessible(page, 'my-tasks');
  await clickAndWait(page, page.getByRole('link', { name: 'Ersättare' }));
  await assertAccessible(page, 'substitutes');
  await page.getByLabel('Den som ska ersättas').selectOption({ label: 'Sara Strateg (Avtalsansvarig strateg)' });
  await page.getByLabel('Ersättare', { exact: true }).selectOption({ label: 'Sven Utvecklingsstrateg (Avtalsansvarig strateg)' });
  await page.getByLabel('Från och med').fill('2026-12-01');
  await page.getByLabel('Till och med').fill('2026-11-01');
  await clickAndWait(page, page.getByRole('button', { name: 'Spara' }));
  assert.match(await page.locator('.error-summary').innerText(), /kan inte sluta innan den börjar/);
  await assertAccessible(page, 'substitutes-errors');
  await page.getByLabel('Till och med').fill('2026-12-31');
  await clickAndWait(page, page.getByRole('button', { name: 'Spara' }));
  assert.ok(await page.getByRole('row', { name: /Sara Strateg\s+Sven Utvecklingsstrateg\s+2026-12-01 – 2026-12-31/ }).count() > 0);
});
