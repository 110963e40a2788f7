// registry.test.mjs — in headless Chromium, a strategist in the demo municipality logs in,
// registers a provider with a unit and an agreement that ends in about three months and
// cannot be extended, and finds it on the overview marked "Beslut behövs nu". Every page on
// the way is checked with axe-core against WCAG 2.0/2.1 A and AA.
// (INSYN_SCREENSHOTS=DIR keeps a screenshot of every checked page; see tests/lib/browser.mjs.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/harness.mjs';
import { openBrowser, assertAccessible as checkPage, clickAndWait as clickOn } from '../lib/browser.mjs';

const DEMO_PASSWORD = 'sjobacka-demo-2026';
const STRATEGIST = 'strateg@sjobacka.example';

// ---- dates as the server sees them (it runs in Europe/Stockholm) ----

function todayInStockholm() {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit',
  }).formatToParts(new Date());
  const get = (type) => parts.find((p) => p.type === type).value;
  return `${get('year')}-${get('month')}-${get('day')}`;
}

function addDays(iso, days) {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

// Whole months later; the 31st becomes the last day of a shorter month.
function addMonths(iso, months) {
  const [y, m, d] = iso.split('-').map(Number);
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, last));
  return first.toISOString().slice(0, 10);
}

function daysBetween(a, b) {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86400000);
}

// ---- Swedish organisation numbers ----

// The Luhn check digit of nine digits: every other digit from the left doubled.
function luhnCheckDigit(nine) {
  let sum = 0;
  for (let i = 0; i < 9; i++) {
    let v = Number(nine[i]) * (i % 2 === 0 ? 2 : 1);
    if (v > 9) v -= 9;
    sum += v;
  }
  return (10 - (sum % 10)) % 10;
}

function orgNr(nine) {
  assert.ok(Number(nine[2]) >= 2, 'the third digit of an organisation number is at least 2');
  return `${nine.slice(0, 6)}-${nine.slice(6)}${luhnCheckDigit(nine)}`;
}

// ---- browser helpers ----

let server, browser, page;

const assertAccessible = (name) => checkPage(page, name);
const clickAndWait = (locator) => clickOn(page, locator);
const mainNav = () => page.getByRole('navigation', { name: 'Huvudmeny' });
const h1 = () => page.locator('h1');

before(async () => {
  server = await startServer({ demo: true });
  ({ browser, page } = await openBrowser());
});

after(async () => {
  await browser?.close();
  if (server) {
    const exit = await server.stop();
    assert.equal(exit.code, 0, `the server stops cleanly: ${server.stderr()}`);
  }
});

// ---- the walk through ----

// The steps build on each other: once one fails, the rest are skipped instead of timing out.
let failedStep = null;
function step(name, fn) {
  test(name, async (t) => {
    if (failedStep) {
      t.skip(`an earlier step failed: ${failedStep}`);
      return;
    }
    try {
      await fn(t);
    } catch (e) {
      failedStep = name;
      throw e;
    }
  });
}

const today = todayInStockholm();
const provider = {
  name: 'Solvikens omsorg AB',
  orgNr: orgNr('559900001'),
  unit: 'Solvikens gruppboende',
};
const agreement = {
  caseRef: 'SN 2026/4711',
  title: 'Gruppbostad enligt LSS, Solviken',
  start: addMonths(today, -21),
  end: addMonths(today, 3),
};
let providerUrl, agreementUrl;

step('the login page is accessible and a strategist logs in through it', async () => {
  await page.goto(`${server.url}/oversikt`);
  assert.match(new URL(page.url()).pathname, /^\/login$/, 'the overview asks an anonymous visitor to log in');
  assert.equal(await page.getAttribute('html', 'lang'), 'sv');
  await assertAccessible('login');

  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent.trim()), 'Hoppa till innehållet',
    'the first Tab reaches the skip link');

  await page.getByLabel('E-postadress').fill(STRATEGIST);
  await page.getByLabel('Lösenord').fill(DEMO_PASSWORD);
  await clickAndWait(page.getByRole('button', { name: 'Logga in' }));
  assert.equal(new URL(page.url()).pathname, '/oversikt', 'after logging in the strategist is back on the overview');
  await assert.doesNotReject(page.locator('header.site').getByText('Sara Strateg').waitFor());
});

step('the provider list and the provider form, also with errors, are accessible', async () => {
  await clickAndWait(mainNav().getByRole('link', { name: 'Utförare' }));
  assert.equal(await h1().textContent(), 'Utförare');
  assert.ok(await page.locator('tbody tr').count() > 10, 'the demo providers are listed');
  await assertAccessible('provider-list');

  await clickAndWait(page.getByRole('link', { name: 'Ny utförare' }));
  assert.equal(await h1().textContent(), 'Ny utförare');
  await assertAccessible('provider-form');

  // A personal identity number is refused, with the reason next to the field and in the summary.
  await page.getByLabel('Organisationsnummer').fill('121212-1212');
  await clickAndWait(page.getByRole('button', { name: 'Spara' }));
  const summary = page.locator('.error-summary');
  assert.match(await summary.textContent(), /Namn måste anges/);
  assert.match(await page.locator('#org_nr-error').textContent(), /personnummer/i);
  assert.equal(await page.getAttribute('#org_nr', 'aria-invalid'), 'true');
  assert.match(await page.getAttribute('#org_nr', 'aria-describedby'), /\borg_nr-error\b/);
  assert.equal(await page.inputValue('#org_nr'), '121212-1212', 'what was typed is kept');
  await assertAccessible('provider-form-errors');
});

