// agreement_report.test.mjs — the follow-up report of one agreement for a year (seed 002) made
// from the demo municipality's family-support agreement for 2017: `insyn report agreement` as PDF,
// read back with pdftotext and its pages drawn with pdftoppm, and as ODT, its XML read back; every
// section with its figures from the database (the statistics, the meetings and who attended, each
// value-add with what the meetings found, the ordering unit's survey, last year's improvement
// areas and that they were addressed); bad input gives a message and no file; the report's page
// keeps the memo and versioned texts, refuses a stale form, and is no provider's.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, Client, BIN } from '../lib/harness.mjs';
import { sql as sqlOn } from '../lib/sql.mjs';
import { pdfText, sentence, escape, readOdt, download } from '../lib/reports.mjs';

const DEMO_PASSWORD = 'sjobacka-demo-2026';
const CASE_REF = 'SN 2015/0291';
const TITLE = 'Uppföljning av avtal med Stödteamet Öppenvård AB om stödinsatser för barn, ungdomar och familjer verksamhetsåret 2017';
let server, strategist, reader, provider, id;
const sql = (statement) => sqlOn(server.db, statement).trim();
const rows = (statement) => sql(statement).split('\n').filter(Boolean).map((line) => line.split('|'));
const report = (...args) => spawnSync(BIN, ['report', 'agreement', server.db, ...args], { encoding: 'utf8' });



before(async () => {
  server = await startServer({ demo: true });
  const login = async (email) => {
    const c = new Client(server.url);
    assert.equal((await c.login(email, DEMO_PASSWORD)).status, 303, email);
    return c;
  };
  [strategist, reader, provider] = await Promise.all(
    ['strateg2@sjobacka.example', 'lasare@sjobacka.example', 'utforare@bjorkhagen.example'].map(login));
  id = Number(sql(`SELECT id FROM agreement WHERE case_ref = '${CASE_REF}'`));
});
after(async () => {
  assert.equal((await server.stop()).code, 0);
});

// What the report of 2017 must say, as the database has it.
function facts() {
  const between = (column) => `${column} BETWEEN '2017-01-01' AND '2017-12-31'`;
  const count = (where) => Number(sql(`SELECT count(*) FROM assignment WHERE agreement_id = ${id} AND ${where}`));
  const meetings = rows(`SELECT r.id, r.held_on FROM follow_up_record r
    JOIN follow_up f ON f.id = r.follow_up_id WHERE f.agreement_id = ${id} AND r.status = 'signed' AND ${between('r.held_on')}
    ORDER BY r.held_on`.replace(/\n/g, ' ')).map(([recordId, held]) => ({ recordId, held }));
  // sqlite3 and psql print a value's line breaks as they are (one attendee a line): each list on its own
  for (const m of meetings) {
    m.municipality = sql(`SELECT attendees_municipality FROM follow_up_record WHERE id = ${m.recordId}`).split('\n');
    m.providerSide = sql(`SELECT attendees_provider FROM follow_up_record WHERE id = ${m.recordId}`).split('\n');
  }
  const findings = rows(`SELECT c.record_id, c.item_text, c.outcome, c.comment FROM follow_up_check c
    WHERE c.kind = 'value_add' AND c.record_id IN (${meetings.map((m) => m.recordId).join(',')}) ORDER BY c.record_id, c.position`.replace(/\n/g, ' '));
  const survey = rows(`SELECT s.title, (SELECT count(*) FROM survey_recipient r WHERE r.survey_id = s.id),
    (SELECT count(*) FROM survey_recipient r WHERE r.survey_id = s.id AND r.answered = 1) FROM survey s
    WHERE s.agreement_id = ${id} AND s.template = 'ordering_unit'`.replace(/\n/g, ' '))[0];
  const actions = rows(`SELECT x.text FROM follow_up_action x JOIN follow_up_record r ON r.id = x.record_id
    JOIN follow_up f ON f.id = r.follow_up_id WHERE f.agreement_id = ${id} AND r.held_on LIKE '2016-%' ORDER BY x.id`.replace(/\n/g, ' ')).map(([t]) => t);
  return {
    received: count(between('received')),
    closed: count(between('closed')),
    ongoing: count(`received <= '2017-12-31' AND (closed IS NULL OR closed > '2017-12-31')`),
    goals: ['met', 'partly', 'not_met'].map((g) => count(`${between('closed')} AND kind = 'family_treatment' AND goal_outcome = '${g}'`)),
    meetings,
    findings,
    survey: { title: survey[0], asked: Number(survey[1]), answered: Number(survey[2]) },
    actions,
  };
}

