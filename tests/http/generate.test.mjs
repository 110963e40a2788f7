// generate.test.mjs — `insyn generate`, the benchmark's data set (bench/report.sh), on a small
// scale: the registry, and with --year that year's control and follow-up as the annual report
// reads it — signals in the year gone through in weekly meetings, controls, follow-ups,
// sanctions, placements, the approved plan with its sample and both surveys mostly answered —
// every row audited; the report of that year is made from it. Bad options change nothing.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { cli, freshDb } from '../lib/harness.mjs';
import { sql as sqlOn, untouched } from '../lib/sql.mjs';

const made = [];
after(() => made.forEach((d) => d.cleanup()));
async function database(name) {
  const d = await freshDb(name);
  made.push(d);
  return d;
}
const YEAR = Number(new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' }).slice(0, 4)) - 1;
const sql = (db, statement) => sqlOn(db, statement).trim();

test('a year of control and follow-up on a generated registry, which the annual report tells', async () => {
  const { db, dir } = await database('stad.db');
  const r = cli(['generate', db, '--organisations', '60', '--units', '120', '--agreements', '300',
    '--year', String(YEAR), '--signals', '2000', '--placements', '1500']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /Skapade 60 utförare, 120 enheter och 300 avtal\./);
  assert.match(r.stdout, new RegExp(`Skapade ${YEAR}: 2000 signaler`));
  const year = `BETWEEN '${YEAR}-01-01' AND '${YEAR}-12-31'`;
  // the registry: unit i the organisation i % 60's, agreements in frameworks of 50
  assert.equal(sql(db, 'SELECT count(*) FROM organisation'), '60');
  assert.equal(sql(db, 'SELECT count(DISTINCT case_ref) FROM agreement'), '6');
  // the signals in the year, reported ones and those the controls made, every one audited
  const reported = Number(sql(db, `SELECT count(*) FROM signal WHERE check_id IS NULL AND occurred_on ${year}`));
  assert.equal(reported, 2000);
  assert.equal(sql(db, "SELECT count(*) FROM signal s WHERE NOT EXISTS (SELECT 1 FROM audit a WHERE a.entity = 'signal' AND a.entity_id = s.id AND a.action = 'create')"), '0');
  // weekly meetings went through all but the last days' signals, each with an outcome
  assert.equal(sql(db, `SELECT count(*) FROM coordinator_meeting WHERE held_on ${year}`), '52');
  const open = Number(sql(db, `SELECT count(*) FROM signal WHERE status = 'new' AND check_id IS NULL AND occurred_on ${year}`));
  assert.ok(open > 0 && open < 100, `${open} signals wait for the next meeting`);
  assert.equal(sql(db, "SELECT count(*) FROM signal WHERE status = 'reviewed' AND (outcome = '' OR meeting_id IS NULL)"), '0');
  // every provider's credit and tax check of the year; IVO's documents on one unit in twenty
  assert.equal(sql(db, `SELECT count(*) FROM external_check WHERE kind = 'credit' AND checked_on ${year}`), '60');
  assert.equal(sql(db, `SELECT count(*) FROM external_check WHERE kind = 'tax' AND checked_on ${year}`), '60');
  assert.equal(sql(db, "SELECT count(*) FROM external_check WHERE kind = 'ivo'"), '6');
  assert.equal(sql(db, "SELECT count(*) FROM external_check WHERE kind = 'credit' AND passed = 0 AND signal_id IS NOT NULL"), '2');
  // follow-ups, sanctions, early terminations
  assert.equal(sql(db, "SELECT count(*) FROM investigation WHERE kind = 'event_driven'"), '80');
  assert.equal(sql(db, `SELECT count(*) FROM sanction WHERE decided_on ${year}`), '55');
  assert.equal(sql(db, `SELECT count(*) FROM agreement WHERE terminated_on ${year}`), '15');
  // placements: at least those asked for, the first framework's placed for its sample
  assert.ok(Number(sql(db, 'SELECT count(*) FROM placement')) >= 1500);
  // the plan, approved, its sample frozen; both surveys sent and mostly answered
  assert.equal(sql(db, `SELECT status FROM control_plan WHERE year = ${YEAR}`), 'approved');
  const sample = Number(sql(db, 'SELECT count(*) FROM control_plan_unit WHERE frozen = 1'));
  assert.ok(sample >= 5, `${sample} units in the sample`);
  const surveys = sql(db, "SELECT s.audience || ':' || count(*) || ':' || sum(r.answered) FROM survey s JOIN survey_recipient r ON r.survey_id = s.id GROUP BY s.audience ORDER BY s.audience").split('\n');
  assert.equal(surveys.length, 2);
  for (const line of surveys) {
    const [, asked, answered] = line.split(':').map(Number);
    assert.ok(answered > asked / 2 && answered <= asked, line);
  }
  assert.equal(sql(db, "SELECT count(*) FROM investigation WHERE kind = 'in_depth' AND status = 'closed'"),
    String(Math.min(sample, 8)));
  // the annual report of the year is made from it
  const docx = join(dir, 'arsrapport.docx');
  const report = cli(['report', 'annual', db, '--year', String(YEAR), '--format', 'docx', '--out', docx]);
  assert.equal(report.code, 0, report.stderr);
  const text = execFileSync('python3', ['-c',
    'import sys, zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read("word/document.xml").decode())', docx])
    .toString().replace(/\u00a0/g, ' ');
  const total = sql(db, `SELECT count(*) FROM signal WHERE occurred_on ${year}`);
  // "2003" or "12 345": the thousands may be set apart
  const n = total.replace(/\B(?=(\d{3})+$)/g, ' ?');
  for (const said of [`Under ${YEAR} registrerades ${n} signaler om privata utförare`,
    'Samordnarna höll 52 samordnarmöten under året', `Urvalet omfattar ${sample} enheter`])
    assert.ok(new RegExp(said).test(text), `the report says ${said}`);
});

test('bad options are refused with a message, and no database is made', async () => {
  const { db } = await database('fel.db');
  for (const [args, message] of [
    [['--year', '1999'], /--year ska vara ett år från 2001/],
    [['--year', String(YEAR + 2)], /--year ska vara ett år från 2001/],
    [['--signals', 'tio'], /--signals ska vara ett heltal/],
    [['--organisations', '0'], /--organisations ska vara 1 till 1000000/],
    [['--organisations', '10', '--units', '5', '--year', String(YEAR)], /minst en enhet per utförare/],
  ]) {
    const r = cli(['generate', db, ...args]);
    assert.equal(r.code, 1, args.join(' '));
    assert.match(r.stderr, message);
    assert.ok(untouched(db), 'nothing made');
  }
});