step('a strategist registers a provider and a unit', async () => {
  await page.getByLabel('Namn').fill(provider.name);
  await page.getByLabel('Organisationsnummer').fill(provider.orgNr);
  await page.getByLabel('Typ av organisation').selectOption({ label: 'Privat utförare' });
  await page.getByLabel('Kontaktperson eller funktion').fill('Verksamhetschefen');
  await page.getByLabel('E-post').fill('info@solviken.example');
  await clickAndWait(page.getByRole('button', { name: 'Spara' }));
  assert.match(new URL(page.url()).pathname, /^\/utforare\/\d+$/);
  providerUrl = new URL(page.url()).pathname;
  assert.equal(await h1().textContent(), provider.name);
  assert.match(await page.locator('.notice').textContent(), /sparade/);
  assert.match(await page.locator('dl.facts').textContent(), new RegExp(provider.orgNr));

  await clickAndWait(page.getByRole('link', { name: 'Ny enhet' }));
  await page.getByLabel('Enhetens namn').fill(provider.unit);
  await page.getByLabel('Verksamhetsområde').selectOption({ label: 'Boendestöd' });
  await page.getByLabel('Antal platser').fill('6');
  await page.getByLabel('Adress').fill('Solviksvägen 3, Sjöbacka');
  await assertAccessible('unit-form');
  await clickAndWait(page.getByRole('button', { name: 'Spara' }));
  assert.equal(new URL(page.url()).pathname, providerUrl);
  const units = page.getByRole('region', { name: 'Enheter' });
  assert.match(await units.textContent(), new RegExp(provider.unit));
  await assertAccessible('provider');

  await clickAndWait(units.getByRole('link', { name: provider.unit, exact: true }));
  assert.equal(await h1().textContent(), provider.unit);
  await assertAccessible('unit');
  await clickAndWait(page.getByRole('link', { name: provider.name, exact: true }));
  assert.equal(new URL(page.url()).pathname, providerUrl);
});

step('the agreement form reports an end date before the start date, in Swedish', async () => {
  await clickAndWait(page.getByRole('link', { name: 'Nytt avtal' }));
  assert.equal(await h1().textContent(), 'Nytt avtal');
  assert.match(await page.locator('#organisation_id option:checked').textContent(), new RegExp(provider.name),
    'the provider is already chosen when the agreement is started from its page');
  await assertAccessible('agreement-form');

  await page.getByLabel('Diarienummer').fill(agreement.caseRef);
  await page.getByLabel('Avtalets benämning').fill(agreement.title);
  await page.getByLabel('Avtalsform').selectOption({ label: 'LOU' });
  await page.getByLabel('Verksamhetsområde').selectOption({ label: 'Boendestöd' });
  await page.getByLabel(provider.unit).check();
  await page.getByLabel('Startdatum').fill(agreement.start);
  await page.locator('#end').fill(addDays(agreement.start, -1));
  await page.getByLabel('Antal förlängningar som återstår').fill('0');
  await clickAndWait(page.getByRole('button', { name: 'Spara' }));

  const message = 'Slutdatum kan inte vara före startdatum.';
  assert.equal((await page.locator('#end-error').textContent()).trim(), message, 'the message is next to the field');
  assert.equal(await page.getAttribute('#end', 'aria-invalid'), 'true');
  assert.match(await page.getAttribute('#end', 'aria-describedby'), /\bend-error\b/);
  const link = page.locator('.error-summary a[href="#end"]');
  assert.equal((await link.textContent()).trim(), message, 'the summary links to the field');
  assert.equal(await page.inputValue('#title'), agreement.title, 'what was typed is kept');
  assert.ok(await page.getByLabel(provider.unit).isChecked(), 'the chosen unit is kept');
  await assertAccessible('agreement-form-errors');
});

step('the corrected agreement is saved and shown', async () => {
  await page.locator('#end').fill(agreement.end);
  await clickAndWait(page.getByRole('button', { name: 'Spara' }));
  assert.match(new URL(page.url()).pathname, /^\/avtal\/\d+$/);
  agreementUrl = new URL(page.url()).pathname;
  assert.equal(await h1().textContent(), agreement.title);
  const facts = await page.locator('dl.facts').textContent();
  assert.match(facts, new RegExp(`${agreement.start} – ${agreement.end}`));
  assert.match(facts, /Kan inte förlängas/);
  assert.match(facts, new RegExp(provider.unit));
  await assertAccessible('agreement');
});

step('the overview shows that a decision is needed now', async () => {
  await clickAndWait(mainNav().getByRole('link', { name: 'Översikt' }));
  assert.match(await h1().textContent(), /^Översikt/);
  const row = page.locator('table.ending tbody tr').filter({ has: page.locator(`a[href="${agreementUrl}"]`) });
  assert.equal(await row.count(), 1, 'the new agreement is listed once among those ending');
  const text = (await row.textContent()).replace(/\s+/g, ' ');
  assert.match(text, /Beslut behövs nu/);
  assert.match(text, new RegExp(agreement.end));
  assert.match(text, new RegExp(`${daysBetween(today, agreement.end)} dagar kvar`));
  assert.match(text, new RegExp(provider.name));
  await assertAccessible('overview');
});

step('the agreement list finds the agreement and is accessible', async () => {
  await clickAndWait(mainNav().getByRole('link', { name: 'Avtal' }));
  assert.equal(await h1().textContent(), 'Avtal');
  await page.getByLabel('Sök diarienummer, benämning eller utförare').fill(agreement.caseRef);
  await clickAndWait(page.getByRole('button', { name: 'Sök' }));
  const rows = page.locator('tbody tr');
  assert.equal(await rows.count(), 1);
  assert.match(await rows.first().textContent(), new RegExp(agreement.title));
  await assertAccessible('agreement-list');
});