const SECTIONS = ['Förvaltningens förslag till beslut', 'Sammanfattning', 'Ärendets beredning', 'Beslutsunderlag', 'Bakgrund',
  'Ärendet', 'Uppföljningsmöten', 'Avtalets krav', 'Uppdrag och resultat under 2017', 'Uppdraget under året',
  'Hur utföraren uppfyller mervärdena i anbudet', 'Metodutveckling och kompetens', 'Samarbete och kontinuitet',
  'Kvalitet och kvalitetssäkring', 'Beställarens utvärdering', 'Förbättringsområden från uppföljningen av 2016',
  'Förvaltningens synpunkter'];

test('the report of 2017 as PDF: the memo and every section with its figures from the database', () => {
  const file = join(server.dir, 'avtal-2017.pdf');
  const r = report('--agreement', CASE_REF, '--year', '2017', '--format', 'pdf', '--out', file);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /Uppföljningsrapporten för avtalet SN 2015\/0291 för 2017 är skriven till/);
  const info = execFileSync('pdfinfo', [file]).toString();
  assert.match(info, new RegExp(`Title: +${escape(TITLE)}`));
  assert.match(info, /Author: +Sven Utvecklingsstrateg/);
  const pages = Number(info.match(/Pages: +(\d+)/)[1]);
  const text = pdfText(file);
  // the memo: its particulars, the proposed decision, the summary with the officer's assessment
  assert.match(text, /Datum\s+2018-03-22/);
  assert.match(text, /Diarienummer\s+SN 2018\/0112/);
  assert.match(text, /Handläggare\s+Sven Utvecklingsstrateg/);
  assert.match(text, sentence('Förvaltningens förslag till beslut Ärendet läggs till handlingarna.'));
  assert.match(text, sentence('Stödinsatser för barn, ungdomar och familjer utförs sedan den 1 januari 2016 av Stödteamet Öppenvård AB.'));
  assert.match(text, sentence('Helhetsbedömningen är att Stödteamets insatser för barn, ungdomar och familjer håller en förväntat hög kvalitet.'));
  assert.match(text, sentence('Bilaga 1. Rapport om uppföljningen av avtalet med Stödteamet Öppenvård AB under 2017'));
  for (const h of SECTIONS) assert.ok(text.includes(h), `the report has ${h}`);
  const contents = text.slice(text.indexOf('Innehåll'), text.indexOf('Innehåll') + 3000);
  for (const h of ['Bakgrund', 'Uppföljningsmöten', 'Beställarens utvärdering', 'Förvaltningens synpunkter'])
    assert.match(contents, new RegExp(`${h}\\s*\\.*\\s+\\d+`), `the contents list ${h}`);
  assert.match(text, sentence('Därefter kan avtalet inte förlängas.'));

  const f = facts();
  // the statistics of point 1: seed 002's figures
  assert.deepEqual([f.received, f.closed, f.ongoing], [29, 27, 12]);
  assert.deepEqual(f.goals, [8, 4, 5]);
  assert.match(text, sentence(`Under 2017 har utföraren tilldelats ${f.received} uppdrag och avslutat ${f.closed}.`));
  assert.match(text, sentence(`Vid årets slut pågick ${f.ongoing} uppdrag.`));
  assert.match(text, sentence(`visade att målen uppfyllts i ${f.goals[0]} fall, i ${f.goals[1]} fall delvis, medan det i ${f.goals[2]} fall saknades måluppfyllelse`));
  assert.match(text, /Figur 1\. Måluppfyllelse i avslutad familjebehandling 2017 \(17 uppdrag\)/);
  assert.match(text, /Tilldelade under året\s+29/);
  assert.match(text, /Pågående vid årets slut\s+12/);

  // the meetings of the year, when, and who attended from both sides
  assert.deepEqual(f.meetings.map((m) => m.held), ['2017-05-24', '2017-12-13']);
  assert.match(text, sentence('höll två uppföljningsmöten med Stödteamet Öppenvård AB under 2017, den 24 maj och den 13 december'));
  // a table's cells in reading order: each meeting's row, the attendees of each side in one cell
  const cells = execFileSync('pdftotext', [file, '-']).toString().replace(/\s+/g, ' ');
  for (const m of f.meetings)
    assert.match(cells, sentence(`${m.held} Besök på plats, Stödteamets lokaler, Kungsgatan 70 ${m.municipality.join('; ')} ${m.providerSide.join('; ')}`),
      `the meeting of ${m.held} with who attended from both sides`);
  assert.ok(f.meetings[0].municipality.includes('Annika Ek, avdelningschef'));
  assert.ok(f.meetings[0].providerSide.includes('Maria Lind, verkställande direktör'));
  assert.doesNotMatch(text, /2016-06-08|2018-06-13/, 'no meeting of another year is listed');

  // each value-add with what each meeting found
  assert.equal(f.findings.length, 6, 'three value-adds assessed at two meetings');
  for (const [recordId, item, outcome, comment] of f.findings) {
    const day = f.meetings.find((m) => m.recordId === recordId).held === '2017-05-24' ? '24 maj' : '13 december';
    assert.equal(outcome, 'fulfilled', item);
    const at = text.indexOf(item, text.indexOf('Hur utföraren uppfyller mervärdena i anbudet'));
    assert.ok(at > 0, `the value-add ${item} has its section`);
    assert.match(text.slice(at), sentence(`Uppföljningsmötet den ${day}: Uppfyllt. ${comment}`), `${item} at ${day}`);
  }

  // the ordering unit's survey: its response rate
  assert.deepEqual([f.survey.asked, f.survey.answered], [10, 8]);
  assert.match(text, sentence(`Enkäten ”${f.survey.title}” skickades till ${f.survey.asked} mottagare, och ${f.survey.answered} svarade (80 %).`));
  assert.match(text, /Har behandlaren följt uppdraget i genomförandet\?\s+Ja: \d+/);
  assert.match(text, /Hur nöjd är du sammantaget med insatsen\?\s+Medelvärde \d,\d av 5/);

  // last year's improvement areas, and that they were addressed
  assert.equal(f.actions.length, 2);
  assert.match(text, sentence('I uppföljningen av 2016 kom förvaltningen och utföraren överens om två förbättringsområden. Båda har åtgärdats.'));
  const improvements = cells.slice(cells.lastIndexOf('Förbättringsområden från uppföljningen av 2016'));
  assert.match(improvements, sentence(`${f.actions[0]} 2016-12-07, klart senast 2017-03-31, ansvarig: Maria Lind, verkställande direktör Åtgärdat 2017-05-24.`));
  assert.match(improvements, sentence(`${f.actions[1]} 2016-12-07, klart senast 2017-04-30, ansvarig: Maria Lind, verkställande direktör Inte åtgärdat 2017-05-24; åtgärdat 2017-12-13.`));

  // the administration's views, the officer's
  assert.match(text, sentence('Uppföljningen visar att Stödteamet tillhandahåller de redovisade mervärdena'));
  assert.match(text, new RegExp(`Sida ${pages} av ${pages}`));

  // every page drawn as a picture, none blank
  const out = join(server.dir, 'avtalsida');
  execFileSync('pdftoppm', ['-r', '40', '-png', file, out]);
  const pngs = readdirSync(server.dir).filter((n) => n.startsWith('avtalsida') && n.endsWith('.png'));
  assert.equal(pngs.length, pages);
  for (const p of pngs) assert.ok(statSync(join(server.dir, p)).size > 3000, `${p} has something drawn`);
});

