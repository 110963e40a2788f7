// signals.test.mjs — in headless Chromium, seed 004's path from a worried case worker to a
// warning: a case worker of the demo municipality reports a signal about a treatment home,
// the coordinator goes through it in the coordinators' meeting and confirms a contract
// deviation, and the strategist registers the warning that the deputy director decided, which
// then shows on the agreement. Every page on the way is checked with axe-core.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/harness.mjs';
import { openBrowser, assertAccessible as checkPage, clickAndWait as clickOn, logIn } from '../lib/browser.mjs';

const PASSWORD = 'sjobacka-demo-2026';
const PROVIDER = 'Tallhagens behandlingshem AB';
const DESCRIPTION = 'Klient T-4 fick vänta två veckor på sin genomförandeplan; personalen visste inte vem som var kontaktperson.';

let server, browser, page;

const assertAccessible = (name) => checkPage(page, name.replaceAll(' ', '-'));
const clickAndWait = (locator) => clickOn(page, locator);
const logOut = async () => clickAndWait(page.getByRole('button', { name: 'Logga ut' }));
// Chooses the option of a select whose text contains `text`.
async function choose(select, text) {
  const value = await select.locator('option', { hasText: text }).first().getAttribute('value');
  await select.selectOption(value);
}

before(async () => {
  server = await startServer({ demo: true });
  ({ browser, page } = await openBrowser());
});

after(async () => {
  await browser?.close();
  if (server) assert.equal((await server.stop()).code, 0);
});

