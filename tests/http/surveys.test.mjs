// surveys.test.mjs — the surveys of the planned follow-up (seeds 002 and 004): a survey made
// from a template, recipients, opening it (each recipient's personal link shown once),
// answering through the link without logging in — once —, the response count ("2 av 3
// svarade"), the results, closing it, and anonymity checked in the database itself.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { startServer, addUser, Client } from '../lib/harness.mjs';
import { sql as sqlOn, columnNames } from '../lib/sql.mjs';
import { orgNr, createOrg } from './fixtures.mjs';

const users = {
  strategist: 'strateg@example.org', caseWorker: 'handlaggare@example.org', provider: 'utforare@example.org',
};
let server, strategist, caseWorker, provider, org;
const sql = (statement) => sqlOn(server.db, statement).trim();
// the values of one column, as group_concat would join them (NULLs left out)
const joined = (statement, separator) => sql(statement).split('\n').filter(Boolean).join(separator);

before(async () => {
  server = await startServer({
    setup: (db) => {
      addUser(db, users.strategist, 'strategist');
      addUser(db, users.caseWorker, 'case_worker');
    },
  });
  strategist = new Client(server.url);
  assert.equal((await strategist.login(users.strategist)).status, 303);
  org = await createOrg(strategist, { name: 'Enkätens behandlingshem AB', org_nr: orgNr(9301) });
  addUser(server.db, users.provider, 'provider_user', org.org_nr);
  caseWorker = new Client(server.url);
  assert.equal((await caseWorker.login(users.caseWorker)).status, 303);
  provider = new Client(server.url);
  assert.equal((await provider.login(users.provider)).status, 303);
});
after(async () => {
  await server.stop();
});

async function createSurvey(fields) {
  const res = await strategist.api('POST', '/api/v1/surveys', fields);
  assert.equal(res.status, 201, res.text);
  return res.json();
}

// Adds recipients (one a line) and opens the survey; returns the links shown once.
async function openWith(id, lines) {
  const added = await strategist.post(`/enkater/${id}/mottagare`, { recipients: lines.join('\n') });
  assert.equal(added.status, 303, added.text);
  const opened = await strategist.post(`/enkater/${id}/oppna`, { confirm: '1' });
  assert.equal(opened.status, 200, opened.text);
  assert.equal(opened.headers.get('cache-control'), 'no-store');
  return [...opened.text.matchAll(/\/svar\/([0-9a-f]{64})</g)].map((m) => m[1]);
}

// A full, valid answer form for the survey's questions; `text` fills the free-text ones.
function answers(survey, text = 'Tydlig återrapportering.') {
  const form = { answer: '1' };
  for (const q of survey.questions) {
    const f = `q${q.id}`;
    if (q.kind === 'scale') form[f] = '4';
    else if (q.kind === 'yes_no') form[f] = 'yes';
    else if (q.kind === 'single') form[f] = q.options[0];
    else if (q.kind === 'multiple') form[f] = [q.options[0], q.options[1]];
    else form[f] = text;
  }
  return form;
}

const anonymous = () => new Client(server.url);

