// reports.test.mjs — the annual report in a browser: from the menu to this year's report, the
// memo and a text section written and saved (with its error on a personnummer), the earlier
// versions, and the three downloads (PDF, ODT, DOCX), whose files say what was written; every
// page checked with axe-core.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { startServer } from '../lib/harness.mjs';
import { openBrowser, assertAccessible, clickAndWait, logIn } from '../lib/browser.mjs';

const PASSWORD = 'sjobacka-demo-2026';
const YEAR = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' }).slice(0, 4);
let server, browser, page;

before(async () => {
  server = await startServer({ demo: true });
  ({ browser, page } = await openBrowser());
  await logIn(page, server.url, 'strateg@sjobacka.example', PASSWORD);
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

// Clicks a download link and keeps the file; returns its path.
async function downloadFrom(link, name) {
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  const path = join(server.dir, name);
  await download.saveAs(path);
  assert.equal(download.suggestedFilename(), `arsrapport-${YEAR}.${name.split('.').pop()}`);
  return path;
}

test('the strategist writes a section of this year\'s annual report and downloads it as PDF, ODT and DOCX', async () => {
  await clickAndWait(page, page.getByRole('link', { name: 'Rapporter', exact: true }));
  await assertAccessible(page, 'rapporter');
  await clickAndWait(page, page.getByRole('link', { name: `Kontroll och uppföljning av privata utförare ${YEAR}` }));
  await assertAccessible(page, 'rapport');

  // a personnummer is refused, named, and the text stays in the box
  const box = page.getByLabel('Text: Händelsestyrd uppföljning');
  await box.fill('Klienten 19121212-1212 flyttades.');
  await clickAndWait(page, page.getByRole('button', { name: 'Spara Händelsestyrd uppföljning' }));
  await assert.doesNotReject(page.getByRole('alert').getByText(/personnummer/).waitFor());
  assert.equal(await page.getByLabel('Text: Händelsestyrd uppföljning').inputValue(), 'Klienten 19121212-1212 flyttades.');
  await assertAccessible(page, 'rapport-fel');

  await page.getByLabel('Text: Händelsestyrd uppföljning').fill('Båda de händelsestyrda uppföljningarna pågår vid årets slut.');
  await clickAndWait(page, page.getByRole('button', { name: 'Spara Händelsestyrd uppföljning' }));
  await assert.doesNotReject(page.getByRole('status').getByText('Ändringen är sparad.').waitFor());
  await page.getByLabel('Diarienummer').fill(`SN ${YEAR}/0999`);
  await clickAndWait(page, page.getByRole('button', { name: 'Spara tjänsteskrivelsen' }));
  assert.equal(await page.getByLabel('Diarienummer').inputValue(), `SN ${YEAR}/0999`);

  // a second version, and both in the list of versions
  await page.getByLabel('Text: Händelsestyrd uppföljning').fill('Båda de händelsestyrda uppföljningarna pågick vid årets slut.');
  await clickAndWait(page, page.getByRole('button', { name: 'Spara Händelsestyrd uppföljning' }));
  await clickAndWait(page, page.getByRole('region', { name: 'Händelsestyrd uppföljning' }).getByRole('link', { name: 'Tidigare versioner' }));
  await assert.doesNotReject(page.getByRole('heading', { name: 'Version 2' }).waitFor());
  await assert.doesNotReject(page.getByRole('heading', { name: 'Version 1' }).waitFor());
  await assertAccessible(page, 'rapport-versioner');
  await clickAndWait(page, page.getByRole('link', { name: /Tillbaka till rapporten/ }));

  // the three downloads, with what was written
  const pdf = await downloadFrom(page.getByRole('link', { name: 'Ladda ned som PDF' }), 'rapport.pdf');
  const text = execFileSync('pdftotext', [pdf, '-']).toString();
  assert.match(text, /Båda de händelsestyrda uppföljningarna pågick vid årets slut\./);
  assert.match(text, new RegExp(`SN ${YEAR}/0999`));
  const odt = await downloadFrom(page.getByRole('link', { name: 'Ladda ned för redigering (ODT)' }), 'rapport.odt');
  const content = execFileSync('python3', ['-c',
    'import sys, zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read("content.xml").decode())', odt]).toString();
  assert.match(content, /Båda de händelsestyrda uppföljningarna pågick vid årets slut\./);
  assert.match(content, /<text:h text:style-name="Heading_20_1" text:outline-level="1">(<[^>]+>)*Bedömning och slutsatser/);
  const docx = await downloadFrom(page.getByRole('link', { name: 'Ladda ned för Word (DOCX)' }), 'rapport.docx');
  const document = execFileSync('python3', ['-c',
    'import sys, zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read("word/document.xml").decode())', docx]).toString();
  assert.match(document, /Båda de händelsestyrda uppföljningarna pågick vid årets slut\./);
  assert.match(document, new RegExp(`SN ${YEAR}/0999`));
  assert.match(document, /<w:pStyle w:val="Heading1"\/><\/w:pPr>(<[^>]+>)*Bedömning och slutsatser/);
});
