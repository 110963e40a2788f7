// agreement_report.test.mjs — the follow-up report of one agreement in a browser: the strategist
// of the demo's family-support agreement opens its report for 2017 from the agreement's page,
// writes the administration's views (a stale second tab is told so and keeps its text), reads
// the earlier versions, downloads the PDF, whose text says what was written, and begins a survey
// to the ordering unit about the agreement; every page checked with axe-core.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { startServer } from '../lib/harness.mjs';
import { sql } from '../lib/sql.mjs';
import { openBrowser, assertAccessible, clickAndWait, logIn } from '../lib/browser.mjs';

const PASSWORD = 'sjobacka-demo-2026';
const TITLE = 'Uppföljning av avtal med Stödteamet Öppenvård AB om stödinsatser för barn, ungdomar och familjer verksamhetsåret 2017';
let server, browser, page, id;

before(async () => {
  server = await startServer({ demo: true });
  id = Number(sql(server.db, "SELECT id FROM agreement WHERE case_ref = 'SN 2015/0291'"));
  ({ browser, page } = await openBrowser());
  await logIn(page, server.url, 'strateg2@sjobacka.example', PASSWORD);
});
after(async () => {
  await browser?.close();
  if (server) assert.equal((await server.stop()).code, 0);
});

test('the strategist opens the agreement\'s report for 2017 from its page, writes the views and downloads it', async () => {
  await page.goto(`${server.url}/avtal/${id}`);
  await assertAccessible(page, 'avtal-med-rapport');
  const section = page.getByRole('region', { name: 'Uppföljningsrapport till nämnden' });
  await section.getByLabel('Verksamhetsår', { exact: true }).selectOption('2017');
  await clickAndWait(page, section.getByRole('button', { name: 'Öppna rapporten' }));
  assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), TITLE);
  assert.equal(new URL(page.url()).search, '?ar=2017');
  assert.equal(await page.getByLabel('Diarienummer').inputValue(), 'SN 2018/0112', 'the demo\'s memo');
  await assertAccessible(page, 'avtalsrapport');

  // a second tab on the same version, for later
  const other = await page.context().newPage();
  await other.goto(page.url());

  const box = page.getByLabel('Text: Förvaltningens synpunkter');
  assert.match(await box.inputValue(), /tillhandahåller de redovisade mervärdena/);
  await box.fill('Förvaltningen bedömer att Stödteamet uppfyller avtalet och de utlovade mervärdena.');
  await clickAndWait(page, page.getByRole('button', { name: 'Spara Förvaltningens synpunkter' }));
  await assert.doesNotReject(page.getByRole('status').getByText('Ändringen är sparad.').waitFor());
  assert.equal(new URL(page.url()).searchParams.get('ar'), '2017', 'still the report of 2017');

  // the other tab's form was based on version 1: refused, its text kept, the error named
  await other.getByLabel('Text: Förvaltningens synpunkter').fill('En ändring från den andra fliken.');
  await clickAndWait(other, other.getByRole('button', { name: 'Spara Förvaltningens synpunkter' }));
  await assert.doesNotReject(other.getByRole('alert').getByText(/Texten har ändrats av Sven Utvecklingsstrateg/).waitFor());
  assert.equal(await other.getByLabel('Text: Förvaltningens synpunkter').inputValue(), 'En ändring från den andra fliken.');
  await assertAccessible(other, 'avtalsrapport-inaktuell');
  await other.close();

  await clickAndWait(page, page.getByRole('region', { name: 'Förvaltningens synpunkter' }).getByRole('link', { name: 'Tidigare versioner' }));
  await assert.doesNotReject(page.getByRole('heading', { name: 'Version 2' }).waitFor());
  await assert.doesNotReject(page.getByRole('heading', { name: 'Version 1' }).waitFor());
  await assertAccessible(page, 'avtalsrapport-versioner');
  await clickAndWait(page, page.getByRole('link', { name: /Tillbaka till rapporten för 2017/ }));

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Ladda ned som PDF' }).click()]);
  assert.equal(download.suggestedFilename(), 'avtalsuppfoljning-SN-2015-0291-2017.pdf');
  const pdf = join(server.dir, 'avtalsrapport.pdf');
  await download.saveAs(pdf);
  const text = execFileSync('pdftotext', [pdf, '-']).toString().replace(/\s+/g, ' ');
  assert.match(text, /Förvaltningen bedömer att Stödteamet uppfyller avtalet och de utlovade mervärdena\./);
  assert.match(text, /Under 2017 har utföraren tilldelats 29 uppdrag och avslutat 27\./);

  // another year from the report's own chooser
  await page.getByLabel('Verksamhetsår', { exact: true }).selectOption('2018');
  await clickAndWait(page, page.getByRole('button', { name: 'Visa' }));
  assert.match(await page.getByRole('heading', { level: 1 }).innerText(), /verksamhetsåret 2018$/);

  // the reports begun are listed
  await clickAndWait(page, page.getByRole('link', { name: 'Rapporter', exact: true }));
  await assertAccessible(page, 'rapporter-med-avtal');
  await clickAndWait(page, page.getByRole('link', { name: /SN 2015\/0291 Stödinsatser/ }));
  assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), TITLE);
});

test('a survey to the ordering unit begun from the agreement\'s page is about the agreement', async () => {
  await page.goto(`${server.url}/avtal/${id}`);
  await clickAndWait(page, page.getByRole('link', { name: 'Ny enkät till beställande enhet om avtalet' }));
  await assertAccessible(page, 'enkat-om-avtal');
  assert.equal(await page.getByLabel('Beställarens utvärdering av insatsen').isChecked(), true);
  await page.getByLabel('Rubrik').fill('Beställarens utvärdering 2019');
  await clickAndWait(page, page.getByRole('button', { name: 'Skapa enkäten' }));
  await assert.doesNotReject(page.getByRole('link', { name: /SN 2015\/0291 Stödinsatser för barn/ }).waitFor());
  await assertAccessible(page, 'enkat-med-avtal');
});