test('the report of 2017 as ODT: the same headings, the meetings, value-adds, survey and improvement areas in tables', () => {
  const file = join(server.dir, 'avtal-2017.odt');
  const r = report('--agreement', CASE_REF, '--year', '2017', '--format', 'odt', '--out', file);
  assert.equal(r.status, 0, r.stderr);
  const odt = readOdt(file);
  assert.equal(odt.members[0], 'mimetype');
  assert.equal(odt.mimetype, 'application/vnd.oasis.opendocument.text');
  assert.ok(odt.members.includes('Pictures/figur1.png'), odt.members.join(' '));
  const headings = odt.headings.map(([, t]) => t);
  assert.equal(headings[0], TITLE);
  for (const h of SECTIONS) assert.ok(headings.includes(h), `the ODT has the heading ${h}`);
  assert.deepEqual(odt.headings.find(([, t]) => t === 'Uppföljningsmöten'), [2, 'Uppföljningsmöten']);
  assert.deepEqual(odt.headings.find(([, t]) => t === 'Samarbete och kontinuitet'), [2, 'Samarbete och kontinuitet']);
  const paragraphs = odt.paragraphs.join('\n').replace(/\u00a0/g, ' ');
  assert.match(paragraphs, /Under 2017 har utföraren tilldelats 29 uppdrag och avslutat 27\. Vid årets slut pågick 12 uppdrag\./);
  assert.match(paragraphs, /skickades till 10 mottagare, och 8 svarade \(80 %\)/);
  const table = (head) => odt.tables.find((t) => t[0].join('|') === head);
  const meetings = table('Datum|Form|Från förvaltningen|Från utföraren');
  assert.deepEqual(meetings.slice(1).map((row) => row[0]), ['2017-05-24', '2017-12-13']);
  assert.ok(meetings.slice(1).every((row) => /Maria Lind, verkställande direktör/.test(row[3])));
  const requirements = table('Krav|24 maj|13 december');
  assert.ok(requirements, 'the requirements against each meeting');
  assert.deepEqual(requirements.find((row) => row[0] === 'Skriftlig återrapportering till familjeenheten'),
    ['Skriftlig återrapportering till familjeenheten', 'Delvis uppfyllt', 'Uppfyllt']);
  const improvements = table('Förbättringsområde|Överenskommet|Resultat');
  assert.equal(improvements.length, 3);
  assert.ok(improvements.slice(1).every((row) => /^2016-12-07/.test(row[1]) && /åtgärdat 2017-\d\d-\d\d\./i.test(row[2])));
  const survey = table('Fråga|Svar');
  assert.equal(survey.length - 1, 9, 'the nine questions of the ordering unit');
});