test('a reported signal goes through the coordinators\' meeting to a warning on the agreement', async () => {
  // the case worker reports
  await logIn(page, server.url, 'handlaggare@sjobacka.example', PASSWORD);
  await page.goto(`${server.url}/signaler`);
  await assertAccessible('signals as a case worker');
  await clickAndWait(page.getByRole('link', { name: 'Rapportera signal' }));
  await assertAccessible('signal form choosing the provider');
  await choose(page.getByLabel('Vilken utförare gäller signalen?'), PROVIDER);
  await clickAndWait(page.getByRole('button', { name: 'Fortsätt' }));
  await assertAccessible('signal form');
  await page.getByLabel('Enhet').selectOption({ label: 'HVB Tallhagen' });
  await page.getByLabel('Avtal').selectOption({ index: 1 });
  await page.getByLabel('Källa').selectOption('case_worker');
  await page.getByLabel('Kategori').selectOption({ label: 'Genomförandeplan kom sent' });
  // a personnummer is refused, and what was typed stays
  await page.getByLabel('Beskrivning').fill('Gäller 19121212-1212.');
  await clickAndWait(page.getByRole('button', { name: 'Rapportera' }));
  await assert.doesNotReject(page.getByRole('alert').getByText(/personnummer/).waitFor());
  await assertAccessible('signal form with errors');
  await page.getByLabel('Beskrivning').fill(DESCRIPTION);
  await clickAndWait(page.getByRole('button', { name: 'Rapportera' }));
  await assert.doesNotReject(page.getByRole('heading', { name: /Genomförandeplan kom sent/ }).waitFor());
  await assertAccessible('signal');
  const signalUrl = page.url().replace(/\?.*/, '');
  await logOut();

  // the coordinator goes through it in the meeting
  await logIn(page, server.url, 'samordnare@sjobacka.example', PASSWORD);
  await page.goto(`${server.url}/samordnarmoten`);
  await assertAccessible('coordinators meeting queue');
  const item = page.getByRole('group', { name: new RegExp(`${PROVIDER}: Genomförandeplan kom sent`) });
  await assert.doesNotReject(item.getByText(/rapporterad av Hanna Handläggare/).waitFor());
  await item.getByLabel('Utfall').selectOption({ label: 'Avtalsavvikelse konstaterad' });
  await item.getByLabel('Kommentar').fill('Tredje gången i år; strategen tar upp det med utföraren.');
  await clickAndWait(page.getByRole('button', { name: 'Registrera mötet' }));
  await assert.doesNotReject(page.getByRole('heading', { name: /^Samordnarmöte \d{4}-\d{2}-\d{2}$/ }).waitFor());
  await assertAccessible('coordinators meeting');
  await assert.doesNotReject(page.getByRole('cell', { name: 'Avtalsavvikelse konstaterad' }).first().waitFor());
  await page.goto(signalUrl);
  await assert.doesNotReject(page.getByText(/Avtalsavvikelse konstaterad \(samordnarmöte/).waitFor());
  await logOut();

  // the strategist registers the deputy director's warning on the agreement
  await logIn(page, server.url, 'strateg@sjobacka.example', PASSWORD);
  await page.goto(signalUrl);
  await clickAndWait(page.getByRole('link', { name: /^SN-/ }));
  const agreementUrl = page.url();
  await clickAndWait(page.getByRole('link', { name: 'Registrera sanktion' }));
  await assertAccessible('sanction form');
  await page.getByLabel('Sanktion').selectOption({ label: 'Varning' });
  // the strategist may not decide a warning: the delegation order says so
  await choose(page.getByLabel('Beslutsfattare'), 'Sara Strateg');
  await page.getByLabel('Skäl för beslutet').fill('Upprepade avvikelser från avtalets krav på genomförandeplan.');
  await clickAndWait(page.getByRole('button', { name: 'Registrera sanktionen' }));
  await assert.doesNotReject(page.getByRole('alert').getByText(/biträdande socialdirektör/).waitFor());
  await choose(page.getByLabel('Beslutsfattare'), 'Britt Biträdande');
  await clickAndWait(page.getByRole('button', { name: 'Registrera sanktionen' }));
  assert.equal(page.url().replace(/\?.*/, ''), agreementUrl.replace(/\?.*/, ''));
  await assert.doesNotReject(page.getByText(/Varning/).first().waitFor());
  await assert.doesNotReject(page.getByText(/Britt Biträdande/).first().waitFor());
  await assertAccessible('agreement with a warning');

  // the overview and the settings page pass too
  await page.goto(`${server.url}/oversikt`);
  await assertAccessible('overview with candidates');
  await logOut();
  await logIn(page, server.url, 'admin@sjobacka.example', PASSWORD);
  await page.goto(`${server.url}/installningar`);
  await assertAccessible('settings');
  await logOut();
});

test('a provider sees its own reviewed signals and not who reported them', async () => {
  await logIn(page, server.url, 'utforare@bjorkhagen.example', PASSWORD);
  await page.goto(`${server.url}/signaler`);
  await assertAccessible('signals as a provider');
  await assert.doesNotReject(page.getByRole('cell', { name: 'Genomförandeplan kom sent' }).waitFor());
  assert.equal(await page.getByText('Rapporterad av').count(), 0);
  assert.equal(await page.getByText('Tallhagens').count(), 0, 'not another organisation\'s');
  await logOut();
});

test('the strategist opens an event-driven follow-up from a serious signal and plans it', async () => {
  await logIn(page, server.url, 'strateg@sjobacka.example', PASSWORD);
  await page.goto(`${server.url}/signaler?category=maltreatment_allegation`);
  await clickAndWait(page.getByRole('link', { name: /^\d{4}-\d{2}-\d{2}$/ }).first());
  await clickAndWait(page.getByRole('link', { name: 'Inled händelsestyrd uppföljning' }));
  await assertAccessible('investigation form');
  // without a reason it comes back with the error named
  await clickAndWait(page.getByRole('button', { name: 'Inled uppföljningen' }));
  await assert.doesNotReject(page.getByRole('alert').waitFor());
  await assertAccessible('investigation form with errors');
  await page.getByLabel('Anledning').fill('En anhörig uppger att en placerad person hotats av personal.');
  await page.getByLabel('Kommunikationsplan').fill('Föreståndaren informeras skriftligt; socialsekreterarna vid nästa möte.');
  await choose(page.getByLabel('Ansvarig för uppföljningen'), 'Sara Strateg');
  await page.getByLabel('Fokusområde').fill('Bemötande och trygghet för de placerade');
  await choose(page.getByLabel('Ansvarig för området'), 'Julia Jurist');
  await page.getByLabel('Klart senast').fill('2031-01-31');
  await clickAndWait(page.getByRole('button', { name: 'Inled uppföljningen' }));
  await assert.doesNotReject(page.getByRole('heading', { name: /^Händelsestyrd uppföljning: / }).waitFor());
  await assert.doesNotReject(page.getByRole('cell', { name: 'Bemötande och trygghet för de placerade' }).waitFor());
  await assertAccessible('investigation');
  await page.goto(`${server.url}/utredningar`);
  await assertAccessible('investigations');
  await logOut();
});
