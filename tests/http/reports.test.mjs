// reports.test.mjs — the committee's annual report on control and follow-up (seed 004) made from
// the demo municipality's year: `insyn report annual` as PDF, read back with pdftotext and its
// pages drawn with pdftoppm, and as ODT, its XML read back; every section with its figures
// from the database; bad input gives a message and no file.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, Client, BIN } from '../lib/harness.mjs';
import { stockholmDate } from './fixtures.mjs';

const YEAR = Number(stockholmDate().slice(0, 4));
let server, strategist, reader, provider;
const DEMO_PASSWORD = 'sjobacka-demo-2026';
const sql = (statement) => execFileSync('sqlite3', ['-cmd', '.timeout 10000', server.db, statement]).toString().trim();
const report = (...args) => spawnSync(BIN, ['report', 'annual', server.db, ...args], { encoding: 'utf8' });
// pdftotext writes the no-break spaces of "1 234" and "67 %" as they are; compare with spaces
const pdfText = (file) => execFileSync('pdftotext', ['-layout', file, '-']).toString().replace(/\u00a0/g, ' ');
// A sentence as a pattern that lets any line break fall between its words.
const sentence = (s) => new RegExp(s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+'));

// The ODT's parts as Python's zipfile and XML parser read them: the member names in order,
// whether the mimetype is stored, and the text of each heading, paragraph and table cell.
function readOdt(file) {
  const script = `
import json, sys, zipfile, xml.etree.ElementTree as ET
z = zipfile.ZipFile(sys.argv[1])
T = '{urn:oasis:names:tc:opendocument:xmlns:text:1.0}'
TB = '{urn:oasis:names:tc:opendocument:xmlns:table:1.0}'
root = ET.fromstring(z.read('content.xml'))
def text(e): return ''.join(e.itertext())
for n in ('styles.xml', 'meta.xml', 'META-INF/manifest.xml'): ET.fromstring(z.read(n))
print(json.dumps({
  'members': [i.filename for i in z.infolist()],
  'mimetype_stored': z.infolist()[0].compress_type == 0,
  'mimetype': z.read('mimetype').decode(),
  'headings': [[int(h.get(T + 'outline-level')), text(h)] for h in root.iter(T + 'h')],
  'paragraphs': [text(p) for p in root.iter(T + 'p')],
  'tables': [[[text(c) for c in r.iter(TB + 'table-cell')] for r in t.iter(TB + 'table-row')] for t in root.iter(TB + 'table')],
}))`;
  return JSON.parse(execFileSync('python3', ['-c', script, file]).toString());
}

before(async () => {
  server = await startServer({ demo: true });
  const login = async (email) => {
    const c = new Client(server.url);
    assert.equal((await c.login(email, DEMO_PASSWORD)).status, 303, email);
    return c;
  };
  [strategist, reader, provider] = await Promise.all(
    ['strateg@sjobacka.example', 'lasare@sjobacka.example', 'utforare@bjorkhagen.example'].map(login));
});

// A download as the browser gets it: status, headers and the bytes, kept in a file.
async function download(client, path, file) {
  const res = await fetch(server.url + path, { headers: { Cookie: client.cookieHeader() }, redirect: 'manual' });
  const bytes = Buffer.from(await res.arrayBuffer());
  if (file) writeFileSync(file, bytes);
  return { status: res.status, headers: res.headers, bytes };
}
after(async () => {
  assert.equal((await server.stop()).code, 0);
});

const SECTIONS = ['Bakgrund', 'Löpande uppföljning', 'Signaler och samordnarmöten', 'Kreditupplysningar och skattekontroller',
  'Händelsestyrd uppföljning', 'Sanktioner', 'Avtal som har upphört i förtid', 'Särskild uppföljning', 'Översiktlig uppföljning',
  'Kontroller hos IVO', 'Ekonomiska kontroller', 'Enkät till socialsekreterare', 'Enkät till leverantör', 'Fördjupad uppföljning',
  'Fördjupad uppföljning av Björkhagens behandlingshem AB', 'Bedömning och slutsatser'];

// The year's figures as the database has them.
function figures() {
  const between = `BETWEEN '${YEAR}-01-01' AND '${YEAR}-12-31'`;
  return {
    signals: Number(sql(`SELECT count(*) FROM signal WHERE occurred_on ${between}`)),
    serious: Number(sql(`SELECT count(*) FROM signal WHERE serious = 1 AND occurred_on ${between}`)),
    meetings: Number(sql(`SELECT count(*) FROM coordinator_meeting WHERE held_on ${between}`)),
    credit: Number(sql(`SELECT count(*) FROM external_check WHERE kind = 'credit' AND checked_on ${between}`)),
    lowCredit: Number(sql(`SELECT count(*) FROM external_check WHERE kind = 'credit' AND passed = 0 AND checked_on ${between}`)),
    sample: Number(sql(`SELECT count(*) FROM control_plan_unit u JOIN control_plan p ON p.id = u.plan_id WHERE p.year = ${YEAR}`)),
    caseWorkers: sql(`SELECT count(*) || '|' || sum(answered) FROM survey_recipient r JOIN survey s ON s.id = r.survey_id WHERE s.audience = 'case_workers'`).split('|').map(Number),
  };
}

test('the annual report as PDF: the memo, the contents and every section with the year\'s figures', () => {
  const file = join(server.dir, 'arsrapport.pdf');
  const r = report('--year', String(YEAR), '--format', 'pdf', '--out', file);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, new RegExp(`Årsrapporten för ${YEAR} är skriven till`));
  const info = execFileSync('pdfinfo', [file]).toString();
  assert.match(info, new RegExp(`Title: +Kontroll och uppföljning av privata utförare ${YEAR}`));
  const pages = Number(info.match(/Pages: +(\d+)/)[1]);
  assert.ok(pages >= 5, `${pages} pages`);
  const text = pdfText(file);
  // the memo
  assert.match(text, /Tjänsteskrivelse till socialnämnden/);
  assert.match(text, /Diarienummer/);
  assert.match(text, sentence('Förslag till beslut Socialnämnden beslutar 1. att lägga rapporten till handlingarna'));
  assert.match(text, sentence(`Bilaga 1. Rapport om kontroll och uppföljning av privata utförare ${YEAR}`));
  // the report: its contents list every section with a page number, and every section is there
  const contents = text.slice(text.indexOf('Innehåll'), text.indexOf('Innehåll') + 3000);
  for (const h of ['Bakgrund', 'Löpande uppföljning', 'Händelsestyrd uppföljning', 'Särskild uppföljning', 'Bedömning och slutsatser'])
    assert.match(contents, new RegExp(`${h}\\s*\\.*\\s+\\d+`), `the contents list ${h}`);
  for (const h of SECTIONS) assert.ok(text.includes(h), `the report has ${h}`);
  assert.match(text, new RegExp(`Sida 1 av ${pages}`));
  assert.match(text, new RegExp(`Sida ${pages} av ${pages}`));
  // its figures are the database's
  const f = figures();
  assert.ok(f.signals > 0 && f.meetings > 0 && f.sample > 0, JSON.stringify(f));
  assert.match(text, sentence(`Under ${YEAR} registrerades ${f.signals} signaler om privata utförare, varav ${f.serious}`));
  assert.match(text, sentence(`höll ${f.meetings} samordnarmöten`));
  assert.match(text, sentence(`Under året togs ${f.credit} kreditupplysningar, varav ${f.lowCredit} låg under gränsvärdet`));
  assert.match(text, sentence(`Urvalet omfattar ${f.sample} enheter`));
  const [asked, answered] = f.caseWorkers;
  assert.match(text, sentence(`skickades till ${asked} mottagare, och ${answered} svarade (${Math.round(100 * answered / asked)} %)`));
  assert.match(text, /Figur 1\. Signaler per kategori/);
  assert.match(text, /Figur 2\. Signaler per månad/);
  assert.match(text, /Figur 3\. Placeringar per enhet i urvalet/);
  assert.match(text, /Figur 4\. Svarsfrekvens per enkät/);
  assert.match(text, /Kreditupplysning\s+\d{4}-\d\d-\d\d\s+Creditsafe \d+/);
  assert.match(text, /Tillsynsbeslut \d{4}-\d\d-\d\d, IVO/);

  // every page drawn as a picture, none blank
  const out = join(server.dir, 'sida');
  execFileSync('pdftoppm', ['-r', '40', '-png', file, out]);
  const pngs = readdirSync(server.dir).filter((n) => n.startsWith('sida') && n.endsWith('.png'));
  assert.equal(pngs.length, pages);
  for (const p of pngs) assert.ok(statSync(join(server.dir, p)).size > 3000, `${p} has something drawn`);
});

