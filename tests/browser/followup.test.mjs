// followup.test.mjs — in headless Chromium, a strategist of the demo municipality records a
// follow-up of an agreement with its checklist of requirements and value-adds, is told what
// the draft still lacks before it can be signed, completes it, signs it and finds it in the
// agreement's list of follow-ups and in the follow-up's history. Every page on the way is
// checked with axe-core against WCAG 2.0/2.1 A and AA.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, cli, bearer } from '../lib/harness.mjs';
import { openBrowser, assertAccessible as checkPage, clickAndWait as clickOn, logIn } from '../lib/browser.mjs';

const STRATEGIST = 'strateg@sjobacka.example';

let server, browser, page, agreement;

const assertAccessible = (name) => checkPage(page, name.replaceAll(' ', '-'));
const clickAndWait = (locator) => clickOn(page, locator);

before(async () => {
  let token;
  server = await startServer({
    demo: true,
    setup: (db) => {
      const r = cli(['token', 'create', db, '--email', STRATEGIST]);
      if (r.code !== 0) throw new Error(r.stderr);
      token = r.stdout.trim();
    },
  });
  const orgs = (await bearer(server.url, token, 'GET', '/api/v1/organisations?per_page=1')).json().items;
  const res = await bearer(server.url, token, 'POST', '/api/v1/agreements', {
    case_ref: 'SN 2021/0777', title: 'Kundval hemtjänst, uppföljningstest', form: 'lov', service_area: 'home_care',
    organisation_id: orgs[0].id, start: '2021-02-01', end: '2023-01-31', status: 'active',
    requirements: ['Genomförandeplan finns i varje ärende', 'Kontaktman är utsedd'], value_adds: ['Aktiviteter utomhus'],
  });
  assert.equal(res.status, 201, res.text);
  agreement = res.json();
  ({ browser, page } = await openBrowser());
});

after(async () => {
  await browser?.close();
  if (server) assert.equal((await server.stop()).code, 0);
});

test('a strategist records a follow-up with its checklist, signs it and finds it on the agreement', async () => {
  await logIn(page, server.url, STRATEGIST, 'sjobacka-demo-2026');

  await page.goto(`${server.url}/avtal/${agreement.id}`);
  await assertAccessible('agreement with follow-ups');
  const section = page.getByRole('region', { name: 'Uppföljningar' });
  await clickAndWait(section.getByRole('link', { name: /Inget protokoll för Avtalsuppföljning första året 2021-05-01/ }));
  await assertAccessible('follow-up without a record');
  await clickAndWait(page.getByRole('link', { name: 'Skriv protokoll' }));
  await assertAccessible('record form');

  // an incomplete form comes back with an error summary
  await clickAndWait(page.getByRole('button', { name: 'Spara utkast' }));
  await assert.doesNotReject(page.getByRole('alert').getByText('Datum för uppföljningen måste anges.').waitFor());
  await assertAccessible('record form with errors');

  assert.equal(await page.getByLabel('Typ av uppföljning').inputValue(), 'continuous', 'a scheduled follow-up is continuous');
  await page.getByLabel('Uppföljningsärendets diarienummer').fill('SN 2021/0778');
  await page.getByLabel('Datum för uppföljningen').fill('2021-05-04');
  await page.getByLabel('Hur uppföljningen skedde').selectOption('on_site');
  await page.getByLabel('Plats', { exact: true }).fill('Utförarens kontor');
  await page.getByLabel('Från kommunen').fill('Sara Strateg, avtalsansvarig');
  await page.getByLabel('Från utföraren').fill('Vera Verksamhetschef');
  await page.getByLabel('Bedömning av Genomförandeplan finns i varje ärende').selectOption('partly');
  await page.getByLabel('Kommentar till Genomförandeplan finns i varje ärende').fill('Saknas i två ärenden.');
  await page.getByLabel('Bedömning av Kontaktman är utsedd').selectOption('fulfilled');
  await page.getByLabel('Bedömning av Aktiviteter utomhus').selectOption('not_checked');
  await page.getByLabel('Utförarens svar').fill('Planerna blir klara i juni.');
  await page.getByLabel('Åtgärd 1', { exact: true }).fill('Upprätta genomförandeplaner');
  await page.getByLabel('Senast (åtgärd 1)').fill('2021-06-30');
  await page.getByLabel('Ansvarig (åtgärd 1)').fill('Vera Verksamhetschef');
  await clickAndWait(page.getByRole('button', { name: 'Spara utkast' }));
  await assert.doesNotReject(page.getByRole('heading', { name: 'Protokoll, version 1 (Utkast)' }).waitFor());
  await assertAccessible('draft record');

  // the draft has no overall assessment: the page says so by the sign button, and signing is refused
  const missing = page.getByRole('link', { name: 'Helhetsbedömning måste anges innan protokollet kan signeras.' });
  await assert.doesNotReject(missing.waitFor());
  await page.getByLabel(/Jag har granskat protokollet/).check();
  await clickAndWait(page.getByRole('button', { name: 'Signera protokollet' }));
  await assert.doesNotReject(page.getByRole('alert').getByText('Protokollet kunde inte signeras').waitFor());
  await assertAccessible('record refused signing');
  await clickAndWait(page.getByRole('alert').getByRole('link', { name: /Helhetsbedömning måste anges/ }));
  await page.getByLabel(/^Helhetsbedömning/).fill('Utföraren uppfyller avtalet i huvudsak. Genomförandeplanerna ska vara klara i juni.');
  await clickAndWait(page.getByRole('button', { name: 'Spara utkast' }));
  await assert.doesNotReject(page.getByRole('region', { name: /Protokoll, version 1/ }).getByText('Genomförandeplanerna ska vara klara i juni.').waitFor());

  await page.getByLabel(/Jag har granskat protokollet/).check();
  await clickAndWait(page.getByRole('button', { name: 'Signera protokollet' }));
  await assert.doesNotReject(page.getByRole('heading', { name: 'Protokoll, version 1 (Signerat)' }).waitFor());
  const checklist = page.getByRole('row', { name: /Genomförandeplan finns i varje ärende/ });
  await assert.doesNotReject(checklist.getByText('Delvis uppfyllt').waitFor());
  const history = page.getByRole('region', { name: 'Historik' });
  await assert.doesNotReject(history.getByText('Signerat').first().waitFor());
  await assertAccessible('signed record');

  await page.goto(`${server.url}/avtal/${agreement.id}`);
  const link = page.getByRole('region', { name: 'Uppföljningar' }).getByRole('link', { name: '2021-05-04, Signerat, version 1' });
  await assert.doesNotReject(link.waitFor());
  await clickAndWait(link);
  await assert.doesNotReject(page.getByRole('link', { name: 'Gör en rättelse' }).waitFor());
});
