// reports.test.mjs — the committee's annual report on control and follow-up (seed 004) made from
// the demo municipality's year: `insyn report annual` as PDF, read back with pdftotext and its
// pages drawn with pdftoppm, and as ODT and DOCX, their XML read back; every section with its
// figures from the database; bad input gives a message and no file.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, Client, BIN } from '../lib/harness.mjs';
import { sql as sqlOn } from '../lib/sql.mjs';
import { stockholmDate } from './fixtures.mjs';
import { pdfText, sentence, readOdt, download } from '../lib/reports.mjs';

const YEAR = Number(stockholmDate().slice(0, 4));
let server, strategist, reader, provider;
const DEMO_PASSWORD = 'sjobacka-demo-2026';
const sql = (statement) => sqlOn(server.db, statement).trim();
// the values of one column, as group_concat would join them (NULLs left out)
const joined = (statement, separator) => sql(statement).split('\n').filter(Boolean).join(separator);
const report = (...args) => spawnSync(BIN, ['report', 'annual', server.db, ...args], { encoding: 'utf8' });

// The DOCX's parts as Python's zipfile and XML parser read them: the members, the content types
// declared, where the relationships lead, and the document: each paragraph with its style and
// text, the tables (with whether the first row repeats), the pictures with their alternative
// text, the fields' instructions, the page size and the footer's fields.
function readDocx(file) {
  const script = `
import json, sys, zipfile, xml.etree.ElementTree as ET
z = zipfile.ZipFile(sys.argv[1])
W = '{http://schemas.openxmlformats.org/wordprocessingml/2006/main}'
R = '{http://schemas.openxmlformats.org/officeDocument/2006/relationships}'
A = '{http://schemas.openxmlformats.org/drawingml/2006/main}'
WP = '{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}'
CT = '{http://schemas.openxmlformats.org/package/2006/content-types}'
PR = '{http://schemas.openxmlformats.org/package/2006/relationships}'
parts = {n: ET.fromstring(z.read(n)) for n in z.namelist() if n.endswith('.xml') or n.endswith('.rels')}
doc = parts['word/document.xml']
def text(e): return ''.join(t.text or '' for t in e.iter(W + 't'))
def style(p):
  s = p.find(W + 'pPr/' + W + 'pStyle')
  return s.get(W + 'val') if s is not None else ''
def rels(n): return {r.get('Id'): (r.get('Type').rsplit('/', 1)[1], r.get('Target')) for r in parts[n]}
body = doc.find(W + 'body')
doc_rels = rels('word/_rels/document.xml.rels')
print(json.dumps({
  'members': z.namelist(),
  'types': {o.get('PartName'): o.get('ContentType') for o in parts['[Content_Types].xml'].iter(CT + 'Override')},
  'defaults': {d.get('Extension'): d.get('ContentType') for d in parts['[Content_Types].xml'].iter(CT + 'Default')},
  'package': list(rels('_rels/.rels').values()),
  'rels': doc_rels,
  'paragraphs': [[style(p), text(p)] for p in body.iter(W + 'p')],
  'tables': [[[text(c) for c in r.iter(W + 'tc')] for r in t.iter(W + 'tr')] for t in body.iter(W + 'tbl')],
  'repeated': [t.find(W + 'tr/' + W + 'trPr/' + W + 'tblHeader') is not None for t in body.iter(W + 'tbl')],
  'pictures': [[doc_rels[b.get(R + 'embed')][1], d.get('descr')] for d, b in zip(body.iter(WP + 'docPr'), body.iter(A + 'blip'))],
  'fields': [i.text.strip() for i in body.iter(W + 'instrText')] + [f.get(W + 'instr').strip() for f in body.iter(W + 'fldSimple')],
  'page': {k.split('}')[1]: v for k, v in body.find(W + 'sectPr/' + W + 'pgSz').attrib.items()},
  'footer': [text(parts['word/footer1.xml'])] + [i.text.strip() for i in parts['word/footer1.xml'].iter(W + 'instrText')],
  'language': parts['word/styles.xml'].find(W + 'docDefaults//' + W + 'lang').get(W + 'val'),
  'outline': {s.get(W + 'styleId'): int(s.find(W + 'pPr/' + W + 'outlineLvl').get(W + 'val')) for s in parts['word/styles.xml'].iter(W + 'style') if s.find(W + 'pPr/' + W + 'outlineLvl') is not None},
  'title': parts['docProps/core.xml'].find('{http://purl.org/dc/elements/1.1/}title').text,
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

test('the annual report as DOCX: Word\'s parts, its headings, the sample\'s table, the figures and the year\'s figures', () => {
  const file = join(server.dir, 'arsrapport.docx');
  const r = report('--year', String(YEAR), '--format', 'docx', '--out', file);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, new RegExp(`Årsrapporten för ${YEAR} är skriven till .*\\(docx\\)`));
  const docx = readDocx(file);
  // the package: every part Word reads, declared with its content type and reached from the root
  for (const part of ['[Content_Types].xml', '_rels/.rels', 'word/document.xml', 'word/_rels/document.xml.rels',
    'word/styles.xml', 'word/numbering.xml', 'word/footer1.xml', 'docProps/core.xml', 'docProps/app.xml'])
    assert.ok(docx.members.includes(part), `the DOCX has ${part}`);
  assert.equal(docx.types['/word/document.xml'], 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml');
  assert.equal(docx.types['/word/styles.xml'], 'application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml');
  assert.equal(docx.defaults.png, 'image/png');
  assert.deepEqual(docx.package.find(([type]) => type === 'officeDocument'), ['officeDocument', 'word/document.xml']);
  for (const [, target] of Object.values(docx.rels)) assert.ok(docx.members.includes(`word/${target}`), target);
  assert.equal(docx.title, `Kontroll och uppföljning av privata utförare ${YEAR}`);
  assert.equal(docx.language, 'sv-SE');
  assert.deepEqual(docx.page, { w: '11906', h: '16838' }, 'A4');
  assert.deepEqual(docx.footer, ['Sida 1 av 1', 'PAGE', 'NUMPAGES']);
  // the headings in Word's heading styles, whose outline levels its navigation and contents use
  assert.deepEqual(docx.outline, { Heading1: 0, Heading2: 1, Heading3: 2, TOCHeading: 9 });
  const headings = docx.paragraphs.filter(([s]) => /^Heading\d$/.test(s));
  for (const h of SECTIONS) assert.ok(headings.some(([, t]) => t === h), `the DOCX has the heading ${h}`);
  assert.deepEqual(headings.find(([, t]) => t === 'Löpande uppföljning'), ['Heading1', 'Löpande uppföljning']);
  assert.deepEqual(headings.find(([, t]) => t === 'Signaler och samordnarmöten'), ['Heading2', 'Signaler och samordnarmöten']);
  assert.deepEqual(headings.find(([, t]) => t === 'Kontroller hos IVO'), ['Heading3', 'Kontroller hos IVO']);
  // the report after the memo: its title, the contents as a field listing its headings of level 1 and 2
  assert.ok(docx.paragraphs.some(([s, t]) => s === 'Title' && t === `Rapport om kontroll och uppföljning av privata utförare ${YEAR}`));
  assert.ok(docx.fields.some((f) => f.startsWith('TOC \\o "1-2" \\h')), docx.fields.join(' | '));
  assert.ok(docx.paragraphs.some(([s, t]) => s === 'TOCHeading' && t === 'Innehåll'));
  const toc = docx.paragraphs.filter(([s]) => /^TOC\d$/.test(s)).map(([s, t]) => [Number(s.slice(3)), t]);
  assert.deepEqual(toc.slice(0, 4), [[1, 'Bakgrund'], [1, 'Löpande uppföljning'], [2, 'Signaler och samordnarmöten'],
    [2, 'Kreditupplysningar och skattekontroller']]);
  assert.deepEqual(toc.at(-1), [1, 'Bedömning och slutsatser']);
  assert.ok(!toc.some(([, t]) => t === 'Förslag till beslut'), 'the memo is not in the contents');
  // the year's figures in the text
  const text = docx.paragraphs.map(([, t]) => t).join('\n').replace(/\u00a0/g, ' ');
  const f = figures();
  assert.match(text, new RegExp(`Under ${YEAR} registrerades ${f.signals} signaler om privata utförare, varav ${f.serious}`));
  assert.match(text, new RegExp(`Under året togs ${f.credit} kreditupplysningar, varav ${f.lowCredit} låg under gränsvärdet`));
  assert.match(text, new RegExp(`Urvalet omfattar ${f.sample} enheter`));
  // the signals per category and per outcome are the database's, counted the same way
  const num = (cell) => Number(cell.replace(/\u00a0/g, '')); // "1 234" with a no-break space
  const byCategory = docx.tables.find((t) => t[0].join('|') === 'Kategori|Signaler|Varav allvarliga');
  const between = `BETWEEN '${YEAR}-01-01' AND '${YEAR}-12-31'`;
  const counted = sql(`SELECT count(DISTINCT category) || '|' || count(*) || '|' || sum(serious) FROM signal WHERE occurred_on ${between}`);
  assert.equal(`${byCategory.length - 1}|${byCategory.slice(1).reduce((n, r) => n + num(r[1]), 0)}|` +
    `${byCategory.slice(1).reduce((n, r) => n + num(r[2]), 0)}`, counted);
  const late = sql(`SELECT count(*) || '|' || sum(serious) FROM signal WHERE category = 'late_implementation_plan' AND occurred_on ${between}`);
  assert.equal(byCategory.find((r) => r[0] === 'Genomförandeplan kom sent').slice(1).map(num).join('|'), late);
  const byOutcome = docx.tables.find((t) => t[0].join('|') === 'Utfall|Signaler');
  const escalated = sql(`SELECT count(*) FROM signal WHERE outcome = 'escalated' AND occurred_on ${between}`);
  assert.equal(num(byOutcome.find((r) => r[0] === 'Till händelsestyrd uppföljning')[1]), Number(escalated));
  // the sample's table: its header repeated on each page, one row per unit, the number right-aligned
  const at = docx.tables.findIndex((t) => t[0].join('|') === 'Utförare|Enhet|Placeringar|Skäl');
  assert.ok(at >= 0, 'the sample is a table');
  const sample = docx.tables[at];
  assert.equal(sample.length - 1, f.sample);
  assert.ok(sample.slice(1).every((row) => /placeringar inledda/.test(row[3]) && /^\d+$/.test(row[2])));
  assert.ok(docx.repeated.every(Boolean), 'every table repeats its header row');
  // the figures: three pictures with their captions, numbered as Word numbers its own
  assert.deepEqual(docx.pictures.map(([target]) => target), ['media/figur1.png', 'media/figur2.png', 'media/figur3.png', 'media/figur4.png']);
  assert.deepEqual(docx.pictures.map(([, alt]) => alt),
    [`Signaler per kategori ${YEAR}`, `Signaler per månad ${YEAR}`, 'Placeringar per enhet i urvalet', 'Svarsfrekvens per enkät']);
  const captions = docx.paragraphs.filter(([s]) => s === 'Caption').map(([, t]) => t);
  assert.deepEqual(captions, [`Figur 1. Signaler per kategori ${YEAR}`, `Figur 2. Signaler per månad ${YEAR}`,
    'Figur 3. Placeringar per enhet i urvalet', 'Figur 4. Svarsfrekvens per enkät']);
  assert.equal(docx.fields.filter((x) => x === 'SEQ Figur \\* ARABIC').length, 4);
  for (const n of [1, 2, 3, 4]) assert.ok(execFileSync('python3', ['-c',
    'import sys, zipfile; sys.stdout.write(str(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2])[:8] == b"\\x89PNG\\r\\n\\x1a\\n"))',
    file, `word/media/figur${n}.png`]).toString() === 'True', `figur${n}.png is a PNG`);
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
    [['--year', String(YEAR), '--format', 'rtf', '--out', file], /--format ska vara pdf, odt eller docx/],
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
  assert.equal(joined("SELECT version FROM report_section WHERE section = 'event_driven' ORDER BY version", ','), '1,2');
  // the versions, each kept
  const versions = await reader.get(`${page}/versioner?avsnitt=event_driven`);
  assert.equal(versions.status, 200);
  assert.match(versions.text, /Version 2[\s\S]*på de punkter som granskats[\s\S]*Version 1[\s\S]*Ett andra stycke/);
  // audited
  assert.match(joined(`SELECT action FROM audit WHERE entity = 'report'
    AND entity_id = (SELECT id FROM report WHERE kind = 'annual' AND year = ${YEAR}) ORDER BY id`, ','), /update_memo,save_text,save_text$/);
  // who may: a reader reads and downloads, writes nothing; a provider sees none of it
  assert.equal((await reader.get(page)).status, 200);
  assert.doesNotMatch((await reader.get(page)).text, /Spara Bedömning/);
  assert.equal((await reader.post(`${page}/text`, { section: 'event_driven', base_version: '2', body: 'x' })).status, 403);
  assert.equal((await provider.get(page)).status, 403);
  assert.equal((await download(server.url, provider, `${page}/pdf`)).status, 403);

  // the downloads carry the memo and the text as saved
  const pdf = join(server.dir, 'nedladdad.pdf');
  const got = await download(server.url, reader, `${page}/pdf`, pdf);
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
  const gotOdt = await download(server.url, strategist, `${page}/odt`, odt);
  assert.equal(gotOdt.status, 200);
  assert.equal(gotOdt.headers.get('content-type'), 'application/vnd.oasis.opendocument.text');
  assert.ok(readOdt(odt).paragraphs.includes('Leverantörerna i urvalet följer avtalet på de punkter som granskats.'));
  const docx = join(server.dir, 'nedladdad.docx');
  const gotDocx = await download(server.url, reader, `${page}/docx`, docx);
  assert.equal(gotDocx.status, 200);
  assert.equal(gotDocx.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
  assert.match(gotDocx.headers.get('content-disposition'), new RegExp(`attachment; filename="arsrapport-${YEAR}.docx"`));
  const written = readDocx(docx).paragraphs.map(([, t]) => t);
  assert.ok(written.includes('Leverantörerna i urvalet följer avtalet på de punkter som granskats.'));
  assert.ok(written.some((t) => t.includes(`SN ${YEAR}/0387`)), 'the memo as saved');
  assert.equal((await download(server.url, provider, `${page}/docx`)).status, 403);
  // a year without data: a message, no file
  const none = await download(server.url, reader, '/rapporter/ar/2019/pdf');
  assert.equal(none.status, 404);
  assert.match(none.headers.get('content-type'), /text\/html/);
  assert.match(none.bytes.toString(), /Det finns inga uppgifter om kontroll och uppföljning för 2019/);
});