test('another year: its own meetings, no survey, and the year before\'s improvement areas', () => {
  const file = join(server.dir, 'avtal-2018.pdf');
  const r = report('--agreement', CASE_REF, '--year', '2018', '--format', 'pdf', '--out', file);
  assert.equal(r.status, 0, r.stderr);
  const text = pdfText(file);
  assert.match(text, sentence('höll två uppföljningsmöten med Stödteamet Öppenvård AB under 2018, den 13 juni och den 12 december'));
  assert.match(text, sentence('Ingen enkät till beställande enhet om avtalet besvarades under 2018.'));
  assert.match(text, sentence('Inga förbättringsområden specificerades i uppföljningen av 2017.'));
  assert.match(text, sentence('Förvaltningens helhetsbedömning har inte skrivits ännu.'), 'no texts written for 2018');
  assert.match(text, /Diarienummer\s+–/);
});

test('bad input on the command line: a message, exit 1 and no file', () => {
  const file = join(server.dir, 'ingen.pdf');
  const noFile = () => {
    assert.equal(existsSync(file), false);
    assert.equal(existsSync(`${file}.tmp`), false);
  };
  // an unknown agreement
  const unknown = report('--agreement', 'SN 1999/9999', '--year', '2017', '--format', 'pdf', '--out', file);
  assert.equal(unknown.status, 1);
  assert.match(unknown.stderr, /--agreement: Det finns inget avtal med diarienummer SN 1999\/9999/);
  noFile();
  // a case reference the framework's 80 agreements share: each named, --organisation asked for
  const shared = report('--agreement', 'SN-2023-00412', '--year', '2025', '--format', 'pdf', '--out', file);
  assert.equal(shared.status, 1);
  assert.match(shared.stderr, /Ange utförarens organisationsnummer med --organisation ORG_NR/);
  assert.match(shared.stderr, /Björkhagens behandlingshem AB/);
  noFile();
  // with --organisation it is one agreement; a year it has nothing for
  const orgNr = sql("SELECT org_nr FROM organisation WHERE name = 'Björkhagens behandlingshem AB'");
  const empty = report('--agreement', 'SN-2023-00412', '--organisation', orgNr, '--year', '2019', '--format', 'pdf', '--out', file);
  assert.equal(empty.status, 1);
  assert.match(empty.stderr, /Det finns inga uppgifter om uppföljningen av avtalet SN-2023-00412 för 2019/);
  noFile();
  // the family-support agreement after it ended
  const after = report('--agreement', CASE_REF, '--year', '2021', '--format', 'odt', '--out', file);
  assert.equal(after.status, 1);
  assert.match(after.stderr, /Det finns inga uppgifter om uppföljningen av avtalet SN 2015\/0291 för 2021: inga uppföljningsmöten/);
  noFile();
  for (const [args, message] of [
    [['--year', '2017', '--format', 'pdf', '--out', file], /--agreement: ange avtalets diarienummer/],
    [['--agreement', CASE_REF, '--year', 'sjutton', '--format', 'pdf', '--out', file], /--year ska vara ett årtal/],
    [['--agreement', CASE_REF, '--year', '2017', '--format', 'rtf', '--out', file], /--format ska vara pdf, odt eller docx/],
    [['--agreement', CASE_REF, '--year', '2017', '--format', 'pdf'], /--out ska ange filen/],
    [['--agreement', CASE_REF, '--organisation', '556677-0000', '--year', '2017', '--format', 'pdf', '--out', file], /--organisation/],
  ]) {
    const r = report(...args);
    assert.equal(r.status, 1, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, message);
    noFile();
  }
});

