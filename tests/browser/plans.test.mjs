// plans.test.mjs — in headless Chromium, seed 004's control plan: the strategist of the demo
// municipality proposes the year's plan for the HVB framework, sees the sample with the reason
// each unit is in it, adds a unit for risk and records the committee's decision, which freezes
// the sample; then sends the survey to the case workers of the sample's placements, one of them
// answers through the link, and the plan's overview follow-up counts the answer. Every page of
// the plan is checked with axe-core.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/harness.mjs';
import { openBrowser, assertAccessible as checkPage, clickAndWait as clickOn, logIn } from '../lib/browser.mjs';

const PASSWORD = 'sjobacka-demo-2026';
const FRAMEWORK = 'SN-2023-00412';
// The demo's own plan is this year's, sampled from last year's placements; this test proposes
// next year's plan with the same window.
const YEAR = new Date().getFullYear();
const PLAN_YEAR = String(YEAR + 1);
const FROM = `${YEAR - 1}-04-01`;
const TO = `${YEAR - 1}-12-15`;
const DECIDED = new Date().toISOString().slice(0, 10); // UTC: never after Stockholm's today

let server, browser, page;

const assertAccessible = (name) => checkPage(page, name.replaceAll(' ', '-'));
const clickAndWait = (locator) => clickOn(page, locator);
async function choose(select, text) {
  const value = await select.locator('option', { hasText: text }).first().getAttribute('value');
  await select.selectOption(value);
}

// The demo's placements under the HVB framework: nine units with three or more started in
// last year's April to mid-December (Björkhagen four, Askudden three), Rönhagen two (out).
before(async () => {
  server = await startServer({ demo: true });
  ({ browser, page } = await openBrowser());
});

after(async () => {
  await browser?.close();
  if (server) assert.equal((await server.stop()).code, 0);
});