test('a survey from the case workers\' template is answered once per link and counted', async () => {
  const survey = await createSurvey({ template: 'case_workers_hvb' });
  assert.equal(survey.audience, 'case_workers');
  assert.equal(survey.anonymous, false);
  assert.ok(survey.questions.length >= 8);
  assert.equal(survey.count_text, 'Ingen mottagare ännu');
  // a bad address names its line and adds nothing
  const bad = await strategist.post(`/enkater/${survey.id}/mottagare`, { recipients: 'anna@kommun.se\ninte-en-adress' });
  assert.equal(bad.status, 422);
  assert.match(bad.text, /Rad 2: ”inte-en-adress” är ingen giltig e-postadress/);
  assert.equal(sql(`SELECT count(*) FROM survey_recipient WHERE survey_id = ${survey.id}`), '0');
  // opening needs confirmation and recipients
  assert.equal((await strategist.post(`/enkater/${survey.id}/oppna`, {})).status, 422);
  const links = await openWith(survey.id, ['anna@kommun.se', 'Bo@Kommun.se', 'cecilia@kommun.se']);
  assert.equal(links.length, 3);
  assert.equal(new Set(links).size, 3);
  // only the hash of a link's secret is stored, never the secret
  const hashes = sql(`SELECT token_hash FROM survey_recipient WHERE survey_id = ${survey.id}`).split('\n');
  for (const t of links) {
    assert.ok(hashes.includes(createHash('sha256').update(t).digest('hex')));
    assert.ok(!hashes.includes(t));
    assert.equal(sql(`SELECT count(*) FROM survey_recipient WHERE token_hash = '${t}'`), '0');
  }
  // a second opening is refused; the links are not shown again
  const again = await strategist.post(`/enkater/${survey.id}/oppna`, { confirm: '1' });
  assert.equal(again.status, 409);
  assert.doesNotMatch(again.text, /\/svar\/[0-9a-f]{64}/);

  // the answer page needs no login
  const page = await anonymous().get(`/svar/${links[0]}`);
  assert.equal(page.status, 200, page.text);
  assert.match(page.text, /Har behandlingens innehåll anpassats|I vilken grad har behandlingens innehåll/);
  // an empty post goes back to the form and takes nothing
  const empty = await anonymous().post(`/svar/${links[0]}`, {});
  assert.equal(empty.status, 303);
  // a required question left out is 422, nothing stored
  const partial = answers(survey);
  delete partial[`q${survey.questions[0].id}`];
  const missing = await anonymous().post(`/svar/${links[0]}`, partial);
  assert.equal(missing.status, 422);
  assert.match(missing.text, /Besvara frågan/);
  // a personnummer in free text is 422, and nothing is stored
  const pnr = await anonymous().post(`/svar/${links[0]}`, answers(survey, 'Klienten 19121212-1212 avbröt.'));
  assert.equal(pnr.status, 422);
  assert.match(pnr.text, /personnummer/);
  assert.equal(sql(`SELECT count(*) FROM survey_response WHERE survey_id = ${survey.id}`), '0');
  assert.equal(sql(`SELECT count(*) FROM survey_recipient WHERE survey_id = ${survey.id} AND answered = 1`), '0');
  assert.doesNotMatch(sql('SELECT value FROM survey_answer'), /19121212/);

  const first = await anonymous().post(`/svar/${links[0]}`, answers(survey));
  assert.equal(first.status, 200, first.text);
  assert.match(first.text, /Tack för ditt svar/);
  // answerable once: the second answer is 409, and so is the form
  const twice = await anonymous().post(`/svar/${links[0]}`, answers(survey, 'Ett andra svar'));
  assert.equal(twice.status, 409);
  assert.equal((await anonymous().get(`/svar/${links[0]}`)).status, 409);
  assert.equal(sql(`SELECT count(*) FROM survey_response WHERE survey_id = ${survey.id}`), '1');

  // a logged-in user answering through a link answers as the link's holder, once
  const second = await caseWorker.post(`/svar/${links[1]}`, answers(survey, 'Bra samarbete.'));
  assert.equal(second.status, 200, second.text);

  const view = await strategist.get(`/enkater/${survey.id}`);
  assert.equal(view.status, 200);
  assert.match(view.text, /2 av 3 svarade/);
  assert.match(view.text, /Bra samarbete\./);
  const api = (await strategist.api('GET', `/api/v1/surveys/${survey.id}`)).json();
  assert.equal(api.recipients, 3);
  assert.equal(api.answered, 2);
  assert.equal(api.count_text, '2 av 3 svarade');
  assert.equal(api.responses, 2);
  const scale = api.results.find((r) => r.kind === 'scale');
  assert.equal(scale.answers, 2);
  assert.equal(scale.average, 4);
  assert.equal(scale.counts.find((c) => c.value === '4').count, 2);
  const texts = api.results.find((r) => r.kind === 'text').texts;
  assert.deepEqual([...texts].sort(), ['Bra samarbete.', 'Tydlig återrapportering.']);
  // not anonymous: the response names its recipient
  assert.equal(sql(`SELECT count(*) FROM survey_response WHERE survey_id = ${survey.id} AND recipient_id IS NOT NULL`), '2');

  // a closed survey's links answer 404
  assert.equal((await strategist.post(`/enkater/${survey.id}/stang`, {})).status, 422);
  assert.equal((await strategist.post(`/enkater/${survey.id}/stang`, { confirm: '1' })).status, 303);
  assert.equal((await anonymous().get(`/svar/${links[2]}`)).status, 404);
  assert.equal((await anonymous().post(`/svar/${links[2]}`, answers(survey))).status, 404);
  assert.equal(sql(`SELECT status FROM survey WHERE id = ${survey.id}`), 'closed');
});

test('links cannot be guessed', async () => {
  for (const t of [randomBytes(32).toString('hex'), 'a'.repeat(64), '1', `${'0'.repeat(63)}g`]) {
    assert.equal((await anonymous().get(`/svar/${t}`)).status, 404, t);
    assert.equal((await anonymous().post(`/svar/${t}`, { answer: '1' })).status, 404, t);
  }
  // the stored hash is no link either
  const survey = await createSurvey({ template: 'providers_quality' });
  const added = await strategist.post(`/enkater/${survey.id}/mottagare`, { recipients: org.org_nr });
  assert.equal(added.status, 303, added.text);
  const [link] = (await strategist.post(`/enkater/${survey.id}/oppna`, { confirm: '1' })).text.match(/\/svar\/[0-9a-f]{64}/g);
  const hash = sql(`SELECT token_hash FROM survey_recipient WHERE survey_id = ${survey.id}`);
  assert.equal((await anonymous().get(`/svar/${hash}`)).status, 404);
  assert.equal((await anonymous().get(link)).status, 200);
  // answered by the provider: results per provider
  assert.equal((await anonymous().post(link, answers(survey))).status, 200);
  const api = (await strategist.api('GET', `/api/v1/surveys/${survey.id}`)).json();
  assert.equal(api.providers.length, 1);
  assert.equal(api.providers[0].organisation, 'Enkätens behandlingshem AB');
  assert.equal(api.providers[0].responses, 1);
});

