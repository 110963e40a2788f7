// surveys.test.mjs — a survey in a browser: from the list to a new survey from the case
// workers' template, recipients, opening it (the links shown once), the public answer page
// with its errors and an answer sent, and the results; every page checked with axe-core.
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

test('a survey made, opened and answered through its link, with its results', async () => {
  await page.goto(`${server.url}/enkater`);
  await assertAccessible(page, 'enkater');
  await clickAndWait(page, page.getByRole('link', { name: 'Ny enkät' }));
  await assertAccessible(page, 'enkat-ny');
  await clickAndWait(page, page.getByRole('button', { name: 'Skapa enkäten' }));
  assert.match(await page.content(), /Välj vilken mall enkäten ska utgå från/);
  await assertAccessible(page, 'enkat-ny-fel');
  await page.getByLabel('Enkät till socialsekreterare om placeringar').check();
  await clickAndWait(page, page.getByRole('button', { name: 'Skapa enkäten' }));
  assert.match(page.url(), /\/enkater\/\d+\?skapad=1$/);
  await assertAccessible(page, 'enkat');
  await page.getByLabel('Lägg till mottagare').fill('anna.berg@sjobacka.example\nbo.ek@sjobacka.example');
  await clickAndWait(page, page.getByRole('button', { name: 'Lägg till', exact: true }));
  await clickAndWait(page, page.getByRole('button', { name: 'Öppna enkäten och skapa länkarna' }));
  assert.match(await page.content(), /Bekräfta att enkäten ska öppnas/);
  await assertAccessible(page, 'enkat-oppna-fel');
  await page.getByLabel('Frågorna och mottagarna är klara').check();
  await clickAndWait(page, page.getByRole('button', { name: 'Öppna enkäten och skapa länkarna' }));
  await assertAccessible(page, 'enkat-lankar');
  const links = (await page.locator('main code').allInnerTexts()).filter((t) => /\/svar\/[0-9a-f]{64}$/.test(t));
  assert.equal(links.length, 2);
  const surveyUrl = page.url();

  // the answer page, in a browser without a session
  const context = await browser.newContext({ bypassCSP: true, locale: 'sv-SE', timezoneId: 'Europe/Stockholm' });
  const answerer = await context.newPage();
  await answerer.goto(links[0]);
  await assertAccessible(answerer, 'svar');
  await clickAndWait(answerer, answerer.getByRole('button', { name: 'Skicka svaret' }));
  assert.match(await answerer.content(), /Besvara frågan/);
  await assertAccessible(answerer, 'svar-fel');
  const groups = answerer.locator('main fieldset');
  for (let i = 0; i < await groups.count(); i++) await groups.nth(i).locator('input').first().check();
  await answerer.locator('main textarea').first().fill('Utföraren informerade snabbt om en incident.');
  await clickAndWait(answerer, answerer.getByRole('button', { name: 'Skicka svaret' }));
  assert.match(await answerer.locator('h1').innerText(), /Tack för ditt svar/);
  await assertAccessible(answerer, 'svar-tack');
  await answerer.goto(links[0]);
  assert.match(await answerer.content(), /redan besvarad/);
  await context.close();

  await page.goto(surveyUrl.replace(/\/oppna$/, ''));
  const text = await page.locator('main').innerText();
  assert.match(text, /1 av 2 svarade/);
  assert.match(text, /Utföraren informerade snabbt om en incident\./);
  await assertAccessible(page, 'enkat-resultat');
});

// Fills every question of the answer form on `p` with its first choice and the free texts.
async function fillAnswers(p, text) {
  const groups = p.locator('main fieldset');
  for (let i = 0; i < await groups.count(); i++) await groups.nth(i).locator('input').first().check();
  const texts = p.locator('main textarea');
  for (let i = 0; i < await texts.count(); i++) await texts.nth(i).fill(text);
}

test('a case worker answers under Mina uppgifter, and a provider in the portal', async () => {
  for (const [who, start, link, about] of [
    ['handlaggare@sjobacka.example', '/mina-uppgifter', 'Du har 1 enkät att besvara.', /Talluddens behandlingshem AB/],
    ['utforare@bjorkhagen.example', '/', 'Ni har 1 enkät att besvara.', /Enkät till leverantör om kvalitetsarbetet/],
  ]) {
    const context = await browser.newContext({ bypassCSP: true, locale: 'sv-SE', timezoneId: 'Europe/Stockholm' });
    const p = await context.newPage();
    await logIn(p, server.url, who, DEMO_PASSWORD);
    await p.goto(`${server.url}${start}`);
    await clickAndWait(p, p.getByRole('link', { name: link }));
    assert.match(p.url(), /\/mina-enkater$/);
    assert.match(await p.locator('main').innerText(), about);
    await assertAccessible(p, `mina-enkater-${who}`);
    await clickAndWait(p, p.locator('main table a').first());
    await assertAccessible(p, `mitt-svar-${who}`);
    await clickAndWait(p, p.getByRole('button', { name: 'Skicka svaret' }));
    assert.match(await p.content(), /Besvara frågan/);
    await assertAccessible(p, `mitt-svar-fel-${who}`);
    await fillAnswers(p, 'Besvarad inloggad i insyn.');
    await clickAndWait(p, p.getByRole('button', { name: 'Skicka svaret' }));
    const text = await p.locator('main').innerText();
    assert.match(text, /Tack, ditt svar är mottaget/);
    assert.match(text, /Du har inga enkäter att besvara/);
    await assertAccessible(p, `mina-enkater-tack-${who}`);
    await context.close();
  }
  // both answers are counted: every case worker's survey and every provider's
  await page.goto(`${server.url}/enkater`);
  const list = await page.locator('main').innerText();
  assert.match(list, /19 av 27 svarade/);
  assert.match(list, /9 av 9 svarade/);
});