test('the strategist proposes the plan, sees the sample with reasons, adds a unit for risk and records the decision', async () => {
  await logIn(page, server.url, 'strateg@sjobacka.example', PASSWORD);
  await clickAndWait(page.getByRole('link', { name: 'Kontrollplan' }));
  await assertAccessible('control plans');
  await clickAndWait(page.getByRole('link', { name: 'Ny kontrollplan' }));
  await assertAccessible('control plan form');
  await page.getByLabel('År').fill(PLAN_YEAR);
  await page.getByLabel('Rubrik').fill('');
  await choose(page.getByLabel('Avtal i fokus'), FRAMEWORK);
  await page.getByLabel('Teman, ett per rad').fill('Systematiskt kvalitetsarbete\nEgenkontroll och avvikelsehantering');
  await choose(page.getByLabel(/Avtalet som urvalet görs ur/), FRAMEWORK);
  await page.getByLabel(/Placeringar inledda från och med/).fill(FROM);
  await page.getByLabel(/^till och med/).fill(TO);
  await page.getByLabel('Minsta antal placeringar per enhet').fill('3');
  await clickAndWait(page.getByRole('button', { name: 'Skapa planen' }));
  await assert.doesNotReject(page.getByRole('alert').getByText(/Rubrik måste anges/).waitFor());
  await assertAccessible('control plan form with errors');
  await page.getByLabel('Rubrik').fill(`Plan för kontroll och uppföljning av privata utförare ${PLAN_YEAR}`);
  await clickAndWait(page.getByRole('button', { name: 'Skapa planen' }));

  // the sample, each unit with its reason
  await assert.doesNotReject(page.getByRole('heading', { name: `Plan för kontroll och uppföljning av privata utförare ${PLAN_YEAR}` }).waitFor());
  await assertAccessible('control plan draft');
  const sample = page.getByRole('region', { name: 'Urvalet' });
  await assert.doesNotReject(sample.getByText('9 enheter ingår i urvalet.').waitFor());
  const row = (unit) => sample.getByRole('row').filter({ hasText: unit });
  await assert.doesNotReject(row('HVB Björkhagen').getByText(`4 placeringar inledda ${FROM}–${TO} (minst 3)`).waitFor());
  await assert.doesNotReject(row('HVB Askudden').getByText(`3 placeringar inledda ${FROM}–${TO} (minst 3)`).waitFor());
  assert.equal(await row('HVB Rönhagen').count(), 0, 'two placements are not enough');

  // a unit added for risk: the reason is required
  const risk = page.getByRole('region', { name: 'Enheter tillagda utifrån risk' });
  await choose(risk.getByLabel('Enhet'), 'HVB Rönhagen');
  await clickAndWait(risk.getByRole('button', { name: 'Lägg till enheten' }));
  await assert.doesNotReject(page.getByRole('alert').getByText(/Skäl måste anges/).waitFor());
  await assertAccessible('control plan risk form with errors');
  await risk.getByLabel('Skäl').fill('IVO:s tillsyn fann brister i bemanningen.');
  await clickAndWait(risk.getByRole('button', { name: 'Lägg till enheten' }));
  await assert.doesNotReject(row('HVB Rönhagen').getByText('Tillagd för risk: IVO:s tillsyn fann brister i bemanningen.').waitFor());
  await assert.doesNotReject(sample.getByText('10 enheter ingår i urvalet.').waitFor());
  await assertAccessible('control plan with a risk addition');

  // the committee's decision freezes the sample
  const decision = page.getByRole('region', { name: 'Nämndens beslut' });
  await decision.getByLabel(/Beslutsdatum/).fill(DECIDED);
  await decision.getByLabel(/Paragraf i protokollet/).fill('§ 12');
  await clickAndWait(decision.getByRole('button', { name: 'Registrera beslutet och lås urvalet' }));
  await assert.doesNotReject(page.getByText(new RegExp(`Godkänd av nämnden ${DECIDED}, § 12`)).waitFor());
  await assert.doesNotReject(page.getByText(/Urvalet låstes när nämnden godkände planen/).waitFor());
  assert.equal(await page.getByRole('link', { name: 'Ändra planen' }).count(), 0, 'an approved plan cannot be changed');
  assert.equal(await page.getByRole('button', { name: 'Lägg till enheten' }).count(), 0);
  await assertAccessible('control plan approved');
  await clickAndWait(page.getByRole('link', { name: /^Översiktlig uppföljning av urvalet/ }));
  await assert.doesNotReject(page.getByRole('heading', { name: `Översiktlig uppföljning ${PLAN_YEAR}` }).waitFor());
  await assert.doesNotReject(page.getByRole('row').filter({ hasText: 'HVB Björkhagen' }).getByText(/Tillsynsbeslut/).waitFor());
  await assertAccessible('control plan overview follow-up');
  await page.goBack();
  await clickAndWait(page.getByRole('link', { name: 'Kontrollplan' }));
  await assert.doesNotReject(page.getByRole('cell', { name: new RegExp(`Godkänd av nämnden ${DECIDED}`) }).waitFor());
  await assertAccessible('control plans with an approved plan');

  // the survey to the case workers of the sample's placements, answered through its link,
  // shows on the plan's overview follow-up
  await page.goto(`${server.url}/enkater/ny`);
  await page.getByLabel('Enkät till socialsekreterare om placeringar').check();
  await choose(page.getByLabel('Kontrollplan'), `${PLAN_YEAR}:`);
  await clickAndWait(page.getByRole('button', { name: 'Skapa enkäten' }));
  await clickAndWait(page.getByRole('button', { name: 'Hämta mottagare ur planens urval' }));
  await page.getByLabel('Frågorna och mottagarna är klara').check();
  await clickAndWait(page.getByRole('button', { name: 'Öppna enkäten och skapa länkarna' }));
  const links = (await page.locator('main code').allInnerTexts()).filter((t) => /\/svar\/[0-9a-f]{64}$/.test(t));
  assert.ok(links.length > 0, 'the sample\'s case workers got links');
  const context = await browser.newContext({ bypassCSP: true, locale: 'sv-SE', timezoneId: 'Europe/Stockholm' });
  const answerer = await context.newPage();
  await answerer.goto(links[0]);
  const groups = answerer.locator('main fieldset');
  for (let i = 0; i < await groups.count(); i++) await groups.nth(i).locator('input').first().check();
  await answerer.locator('main textarea').first().fill('Genomförandeplanen kom i tid.');
  await clickOn(answerer, answerer.getByRole('button', { name: 'Skicka svaret' }));
  assert.match(await answerer.locator('h1').innerText(), /Tack för ditt svar/);
  await context.close();
  await clickAndWait(page.getByRole('link', { name: 'Kontrollplan' }));
  await clickAndWait(page.getByRole('link', { name: new RegExp(PLAN_YEAR) }).first());
  await clickAndWait(page.getByRole('link', { name: /^Översiktlig uppföljning av urvalet/ }));
  const answered = await page.locator('main').innerText();
  assert.match(answered, /Socialsekreterare: 1 av \d+ svarade/, 'one answer counted for its provider');
});