test('the annual report as ODT: a zip whose XML has the same headings, tables and figures', () => {
  const file = join(server.dir, 'arsrapport.odt');
  const r = report('--year', String(YEAR), '--format', 'odt', '--out', file);
  assert.equal(r.status, 0, r.stderr);
  const odt = readOdt(file);
  assert.equal(odt.members[0], 'mimetype');
  assert.equal(odt.mimetype_stored, true);
  assert.equal(odt.mimetype, 'application/vnd.oasis.opendocument.text');
  assert.ok(odt.members.includes('Pictures/figur1.png') && odt.members.includes('Pictures/figur4.png'), odt.members.join(' '));
  const headings = odt.headings.map(([, t]) => t);
  for (const h of SECTIONS) assert.ok(headings.includes(h), `the ODT has the heading ${h}`);
  assert.deepEqual(odt.headings.find(([, t]) => t === 'Löpande uppföljning'), [1, 'Löpande uppföljning']);
  assert.deepEqual(odt.headings.find(([, t]) => t === 'Kontroller hos IVO'), [3, 'Kontroller hos IVO']);
  const paragraphs = odt.paragraphs.join('\n').replace(/\u00a0/g, ' ');
  const f = figures();
  assert.match(paragraphs, new RegExp(`Under ${YEAR} registrerades ${f.signals} signaler`));
  assert.match(paragraphs, /Figur 3\. Placeringar per enhet i urvalet/);
  // the sample's table: a header and one row per unit
  const sample = odt.tables.find((t) => t[0].join('|') === 'Utförare|Enhet|Placeringar|Skäl');
  assert.ok(sample, 'the sample is a table');
  assert.equal(sample.length - 1, f.sample);
  assert.ok(sample.slice(1).every((row) => /placeringar inledda/.test(row[3])));
  // the table of contents lists the report's headings
  assert.ok(odt.paragraphs.includes('Innehåll'));
});

