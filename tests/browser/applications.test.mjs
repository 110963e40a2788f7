// applications.test.mjs — a LOV application from receipt to a signed agreement in headless
// Chromium, clicked through as the administration would (seed 003): the strategist registers
// it (first with a wrong organisation number), works the routine's steps on the case page,
// records the credit and tax checks, the committee secretary records the committee's decision
// (first an approval the guards refuse) and announces it, and once the decision has gained
// legal force the strategist books the agreement meeting and signs the agreement. The
// applicant follows it in the portal. Every new page is checked with axe-core against WCAG
// 2.0/2.1 A and AA. (INSYN_SCREENSHOTS=DIR keeps a screenshot of every checked page.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, addUser, Client, PASSWORD } from '../lib/harness.mjs';
import { orgNr, badCheckDigit } from '../http/fixtures.mjs';
import { openBrowser, assertAccessible, clickAndWait, logIn } from '../lib/browser.mjs';

const STRATEGIST = 'strateg@sjobacka.example';
const DEPUTY = 'bitr.direktor@sjobacka.example';
const SECRETARY = 'namndsekreterare@sjobacka.example';
const APPLICANT = 'vd@omsorgshuset.example';
const COMPANY = 'Omsorgshuset i Sjöbacka AB';
const COMPANY_NR = orgNr(4711);
const SYSTEM_CASE_REF = 'SN 2024/0100';

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

// Every step lies after the receipt and not after today; the decision was announced 25 days
// ago, so it gained legal force (21 days) four days ago.
const TODAY = todayInStockholm();
const day = (n) => addDays(TODAY, -n);
const RECEIVED = day(60);
const ANNOUNCED = day(25);
const LEGAL_FORCE = addDays(ANNOUNCED, 21);

let server, browser, page, staff, applicantPage, secretaryPage, applicationId;

// A second signed-in person in the same browser, with the same settings as openBrowser's.
async function personPage(email) {
  const context = await browser.newContext({
    bypassCSP: true, viewport: { width: 1280, height: 900 }, locale: 'sv-SE', timezoneId: 'Europe/Stockholm',
  });
  context.setDefaultTimeout(10000);
  const p = await context.newPage();
  await logIn(p, server.url, email, PASSWORD);
  return p;
}

before(async () => {
  server = await startServer({
    setup: (db) => {
      addUser(db, STRATEGIST, 'strategist');
      addUser(db, DEPUTY, 'deputy_director');
      addUser(db, SECRETARY, 'committee_secretary');
    },
  });
  // the customer-choice system: the municipality's LOV agreement for home care
  staff = new Client(server.url);
  assert.equal((await staff.login(STRATEGIST)).status, 303);
  const municipality = await staff.api('POST', '/api/v1/organisations', {
    name: 'Sjöbacka kommun, socialförvaltningen', org_nr: orgNr(3, '21'), kind: 'in_house', legal_form: 'kommun',
  });
  assert.equal(municipality.status, 201, municipality.text);
  const system = await staff.api('POST', '/api/v1/agreements', {
    case_ref: SYSTEM_CASE_REF, title: 'Kundval hemtjänst (LOV)', form: 'lov', service_area: 'home_care',
    organisation_id: municipality.json().id, start: '2024-01-01', end: addDays(TODAY, 900), status: 'active',
  });
  assert.equal(system.status, 201, system.text);
  ({ browser, page } = await openBrowser());
  await logIn(page, server.url, STRATEGIST, PASSWORD);
});

after(async () => {
  await browser?.close();
  if (server) {
    const exit = await server.stop();
    assert.equal(exit.code, 0, `the server stops cleanly: ${server.stderr()}`);
  }
});

const main = (p = page) => p.locator('main');
const notice = () => page.getByRole('status');

// Opens the <details> form whose summary says `summary`, lets `fill` fill it in and submits it
// with `button`; the case page comes back saying that the change is saved.
async function workStep(summary, button, fill) {
  const details = page.locator('details', { has: page.locator('summary', { hasText: summary }) }).first();
  await details.locator('summary').first().click();
  await fill(details);
  await clickAndWait(page, details.getByRole('button', { name: button }));
  assert.match(page.url(), /\/ansokningar\/\d+\?sparat=1/, `${summary}: saved (${await main().innerText()})`);
  await assert.doesNotReject(notice().filter({ hasText: 'Uppgifterna är sparade.' }).waitFor());
}