test('an anonymous survey keeps no tie between an answer and its giver, in the database', async () => {
  const survey = await createSurvey({ template: 'ordering_unit' });
  assert.equal(survey.anonymous, true, 'the ordering unit\'s template promises anonymity');
  const links = await openWith(survey.id, ['dana@kommun.se', 'erik@kommun.se', 'frida@kommun.se']);
  assert.equal((await anonymous().post(`/svar/${links[1]}`, answers(survey, 'Anonym synpunkt'))).status, 200);
  assert.equal((await anonymous().post(`/svar/${links[2]}`, answers(survey, 'En annan synpunkt'))).status, 200);
  assert.equal((await anonymous().post(`/svar/${links[1]}`, answers(survey))).status, 409);
  // no column of the response ties it to a recipient, and its time is the day only
  const rows = sql(`SELECT coalesce(CAST(recipient_id AS TEXT), 'NULL') || '|' || coalesce(CAST(organisation_id AS TEXT), 'NULL') || '|' || submitted_at FROM survey_response WHERE survey_id = ${survey.id}`).split('\n');
  assert.equal(rows.length, 2);
  for (const r of rows) assert.match(r, /^NULL\|NULL\|\d{4}-\d{2}-\d{2}$/);
  const columns = columnNames(server.db, 'survey_response');
  assert.deepEqual(columns.sort(), ['id', 'organisation_id', 'recipient_id', 'submitted_at', 'survey_id']);
  // the recipients only record that they answered, not when
  assert.equal(joined(`SELECT email || ':' || answered || ':' || coalesce(answered_at, 'NULL') FROM survey_recipient WHERE survey_id = ${survey.id} ORDER BY id`, ' '),
    'dana@kommun.se:0:NULL erik@kommun.se:1:NULL frida@kommun.se:1:NULL');
  // nothing joins an answer to a recipient: no shared id, no time finer than the day
  assert.equal(sql(`SELECT count(*) FROM survey_response r JOIN survey_recipient p ON p.id = r.recipient_id OR p.id = r.id WHERE r.survey_id = ${survey.id}`), '0');
  // the audit log of the answers names the survey and nothing of the recipient
  const audit = joined(`SELECT actor || ' ' || after_json FROM audit WHERE entity = 'survey' AND entity_id = ${survey.id} AND action = 'answer' ORDER BY id`, ' ');
  assert.doesNotMatch(audit, /erik|frida|recipient/);
  // the page shows the count and the answers, not who gave them
  const view = await strategist.get(`/enkater/${survey.id}`);
  assert.match(view.text, /2 av 3 svarade/);
  assert.match(view.text, /Anonym synpunkt/);
  assert.doesNotMatch(view.text, /Resultat per utförare/);
});

test('provider users see none of it; case workers read but do not write', async () => {
  const survey = await createSurvey({ template: 'case_workers_hvb', title: 'Behörighetens enkät' });
  for (const path of ['/enkater', `/enkater/${survey.id}`, '/enkater/ny'])
    assert.equal((await provider.get(path)).status, 403, path);
  assert.equal((await provider.api('GET', '/api/v1/surveys')).status, 403);
  assert.equal((await provider.api('GET', `/api/v1/surveys/${survey.id}`)).status, 403);
  assert.equal((await caseWorker.get(`/enkater/${survey.id}`)).status, 200);
  assert.equal((await caseWorker.get('/enkater')).status, 200);
  assert.equal((await caseWorker.post('/enkater', { template: 'ordering_unit' })).status, 403);
  assert.equal((await caseWorker.post(`/enkater/${survey.id}/oppna`, { confirm: '1' })).status, 403);
  assert.equal((await caseWorker.api('POST', '/api/v1/surveys', { template: 'ordering_unit' })).status, 403);
  // a bad template is named
  const bad = await strategist.api('POST', '/api/v1/surveys', { template: 'nope' });
  assert.equal(bad.status, 422);
  assert.match(bad.text, /template/);
  // the list
  const list = (await strategist.api('GET', '/api/v1/surveys')).json();
  assert.ok(list.items.some((s) => s.title === 'Behörighetens enkät'));
});