test('the report\'s page: the memo and texts in versions, a stale form refused, the downloads; readers read, providers do not', async () => {
  const page = `/avtal/${id}/rapport?ar=2017`;
  // from the agreement's page, and listed among the reports begun
  const agreementPage = await strategist.get(`/avtal/${id}`);
  assert.equal(agreementPage.status, 200);
  assert.match(agreementPage.text, new RegExp(`<form method="get" action="/avtal/${id}/rapport"`));
  assert.match(agreementPage.text, new RegExp(`href="/enkater/ny\\?avtal=${id}"`));
  assert.match((await reader.get('/rapporter')).text, new RegExp(`href="/avtal/${id}/rapport\\?ar=2017">SN 2015/0291 Stödinsatser`));

  const view = await strategist.get(page);
  assert.equal(view.status, 200);
  assert.match(view.text, new RegExp(`<h1>${escape(TITLE)}</h1>`));
  assert.match(view.text, /value="SN 2018\/0112"/, 'the demo\'s memo');
  assert.match(view.text, /Spara Mervärden enligt anbudet/);
  assert.match(view.text, /Version 1, Sven Utvecklingsstrateg 2018-03-20/, 'written on the day the story says');
  assert.match(view.text, new RegExp(`href="/avtal/${id}/rapport/pdf\\?ar=2017"`));
  // the memo
  const memo = await strategist.post(`/avtal/${id}/rapport/tjansteskrivelse?ar=2017`, {
    committee: 'Socialnämnden', case_ref: 'SN 2018/0113', officer: 'Sven Utvecklingsstrateg', memo_date: '2018-03-29', proposed_decision: '',
  });
  assert.equal(memo.status, 303, memo.text);
  assert.equal(memo.headers.get('location'), `/avtal/${id}/rapport?ar=2017&sparad=1#tjansteskrivelse`);
  assert.equal(sql(`SELECT case_ref || '|' || proposed_decision FROM report WHERE kind = 'agreement' AND agreement_id = ${id} AND year = 2017`),
    'SN 2018/0113|Ärendet läggs till handlingarna.', 'an empty proposal is seed 002\'s');
  const badMemo = await strategist.post(`/avtal/${id}/rapport/tjansteskrivelse?ar=2017`, { memo_date: '2018-02-30' });
  assert.equal(badMemo.status, 422);
  assert.match(badMemo.text, /aria-invalid="true"/);
  // a text: a new version, a form based on the one before refused with the text kept
  const views = Number(sql(`SELECT max(version) FROM report_section s JOIN report r ON r.id = s.report_id
    WHERE r.agreement_id = ${id} AND s.section = 'views'`.replace(/\n/g, ' ')));
  assert.equal(views, 1);
  const second = await strategist.post(`/avtal/${id}/rapport/text?ar=2017`, {
    section: 'views', base_version: '1', body: 'Förvaltningen bedömer att avtalet följs och att mervärdena levereras.',
  });
  assert.equal(second.status, 303, second.text);
  assert.equal(second.headers.get('location'), `/avtal/${id}/rapport?ar=2017&sparad=1#avsnitt-views`);
  const stale = await strategist.post(`/avtal/${id}/rapport/text?ar=2017`, { section: 'views', base_version: '1', body: 'En äldre flik.' });
  assert.equal(stale.status, 409);
  assert.match(stale.text, /Texten har ändrats av Sven Utvecklingsstrateg sedan du började skriva/);
  assert.match(stale.text, /En äldre flik\./);
  const annualOnly = await strategist.post(`/avtal/${id}/rapport/text?ar=2017`, { section: 'planned', base_version: '0', body: 'x' });
  assert.equal(annualOnly.status, 422, 'a section of the annual report is not the agreement report\'s');
  const versions = await reader.get(`/avtal/${id}/rapport/versioner?ar=2017&avsnitt=views`);
  assert.equal(versions.status, 200);
  assert.match(versions.text, /Version 2[\s\S]*mervärdena levereras[\s\S]*Version 1[\s\S]*tillhandahåller de redovisade mervärdena/);
  assert.match(versions.text, new RegExp(`href="/avtal/${id}/rapport\\?ar=2017"`));
  assert.match(sql(`SELECT action FROM audit WHERE entity = 'report' AND entity_id =
    (SELECT id FROM report WHERE agreement_id = ${id} AND year = 2017) ORDER BY id`.replace(/\n/g, ' ')).split('\n').join(','),
  /^create,update_memo,(save_text,){6}update_memo,save_text$/);

  // the download has them, and is named for the agreement and the year
  const pdf = join(server.dir, 'nedladdad-avtal.pdf');
  const got = await download(server.url, reader, `/avtal/${id}/rapport/pdf?ar=2017`, pdf);
  assert.equal(got.status, 200);
  assert.equal(got.headers.get('content-type'), 'application/pdf');
  assert.equal(got.headers.get('content-disposition'), 'attachment; filename="avtalsuppfoljning-SN-2015-0291-2017.pdf"');
  const text = pdfText(pdf);
  assert.match(text, /Diarienummer\s+SN 2018\/0113/);
  assert.match(text, sentence('Förvaltningen bedömer att avtalet följs och att mervärdena levereras.'));
  assert.doesNotMatch(text, /tillhandahåller de redovisade mervärdena/, 'the latest version only');
  const odt = await download(server.url, strategist, `/avtal/${id}/rapport/odt?ar=2017`);
  assert.equal(odt.status, 200);
  assert.equal(odt.headers.get('content-type'), 'application/vnd.oasis.opendocument.text');

  // a year without data: a message and no file; an unknown agreement or year: not found
  const none = await download(server.url, reader, `/avtal/${id}/rapport/pdf?ar=2021`);
  assert.equal(none.status, 404);
  assert.match(none.bytes.toString(), /Det finns inga uppgifter om uppföljningen av avtalet SN 2015\/0291 för 2021/);
  assert.equal((await reader.get('/avtal/999999/rapport?ar=2017')).status, 404);
  assert.equal((await reader.get(`/avtal/${id}/rapport?ar=tjugo`)).status, 404);
  // a reader reads and downloads but writes nothing; a provider sees none of it
  assert.equal((await reader.get(page)).status, 200);
  assert.doesNotMatch((await reader.get(page)).text, /Spara Förvaltningens synpunkter/);
  assert.equal((await reader.post(`/avtal/${id}/rapport/text?ar=2017`, { section: 'views', base_version: '2', body: 'x' })).status, 403);
  for (const path of [page, `/avtal/${id}/rapport/pdf?ar=2017`, `/avtal/${id}/rapport/versioner?ar=2017&avsnitt=views`])
    assert.equal((await provider.get(path)).status, 403, path);
  assert.equal((await provider.post(`/avtal/${id}/rapport/tjansteskrivelse?ar=2017`, { case_ref: 'x' })).status, 403);
});