test('the strategist registers an application; a wrong organisation number is explained in Swedish', async () => {
  await page.goto(`${server.url}/`);
  await clickAndWait(page, page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Ansökningar' }));
  assert.match(await page.locator('h1').innerText(), /Ansökningar om att bli utförare/);
  assert.match(await main().innerText(), /Det finns inga ansökningar att visa/);
  await assertAccessible(page, 'ansokningar-tom');

  await clickAndWait(page, page.getByRole('link', { name: 'Registrera ansökan' }));
  assert.match(page.url(), /\/ansokningar\/ny$/);
  await assertAccessible(page, 'ansokan-ny');
  await page.getByLabel('Organisationsnummer').fill(badCheckDigit(COMPANY_NR));
  await page.getByLabel('Företagets namn').fill(COMPANY);
  await page.getByLabel('Tjänsteområde').selectOption('home_care');
  await page.getByLabel('Ansökan gäller hemtjänst inom omvårdnad').check();
  await page.getByLabel('Ansökan kom in').fill(RECEIVED);
  await page.getByLabel('Verksamhetsansvarig').fill('Maria Månsson');
  await page.getByLabel('Bilagor som förfrågningsunderlaget kräver').fill('Ansökningsblankett\nMeritförteckning för verksamhetsansvarig\nLedningssystem för kvalitet');
  await clickAndWait(page, page.getByRole('button', { name: 'Registrera ansökan' }));

  // the error summary and the field's own error, in Swedish; what was written is kept
  const summary = page.getByRole('alert');
  assert.match(await summary.innerText(), /Uppgifterna kunde inte sparas\s+Organisationsnumrets kontrollsiffra stämmer inte\./);
  assert.equal(await page.getByLabel('Organisationsnummer').getAttribute('aria-invalid'), 'true');
  assert.match(await page.locator('#org_nr-error').innerText(), /Organisationsnumrets kontrollsiffra stämmer inte/);
  assert.equal(await page.getByLabel('Företagets namn').inputValue(), COMPANY);
  assert.equal(await page.getByLabel('Verksamhetsansvarig').inputValue(), 'Maria Månsson');
  assert.equal(await page.getByLabel('Ansökan kom in').inputValue(), RECEIVED);
  assert.ok(await page.getByLabel('Ansökan gäller hemtjänst inom omvårdnad').isChecked());
  await assertAccessible(page, 'ansokan-ny-fel');

  await page.getByLabel('Organisationsnummer').fill(COMPANY_NR);
  await clickAndWait(page, page.getByRole('button', { name: 'Registrera ansökan' }));
  const m = page.url().match(/\/ansokningar\/(\d+)\?sparat=1/);
  assert.ok(m, `registered: ${page.url()}`);
  applicationId = Number(m[1]);
  assert.match(await page.locator('h1').innerText(), new RegExp(`Ansökan: ${COMPANY}`));
  const facts = await page.locator('dl.facts').innerText();
  assert.match(facts, new RegExp(COMPANY_NR));
  assert.match(facts, /Hemtjänst, omvårdnad/);
  assert.match(facts, /Maria Månsson/);
  assert.match(await main().innerText(), /Sista dag att begära komplettering/);
  await assertAccessible(page, 'ansokan');
});

test('the first review and a request for supplements, which the applicant sees in the portal', async () => {
  await workStep('Registrera granskningen', 'Spara granskningen', async (f) => {
    await f.getByLabel('Granskad').fill(day(58));
    await f.getByLabel('Iakttagelser').fill('Ansvarsförsäkring saknas bland bilagorna.');
  });
  assert.match(await page.locator('#steg-first_review').innerText(), new RegExp(`Granskad ${day(58)}`));

  await workStep('Registrera komplettering eller komplett ansökan', 'Spara', async (f) => {
    await f.getByLabel('Komplettering begärd').fill(day(57));
    await f.getByLabel('Vad ska kompletteras').fill('Skicka in bevis om ansvarsförsäkring.');
  });
  const supplements = await page.locator('#steg-supplements').innerText();
  assert.match(supplements, new RegExp(`Komplettering begärd ${day(57)}, ska in senast ${day(43)}`));
  assert.match(await page.locator('.page-head').innerText(), /Väntar på komplettering/);

  // the applicant's representative sees the request and its deadline in the portal
  addUser(server.db, APPLICANT, 'provider_user', COMPANY_NR);
  applicantPage = await personPage(APPLICANT);
  await applicantPage.goto(`${server.url}/mina-ansokningar`);
  assert.match(await main(applicantPage).innerText(), /Väntar på komplettering/);
  await assertAccessible(applicantPage, 'mina-ansokningar');
  await clickAndWait(applicantPage, main(applicantPage).getByRole('link', { name: 'Hemtjänst' }));
  const portal = await main(applicantPage).innerText();
  assert.match(portal, new RegExp(`Komplettera er ansökan senast ${day(43)}`));
  assert.match(portal, /Skicka in bevis om ansvarsförsäkring/);
  assert.doesNotMatch(portal, /Ansvarsförsäkring saknas bland bilagorna/, 'the review notes are internal');
  await assertAccessible(applicantPage, 'min-ansokan');

  await page.reload();
  await workStep('Registrera komplettering eller komplett ansökan', 'Spara', async (f) => {
    await f.getByLabel('Kompletteringen kom in').fill(day(50));
    await f.getByLabel('Ansökan komplett').fill(day(49));
  });
  assert.match(await page.locator('#steg-supplements').innerText(), new RegExp(`Ansökan komplett ${day(49)}`));
  assert.match(await page.locator('.page-head').innerText(), /Under handläggning/);
});

test('the committee secretary cannot approve before the references, checks and QMS are in place', async () => {
  secretaryPage = await personPage(SECRETARY);
  await secretaryPage.goto(`${server.url}/ansokningar/${applicationId}`);
  const form = secretaryPage.locator('form[action*="/beslut"]');
  await form.getByLabel(/^Beslut \(/).selectOption('approve');
  await form.getByLabel('Beslutsdatum').fill(day(48));
  await clickAndWait(secretaryPage, form.getByRole('button', { name: 'Registrera beslutet' }));
  const errors = await secretaryPage.getByRole('alert').innerText();
  assert.match(errors, /Minst två referenser om företagets ledning krävs före ett godkännande; 0 är dokumenterade/);
  assert.match(errors, /Minst två referenser om verksamhetsansvarig krävs/);
  assert.match(errors, /Ingen kreditupplysning är registrerad/);
  assert.match(errors, /ledningssystem för systematiskt kvalitetsarbete är inte kontrollerat/);
  assert.match(await secretaryPage.locator('#steg-decision').innerText(), /Socialnämnden har inte beslutat ännu/);
  assert.equal(await secretaryPage.locator('form[action*="/beslut"]').getByLabel('Beslutsdatum').inputValue(), day(48));
  await assertAccessible(secretaryPage, 'ansokan-beslut-fel');
});

test('the strategist records the credit and tax checks from the case page', async () => {
  // each link opens its form, which returns to the case when saved
  await page.goto(`${server.url}/ansokningar/${applicationId}`);
  await clickAndWait(page, page.getByRole('link', { name: 'Registrera kreditupplysning' }));
  await page.getByLabel('Kreditupplysningsföretag').selectOption('creditsafe');
  await page.getByLabel('Datum för upplysningen').fill(day(55));
  await page.getByLabel('Rating eller riskklass').fill('78');
  await clickAndWait(page, page.getByRole('button', { name: 'Registrera' }));
  assert.match(page.url(), new RegExp(`/ansokningar/${applicationId}\\?sparat=1#steg-checks$`));

  await clickAndWait(page, page.getByRole('link', { name: 'Registrera kontroll med Skatteverket' }));
  await page.getByLabel('Datum för kontrollen').fill(day(55));
  for (const legend of ['Godkänd för F-skatt', 'Skatterna är betalda', 'Arbetsgivaravgifterna är betalda'])
    await page.getByRole('group', { name: legend }).getByLabel('Ja').check();
  await clickAndWait(page, page.getByRole('button', { name: 'Registrera' }));
  assert.match(page.url(), new RegExp(`/ansokningar/${applicationId}\\?sparat=1#steg-checks$`));

  await page.goto(`${server.url}/ansokningar/${applicationId}`);
  const checks = await page.locator('#steg-checks').innerText();
  assert.match(checks, new RegExp(`Kreditupplysning: ${day(55)}, Creditsafe 78 – godkänd`));
  assert.match(checks, new RegExp(`Skatteverket: ${day(55)} – godkänd`));
});

test('the strategist works the routine: meeting, QMS, attachments, references, assessment, MBL, memo, journal', async () => {
  await workStep('Registrera informationsmötet', 'Spara mötet', async (f) => {
    await f.getByLabel('Mötet hölls').fill(day(45));
    await f.getByLabel('Deltagare från förvaltningen').fill('Sara Strateg, utvecklingsstrateg\nBritt Biträdande, biträdande socialdirektör\nSektionschef Omsorg SoL');
    await f.getByLabel('Företagets verksamhetsansvariga deltog').check();
    await f.getByLabel('Genomgång av ansökan på mötet').fill('Ansökan gicks igenom punkt för punkt.');
  });
  assert.match(await page.locator('#steg-info_meeting').innerText(), new RegExp(`Mötet hölls ${day(45)}. Företagets verksamhetsansvariga deltog.`));

  await workStep('Registrera kontrollen av ledningssystemet', 'Spara kontrollen', async (f) => {
    await f.getByLabel('Kontrollerat').fill(day(44));
    await f.getByLabel('Bedömning').selectOption({ label: 'Godkänt' });
  });
  assert.match(await page.locator('#steg-qms').innerText(), new RegExp(`Kontrollerat ${day(44)}: godkänt`));

  await workStep('Registrera kontrollen av bilagorna', 'Spara kontrollen', async (f) => {
    await f.getByLabel('Kontrollerat').fill(day(43));
    await f.getByLabel('Iakttagelser').fill('Meritförteckningen styrker erfarenhet av hemtjänst.');
  });

  const references = [
    ['management', 'Per Persson, Hemtjänst Norr AB'], ['management', 'Lena Lind, Vårdbolaget AB'],
    ['operations_manager', 'Karin Karlsson, Solgläntan'], ['operations_manager', 'Olle Olsson, Omsorg Väst'],
  ];
  for (const [about, referee] of references) {
    await workStep('Dokumentera en referens', 'Spara referensen', async (f) => {
      await f.getByLabel('Referensen avser').selectOption(about);
      await f.getByLabel('Referensperson och organisation').fill(referee);
      await f.getByLabel(/^Tillfrågad \(/).fill(day(42));
      await f.getByLabel('Tillfrågad av').fill('Sara Strateg');
      await f.getByLabel('Vad referensen sade').fill(`Referenstagning hos ${referee}: mycket gott samarbete.`);
    });
  }
  assert.match(await page.locator('#steg-references').innerText(), /2 referenser om företagets ledning och 2 om verksamhetsansvarig är dokumenterade/);

  await workStep('Registrera bedömningen', 'Spara bedömningen', async (f) => {
    await f.getByLabel('Bedömt').fill(day(40));
    await f.getByLabel(/^Bedömning \(/).selectOption('approve');
    await f.getByLabel('I samråd med biträdande socialdirektör').selectOption({ index: 1 });
    await f.getByLabel('Motivering').fill('Företaget uppfyller förfrågningsunderlagets krav.');
  });
  assert.match(await page.locator('#steg-assessment').innerText(), new RegExp(`Bedömd ${day(40)} i samråd med .+: ansökan bör godkännas`));

  await workStep('Registrera MBL-underlaget', 'Spara', async (f) => {
    await f.getByLabel('Underlaget klart').fill(day(38));
  });
  await workStep('Registrera tjänsteskrivelsen', 'Spara', async (f) => {
    await f.getByLabel('Tjänsteskrivelsen klar').fill(day(36));
  });
  assert.match(await page.locator('.page-head').innerText(), /Till socialnämnden/);

  await workStep('Skriv en anteckning', 'Spara anteckningen', async (f) => {
    await f.getByLabel('Slag').selectOption('journal');
    await f.getByLabel('Datum').fill(day(35));
    await f.getByLabel(/^Anteckning \(/).fill('Biträdande socialdirektör informerad om bedömningen.');
  });
  assert.match(await page.locator('section', { has: page.locator('#journal') }).innerText(), /Biträdande socialdirektör informerad om bedömningen/);
  await assertAccessible(page, 'ansokan-till-namnden');
});

test('the committee secretary records the approval and announces it; the applicant then sees it', async () => {
  // before the decision is announced the applicant sees no decision
  await secretaryPage.goto(`${server.url}/ansokningar/${applicationId}`);
  const form = secretaryPage.locator('form[action*="/beslut"]');
  await form.getByLabel(/^Beslut \(/).selectOption('approve');
  await form.getByLabel('Beslutsdatum').fill(day(30));
  await form.getByLabel('Paragraf').fill('§ 112');
  await clickAndWait(secretaryPage, form.getByRole('button', { name: 'Registrera beslutet' }));
  assert.match(secretaryPage.url(), /\?sparat=1/);
  assert.match(await secretaryPage.locator('#steg-decision').innerText(), new RegExp(`Socialnämnden godkände ansökan ${day(30)} \\(§ 112\\)\\.`));
  assert.match(await secretaryPage.locator('#steg-decision').innerText(), /Beslutet är inte meddelat sökande ännu/);

  await secretaryPage.goto(`${server.url}/mina-uppgifter`);
  assert.match(await main(secretaryPage).innerText(), /Meddela sökande socialnämndens beslut/);
  await assertAccessible(secretaryPage, 'mina-uppgifter-namndsekreterare');

  await applicantPage.reload();
  const before = await main(applicantPage).innerText();
  assert.doesNotMatch(before, /Godkän|godkän|Socialnämndens beslut|§ 112/, 'no decision before it is announced');
  assert.match(before, /Status\s+Till socialnämnden/, 'the status is that of an undecided application');

  await clickAndWait(secretaryPage, main(secretaryPage).getByRole('link', { name: 'Meddela sökande socialnämndens beslut' }));
  const announce = secretaryPage.locator('form[action*="/meddela"]');
  await announce.getByLabel('Beslutet meddelat sökande').fill(ANNOUNCED);
  await clickAndWait(secretaryPage, announce.getByRole('button'));
  assert.match(await secretaryPage.locator('#steg-decision').innerText(), new RegExp(`Beslutet meddelades sökande ${ANNOUNCED} av .+ och vann laga kraft ${LEGAL_FORCE}\\.`));

  await applicantPage.reload();
  const after = await main(applicantPage).innerText();
  assert.match(after, /Socialnämndens beslut/);
  assert.match(after, new RegExp(`Socialnämnden godkände er ansökan ${day(30)} \\(§ 112\\)\\. Beslutet meddelades er ${ANNOUNCED}\\.`));
  assert.match(after, new RegExp(`Beslutet vann laga kraft ${LEGAL_FORCE}\\.`));
  assert.match(after, /Godkänd, avtal ej tecknat/);
  for (const secret of ['Ansökan gicks igenom', 'mycket gott samarbete', 'Företaget uppfyller förfrågningsunderlagets krav', 'Biträdande socialdirektör informerad'])
    assert.ok(!after.includes(secret), `the portal never shows "${secret}"`);
  await assertAccessible(applicantPage, 'min-ansokan-beslut');
});

test('after legal force the strategist books the agreement meeting and signs the agreement', async () => {
  await page.goto(`${server.url}/mina-uppgifter`);
  assert.match(await main().innerText(), /Ansökningar om att bli utförare/);
  assert.match(await main().innerText(), /Möte inför avtalstecknande/);
  await assertAccessible(page, 'mina-uppgifter-strateg');

  await page.goto(`${server.url}/ansokningar/${applicationId}`);
  const row = page.locator('#introduktion ~ table tr', { hasText: 'Möte inför avtalstecknande' });
  await row.locator('summary').click();
  await row.getByLabel('Bokad till').fill(day(3));
  await row.getByLabel('Genomförd').fill(day(3));
  await clickAndWait(page, row.getByRole('button', { name: /Spara/ }));
  assert.match(page.url(), /\?sparat=1/);
  assert.match(await page.locator('#introduktion ~ table tr', { hasText: 'Möte inför avtalstecknande' }).innerText(), new RegExp(day(3)));

  const sign = page.locator('form[action*="/avtal"]');
  assert.equal(await sign.getByLabel('Avtalet undertecknat').inputValue(), TODAY);
  await clickAndWait(page, sign.getByRole('button', { name: 'Teckna avtalet' }));
  assert.match(page.url(), /\?sparat=1/);
  assert.match(await page.locator('.page-head').innerText(), /Introduktion pågår/);
  await assertAccessible(page, 'ansokan-avtal-tecknat');

  const link = page.locator('dl.facts').getByRole('link', { name: SYSTEM_CASE_REF });
  await clickAndWait(page, link);
  assert.match(page.url(), /\/avtal\/\d+$/);
  const agreement = await main().innerText();
  assert.match(agreement, /Kundval hemtjänst \(LOV\)/);
  assert.match(agreement, /LOV, valfrihetssystem/);
  assert.match(agreement, new RegExp(COMPANY));

  await page.goto(`${server.url}/ansokningar`);
  assert.match(await main().innerText(), /Introduktion pågår/);
  await assertAccessible(page, 'ansokningar');
});