test('bad input gives a clear message and no file', () => {
  const file = join(server.dir, 'ingen.pdf');
  const none = report('--year', '2019', '--format', 'pdf', '--out', file);
  assert.equal(none.status, 1);
  assert.match(none.stderr, /Det finns inga uppgifter om kontroll och uppföljning för 2019/);
  assert.equal(existsSync(file), false);
  assert.equal(existsSync(`${file}.tmp`), false);
  for (const [args, message] of [
    [['--year', 'tjugo', '--format', 'pdf', '--out', file], /--year ska vara ett årtal/],
    [['--year', String(YEAR), '--format', 'docx', '--out', file], /--format ska vara pdf eller odt/],
    [['--year', String(YEAR), '--format', 'pdf'], /--out ska ange filen/],
  ]) {
    const r = report(...args);
    assert.equal(r.status, 1, args.join(' '));
    assert.match(r.stderr, message);
    assert.equal(existsSync(file), false);
  }
  // a directory that does not exist: a system error naming the file, nothing left behind
  const nowhere = report('--year', String(YEAR), '--format', 'pdf', '--out', join(server.dir, 'saknas', 'r.pdf'));
  assert.equal(nowhere.status, 2);
  assert.match(nowhere.stderr, /kunde inte skrivas/);
});

test('the officer writes the memo and the texts in the app; each save a version, a stale form refused; the download has them', async () => {
  const page = `/rapporter/ar/${YEAR}`;
  assert.equal((await strategist.get('/rapporter')).status, 200);
  const view = await strategist.get(page);
  assert.equal(view.status, 200);
  assert.match(view.text, /Spara Bedömning och slutsatser/);
  assert.match(view.text, /Version 1, Sara Strateg/, 'the demo\'s texts with their author');
  // the memo
  const memo = await strategist.post(`${page}/tjansteskrivelse`, {
    committee: 'Socialnämnden', case_ref: `SN ${YEAR}/0387`, officer: 'Sara Strateg', memo_date: `${YEAR}-01-01`, proposed_decision: '',
  });
  assert.equal(memo.status, 303, memo.text);
  const badMemo = await strategist.post(`${page}/tjansteskrivelse`, { memo_date: '2026-13-01', officer: 'Klient 19121212-1212' });
  assert.equal(badMemo.status, 422);
  assert.match(badMemo.text, /Handläggare innehåller något som ser ut som ett personnummer/);
  // a text, its second version, and a form based on the first: refused, the text kept
  // (the demo has written the summary, the continuous follow-up and the assessment already)
  const first = await strategist.post(`${page}/text`, { section: 'event_driven', base_version: '0', body: 'Leverantörerna i urvalet följer avtalet.\n\nEtt andra stycke.' });
  assert.equal(first.status, 303, first.text);
  const second = await strategist.post(`${page}/text`, { section: 'event_driven', base_version: '1', body: 'Leverantörerna i urvalet följer avtalet på de punkter som granskats.' });
  assert.equal(second.status, 303);
  const stale = await strategist.post(`${page}/text`, { section: 'event_driven', base_version: '1', body: 'En ändring från en gammal flik.' });
  assert.equal(stale.status, 409);
  assert.match(stale.text, /Texten har ändrats av Sara Strateg sedan du började skriva/);
  assert.match(stale.text, /En ändring från en gammal flik\./, 'what was written is not lost');
  const pnr = await strategist.post(`${page}/text`, { section: 'planned', base_version: '0', body: 'Klienten 19121212-1212.' });
  assert.equal(pnr.status, 422);
  assert.match(pnr.text, /personnummer/);
  assert.equal(sql("SELECT count(*) FROM report_section WHERE section = 'planned'"), '0');
  assert.equal(sql("SELECT group_concat(version, ',') FROM report_section WHERE section = 'event_driven'"), '1,2');
  // the versions, each kept
  const versions = await reader.get(`${page}/versioner?avsnitt=event_driven`);
  assert.equal(versions.status, 200);
  assert.match(versions.text, /Version 2[\s\S]*på de punkter som granskats[\s\S]*Version 1[\s\S]*Ett andra stycke/);
  // audited
  assert.match(sql(`SELECT group_concat(action, ',') FROM (SELECT action FROM audit WHERE entity = 'report'
    AND entity_id = (SELECT id FROM report WHERE kind = 'annual' AND year = ${YEAR}) ORDER BY id)`), /update_memo,save_text,save_text$/);
  // who may: a reader reads and downloads, writes nothing; a provider sees none of it
  assert.equal((await reader.get(page)).status, 200);
  assert.doesNotMatch((await reader.get(page)).text, /Spara Bedömning/);
  assert.equal((await reader.post(`${page}/text`, { section: 'event_driven', base_version: '2', body: 'x' })).status, 403);
  assert.equal((await provider.get(page)).status, 403);
  assert.equal((await download(provider, `${page}/pdf`)).status, 403);

  // the downloads carry the memo and the text as saved
  const pdf = join(server.dir, 'nedladdad.pdf');
  const got = await download(reader, `${page}/pdf`, pdf);
  assert.equal(got.status, 200);
  assert.equal(got.headers.get('content-type'), 'application/pdf');
  assert.match(got.headers.get('content-disposition'), new RegExp(`attachment; filename="arsrapport-${YEAR}.pdf"`));
  assert.match(got.headers.get('server-timing'), /^report;dur=\d+$/);
  const text = pdfText(pdf);
  assert.match(text, new RegExp(`Diarienummer\\s+SN ${YEAR}/0387`));
  assert.match(text, /Handläggare\s+Sara Strateg/);
  assert.match(text, sentence('Leverantörerna i urvalet följer avtalet på de punkter som granskats.'));
  assert.doesNotMatch(text, /Ett andra stycke/, 'the latest version only');
  assert.match(text, sentence('Den sammantagna bedömningen är att leverantörerna som granskats'), 'the demo\'s assessment');
  assert.match(text, /Sammanställd ur insyn \d{4}-\d\d-\d\d kl\. \d\d\.\d\d/);
  const odt = join(server.dir, 'nedladdad.odt');
  const gotOdt = await download(strategist, `${page}/odt`, odt);
  assert.equal(gotOdt.status, 200);
  assert.equal(gotOdt.headers.get('content-type'), 'application/vnd.oasis.opendocument.text');
  assert.ok(readOdt(odt).paragraphs.includes('Leverantörerna i urvalet följer avtalet på de punkter som granskats.'));
  // a year without data: a message, no file
  const none = await download(reader, '/rapporter/ar/2019/pdf');
  assert.equal(none.status, 404);
  assert.match(none.headers.get('content-type'), /text\/html/);
  assert.match(none.bytes.toString(), /Det finns inga uppgifter om kontroll och uppföljning för 2019/);
});