test('a survey to the ordering unit is about the agreement: from its page, by the API, and shown on the survey', async () => {
  const form = await strategist.get(`/enkater/ny?avtal=${id}`);
  assert.equal(form.status, 200);
  assert.match(form.text, new RegExp(`name="agreement_id" value="${id}"`));
  assert.match(form.text, /id="template-ordering_unit"[^>]* checked/);
  const made = await strategist.post('/enkater', { template: 'ordering_unit', agreement_id: String(id), title: 'Beställarens utvärdering 2019' });
  assert.equal(made.status, 303, made.text);
  const survey = await strategist.get(made.headers.get('location'));
  assert.match(survey.text, new RegExp(`<dt>Avtal</dt><dd><a href="/avtal/${id}">SN 2015/0291 Stödinsatser`));
  const api = await strategist.api('POST', '/api/v1/surveys', { template: 'ordering_unit', agreement_id: id });
  assert.equal(api.status, 201, api.text);
  assert.equal(api.json().agreement_id, id);
  assert.equal(api.json().agreement_case_ref, CASE_REF);
  const unknown = await strategist.api('POST', '/api/v1/surveys', { template: 'ordering_unit', agreement_id: 999999 });
  assert.equal(unknown.status, 422);
  assert.ok(unknown.json().errors.some((e) => e.field === 'agreement_id'), unknown.text);
  // a survey without answers in the year is not in its report
  const file = join(server.dir, 'avtal-2017-igen.pdf');
  assert.equal(report('--agreement', CASE_REF, '--year', '2017', '--format', 'pdf', '--out', file).status, 0);
  assert.equal((pdfText(file).match(/Enkäten ”/g) || []).length, 1);
});
