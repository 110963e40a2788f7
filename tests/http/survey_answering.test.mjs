// survey_answering.test.mjs — issue 8's recipients of a survey: case workers taken from a
// plan's sample, who answer inside the app (Mina uppgifter), providers who answer in the portal,
// each only their own and once; and reminders by `insyn remind` to those who have not answered:
// staff and providers' users are asked to answer in insyn, anyone else gets a new link that
// ends the one before.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { startServer, addUser, Client, BIN } from '../lib/harness.mjs';
import { sql as sqlOn } from '../lib/sql.mjs';
import { orgNr, createOrg, createUnit, createAgreement } from './fixtures.mjs';
import { mailbox, messages } from '../lib/mailbox.mjs';

const HVB = 'SN-2026-00596';
const URL = 'https://insyn.kommun.example';
const users = {
  strategist: 'strateg@example.org', caseWorker: 'handlaggare@example.org', colleague: 'kollega@example.org',
  providerA: 'portal-a@example.org', providerB: 'portal-b@example.org',
};
let server, strategist, caseWorker, colleague, providerA, providerB, orgs, box;
const sql = (statement) => sqlOn(server.db, statement).trim();
// the values of one column, as group_concat would join them (NULLs left out)
const joined = (statement, separator) => sql(statement).split('\n').filter(Boolean).join(separator);
const inDays = (n) => new Date(Date.now() + n * 86400e3).toISOString().slice(0, 10);

async function login(email) {
  const c = new Client(server.url);
  assert.equal((await c.login(email)).status, 303, email);
  return c;
}

before(async () => {
  server = await startServer({
    setup: (db) => {
      addUser(db, users.strategist, 'strategist');
      addUser(db, users.caseWorker, 'case_worker');
      addUser(db, users.colleague, 'case_worker');
    },
  });
  strategist = await login(users.strategist);
  orgs = {
    a: await createOrg(strategist, { name: 'Alfa behandlingshem AB', org_nr: orgNr(9501) }),
    b: await createOrg(strategist, { name: 'Beta vård AB', org_nr: orgNr(9502) }),
    c: await createOrg(strategist, { name: 'Gamma stöd AB', org_nr: orgNr(9503), contact_email: 'kontakt@gamma.example' }),
    d: await createOrg(strategist, { name: 'Delta omsorg AB', org_nr: orgNr(9504) }),
  };
  addUser(server.db, users.providerA, 'provider_user', orgs.a.org_nr);
  addUser(server.db, users.providerB, 'provider_user', orgs.b.org_nr);
  [caseWorker, colleague, providerA, providerB] = await Promise.all(
    [users.caseWorker, users.colleague, users.providerA, users.providerB].map(login));
  // Alfa's home has three placements started in the window (sampled), by two case workers,
  // and one before it; Beta's home two (not sampled)
  const place = async (org, unit, agreement, client, caseWorkerEmail, start) => {
    const res = await strategist.api('POST', '/api/v1/placements', {
      org_nr: org.org_nr, unit_id: unit.id, agreement_id: agreement.id, client, case_worker: caseWorkerEmail, start,
    });
    assert.equal(res.status, 201, res.text);
  };
  for (const [org, unitName, starts] of [
    [orgs.a, 'HVB Alfa', [['K-1', users.caseWorker, '2025-04-01'], ['K-2', 'Extern@Kommun.example', '2025-06-01'],
      ['K-3', users.caseWorker, '2025-12-15'], ['K-4', 'tidigare@example.org', '2025-03-31']]],
    [orgs.b, 'HVB Beta', [['K-5', users.colleague, '2025-05-01'], ['K-6', users.colleague, '2025-07-01']]],
  ]) {
    const unit = await createUnit(strategist, { organisation_id: org.id, name: unitName, service_area: 'hvb_adults' });
    const agreement = await createAgreement(strategist, {
      case_ref: HVB, title: 'Ramavtal HVB vuxna', form: 'lou_framework', service_area: 'hvb_adults', organisation_id: org.id,
      start: '2025-01-01', end: '2028-12-31',
    });
    for (const [client, cw, start] of starts) await place(org, unit, agreement, client, cw, start);
  }
  box = mailbox(server.dir);
});
after(async () => {
  assert.equal((await server.stop()).code, 0);
});

async function createSurvey(fields) {
  const res = await strategist.api('POST', '/api/v1/surveys', fields);
  assert.equal(res.status, 201, res.text);
  return res.json();
}

function answers(survey, text = 'Tydlig återrapportering.') {
  const form = { answer: '1' };
  for (const q of survey.questions) {
    const f = `q${q.id}`;
    if (q.kind === 'scale') form[f] = '4';
    else if (q.kind === 'yes_no') form[f] = 'no';
    else if (q.kind === 'single') form[f] = q.options[0];
    else if (q.kind === 'multiple') form[f] = [q.options[0]];
    else form[f] = text;
  }
  return form;
}

const recipientId = (surveyId, who) =>
  sql(`SELECT id FROM survey_recipient WHERE survey_id = ${surveyId} AND (email = '${who}' OR CAST(organisation_id AS TEXT) = '${who}')`);

function remind(today, args = []) {
  const r = spawnSync(BIN, ['remind', server.db, '--today', today, '--sendmail', box.ok, ...args],
    { encoding: 'utf8', env: { ...process.env, INSYN_PUBLIC_URL: '' }, timeout: 60000 });
  const surveyMails = messages(box.file).filter((m) => m.headers.subject.startsWith('Påminnelse: '));
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, mails: surveyMails };
}

let caseWorkerSurvey, providerSurvey, anonymousSurvey, externLink;

test('the case workers of the sample\'s placements answer inside the app, each only their own and once', async () => {
  const plan = await strategist.api('POST', '/api/v1/plans', {
    year: 2026, title: 'Plan för kontroll och uppföljning 2026', case_ref: 'SN-2025-00001', focus_case_ref: HVB,
    themes: ['Systematiskt kvalitetsarbete'], sample_case_ref: HVB, sample_from: '2025-04-01', sample_to: '2025-12-15', min_placements: 3,
  });
  assert.equal(plan.status, 201, plan.text);
  assert.deepEqual(plan.json().sample.map((u) => u.unit), ['HVB Alfa']);
  caseWorkerSurvey = await createSurvey({ template: 'case_workers_hvb', plan_id: plan.json().id });
  // recipients from the plan: the case workers of the sampled home's placements in the window
  const added = await strategist.post(`/enkater/${caseWorkerSurvey.id}/mottagare`, { from_plan: '1' });
  assert.equal(added.status, 303, added.text);
  assert.equal(joined(`SELECT email || '/' || organisation_id FROM survey_recipient WHERE survey_id = ${caseWorkerSurvey.id} ORDER BY email`, ' '),
    `extern@kommun.example/${orgs.a.id} ${users.caseWorker}/${orgs.a.id}`, 'not the placement before the window, not the home outside the sample');
  const opened = await strategist.post(`/enkater/${caseWorkerSurvey.id}/oppna`, { confirm: '1' });
  assert.equal(opened.status, 200, opened.text);
  const links = Object.fromEntries([...opened.text.matchAll(/<li>([^:<]+?)(?: \([^)]*\))?: <code>[^<]*\/svar\/([0-9a-f]{64})<\/code>/g)].map((m) => [m[1], m[2]]));
  assert.deepEqual(Object.keys(links).sort(), ['extern@kommun.example', users.caseWorker]);
  externLink = links['extern@kommun.example'];

  // Mina uppgifter tells the case worker; the list names the survey and the provider
  const tasks = await caseWorker.get('/mina-uppgifter');
  assert.match(tasks.text, /<a href="\/mina-enkater">Du har 1 enkät att besvara\.<\/a>/);
  assert.doesNotMatch((await colleague.get('/mina-uppgifter')).text, /enkät att besvara/);
  const list = await caseWorker.get('/mina-enkater');
  assert.equal(list.status, 200);
  const rid = recipientId(caseWorkerSurvey.id, users.caseWorker);
  assert.match(list.text, new RegExp(`href="/mina-enkater/${rid}">${caseWorkerSurvey.title}</a>`));
  assert.match(list.text, /Alfa behandlingshem AB/);
  // only one's own: another case worker, a provider and an unknown id get 404
  assert.equal((await colleague.get(`/mina-enkater/${rid}`)).status, 404);
  assert.equal((await providerA.get(`/mina-enkater/${rid}`)).status, 404);
  assert.equal((await colleague.post(`/mina-enkater/${rid}`, answers(caseWorkerSurvey))).status, 404);
  assert.equal((await caseWorker.get('/mina-enkater/999999')).status, 404);
  assert.equal((await caseWorker.get(`/mina-enkater/${recipientId(caseWorkerSurvey.id, 'extern@kommun.example')}`)).status, 404);
  // the form, sent back with a field error, then answered; a post without the session's token is refused
  const form = await caseWorker.get(`/mina-enkater/${rid}`);
  assert.equal(form.status, 200);
  assert.match(form.text, new RegExp(`action="/mina-enkater/${rid}"`));
  assert.equal((await caseWorker.post(`/mina-enkater/${rid}`, answers(caseWorkerSurvey), { csrf: false })).status, 403);
  const partial = answers(caseWorkerSurvey);
  delete partial[`q${caseWorkerSurvey.questions[0].id}`];
  const missing = await caseWorker.post(`/mina-enkater/${rid}`, partial);
  assert.equal(missing.status, 422);
  assert.match(missing.text, /Besvara frågan/);
  assert.equal(sql(`SELECT count(*) FROM survey_response WHERE survey_id = ${caseWorkerSurvey.id}`), '0');
  const done = await caseWorker.post(`/mina-enkater/${rid}`, answers(caseWorkerSurvey, 'Behandlingen följde planen.'));
  assert.equal(done.status, 303, done.text);
  assert.equal(done.headers.get('location'), '/mina-enkater?besvarad=1');
  assert.match((await caseWorker.get('/mina-enkater?besvarad=1')).text, /Tack, ditt svar är mottaget[\s\S]*Du har inga enkäter att besvara/);
  // once: the form, a second answer and the link made for the same recipient all say so
  assert.equal((await caseWorker.get(`/mina-enkater/${rid}`)).status, 409);
  assert.equal((await caseWorker.post(`/mina-enkater/${rid}`, answers(caseWorkerSurvey))).status, 409);
  assert.equal((await new Client(server.url).get(`/svar/${links[users.caseWorker]}`)).status, 409);
  const api = (await strategist.api('GET', `/api/v1/surveys/${caseWorkerSurvey.id}`)).json();
  assert.equal(api.count_text, '1 av 2 svarade');
  assert.equal(api.providers[0].organisation, 'Alfa behandlingshem AB');
  assert.deepEqual(api.results.find((r) => r.kind === 'text').texts, ['Behandlingen följde planen.']);
  // not anonymous: the audit names who answered
  assert.equal(sql(`SELECT actor FROM audit WHERE entity = 'survey' AND entity_id = ${caseWorkerSurvey.id} AND action = 'answer'`), users.caseWorker);
});

test('a provider answers the survey to it in the portal; another provider cannot', async () => {
  providerSurvey = await createSurvey({ template: 'providers_quality' });
  const added = await strategist.post(`/enkater/${providerSurvey.id}/mottagare`,
    { recipients: [orgs.a.org_nr, orgs.b.org_nr, orgs.c.org_nr, orgs.d.org_nr].join('\n') });
  assert.equal(added.status, 303, added.text);
  assert.equal((await strategist.post(`/enkater/${providerSurvey.id}/oppna`, { confirm: '1' })).status, 200);
  // the portal's start page and its menu
  const home = await providerA.get(`/utforare/${orgs.a.id}`);
  assert.match(home.text, /<a href="\/mina-enkater">Ni har 1 enkät att besvara\.<\/a>/);
  assert.match(home.text, /<a href="\/mina-enkater">Enkäter<\/a>/);
  const rid = recipientId(providerSurvey.id, orgs.a.id);
  const list = await providerA.get('/mina-enkater');
  assert.match(list.text, new RegExp(`href="/mina-enkater/${rid}"`));
  assert.doesNotMatch(list.text, new RegExp(`/mina-enkater/${recipientId(providerSurvey.id, orgs.b.id)}"`));
  assert.equal((await providerB.get(`/mina-enkater/${rid}`)).status, 404);
  assert.equal((await caseWorker.get(`/mina-enkater/${rid}`)).status, 404, 'staff do not answer for a provider');
  assert.equal((await providerA.post(`/mina-enkater/${rid}`, answers(providerSurvey, 'Egenkontroll varje månad.'))).status, 303);
  assert.equal((await providerA.get(`/mina-enkater/${rid}`)).status, 409);
  assert.match((await providerA.get(`/utforare/${orgs.a.id}`)).text, /^(?![\s\S]*enkät att besvara)/);
  const api = (await strategist.api('GET', `/api/v1/surveys/${providerSurvey.id}`)).json();
  assert.equal(api.count_text, '1 av 4 svarade');
  assert.deepEqual(api.providers.filter((p) => p.responses).map((p) => p.organisation), ['Alfa behandlingshem AB']);
  // a provider's user still sees none of the administration's survey pages
  assert.equal((await providerA.get(`/enkater/${providerSurvey.id}`)).status, 403);
});

test('an anonymous survey answered in the app ties the answer to no one, in the database and the audit', async () => {
  anonymousSurvey = await createSurvey({ template: 'ordering_unit' });
  const added = await strategist.post(`/enkater/${anonymousSurvey.id}/mottagare`, { recipients: `${users.caseWorker}\n${users.colleague}` });
  assert.equal(added.status, 303);
  assert.equal((await strategist.post(`/enkater/${anonymousSurvey.id}/oppna`, { confirm: '1' })).status, 200);
  const rid = recipientId(anonymousSurvey.id, users.caseWorker);
  assert.match((await caseWorker.get('/mina-enkater')).text, /Anonym/);
  assert.equal((await caseWorker.post(`/mina-enkater/${rid}`, answers(anonymousSurvey, 'Anonym synpunkt'))).status, 303);
  assert.match(sql(`SELECT coalesce(CAST(recipient_id AS TEXT), 'NULL') || '|' || coalesce(CAST(organisation_id AS TEXT), 'NULL') || '|' || submitted_at FROM survey_response WHERE survey_id = ${anonymousSurvey.id}`),
    /^NULL\|NULL\|\d{4}-\d{2}-\d{2}$/);
  assert.equal(sql(`SELECT answered || ':' || coalesce(answered_at, 'NULL') FROM survey_recipient WHERE id = ${rid}`), '1:NULL');
  const audit = sql(`SELECT actor || ' ' || coalesce(after_json, '') FROM audit WHERE entity = 'survey' AND entity_id = ${anonymousSurvey.id} AND action = 'answer'`);
  assert.ok(audit, 'the answer is audited');
  assert.doesNotMatch(audit, /handlaggare|recipient/);
});

test('reminders: staff and providers\' users are asked to answer in insyn; others get a new link that ends the old one', async () => {
  // not yet due: opened today
  rmSync(box.file, { force: true });
  const early = remind(inDays(3), ['--public-url', URL]);
  assert.equal(early.code, 0, early.stderr);
  assert.deepEqual(early.mails, []);
  assert.match(early.stdout, /Enkätpåminnelser per \d{4}-\d{2}-\d{2}: 0 obesvarade i 0 enkäter/);

  const today = inDays(8);
  const r = remind(today, ['--public-url', URL]);
  assert.equal(r.code, 2, 'Delta omsorg AB has neither users nor an address');
  assert.match(r.stderr, /Delta omsorg AB: utföraren har varken användare i insyn eller en e-postadress/);
  assert.match(r.stdout, new RegExp(`Enkätpåminnelser per ${today}: 5 obesvarade i 3 enkäter, öppna minst 7 dagar; 4 skickade, 1 misslyckades`));
  const to = (addr) => r.mails.filter((m) => m.headers.to === addr);
  assert.deepEqual(r.mails.map((m) => m.headers.to).sort(),
    ['extern@kommun.example', 'kontakt@gamma.example', users.colleague, users.providerB].sort(), 'one message per address');
  // staff with an account: to Mina uppgifter, no link
  const [staff] = to(users.colleague);
  assert.match(staff.body, /Hej .+!/);
  assert.match(staff.body, new RegExp(`- ${anonymousSurvey.title}\\n`));
  assert.match(staff.body, new RegExp(`${URL}/mina-uppgifter`));
  assert.match(staff.body, /anonym enkät sparar ditt svar utan koppling till dig/);
  assert.doesNotMatch(staff.body, /\/svar\//);
  // a provider's user: to the portal, no link
  const [portal] = to(users.providerB);
  assert.match(portal.body, /Beta vård AB har inte besvarat en enkät/);
  assert.match(portal.body, new RegExp(`${URL}/mina-enkater`));
  assert.doesNotMatch(portal.body, /\/svar\//);
  assert.equal(portal.headers.subject, `Påminnelse: ${providerSurvey.title}`);
  // a provider without users: its contact address, with a new link
  assert.match(to('kontakt@gamma.example')[0].body, new RegExp(`Gamma stöd AB har inte besvarat[\\s\\S]*${URL}/svar/[0-9a-f]{64}`));
  // a case worker without an account: a new link; the old one no longer works, the new one does
  const [extern] = to('extern@kommun.example');
  assert.match(extern.body, /\(om Alfa behandlingshem AB\)/);
  assert.match(extern.body, /ersätter länken som du fick tidigare/);
  const fresh = extern.body.match(new RegExp(`${URL}/svar/([0-9a-f]{64})`))[1];
  assert.notEqual(fresh, externLink);
  const stranger = new Client(server.url);
  assert.equal((await stranger.get(`/svar/${externLink}`)).status, 404);
  assert.equal((await stranger.get(`/svar/${fresh}`)).status, 200);
  // the survey page shows who was reminded; the API too
  const api = (await strategist.api('GET', `/api/v1/surveys/${caseWorkerSurvey.id}`)).json();
  assert.ok(api.recipient_list.find((x) => x.email === 'extern@kommun.example').reminded_on, today);
  assert.equal(api.recipient_list.find((x) => x.email === users.caseWorker).reminded_on, null, 'who answered is not reminded');
  assert.match((await strategist.get(`/enkater/${caseWorkerSurvey.id}`)).text, /Senast påmind/);
  // audited per survey, naming no recipient
  const audit = joined(`SELECT after_json FROM audit WHERE entity = 'survey' AND action = 'remind' ORDER BY id`, ' ');
  assert.ok(audit.includes('new_link'));
  assert.doesNotMatch(audit, /@/);

  // the same day again: nobody is due
  rmSync(box.file, { force: true });
  assert.deepEqual(remind(today, ['--public-url', URL]).mails, []);
  // a week on without insyn's address: no new link can be made; the last one keeps working
  const blind = remind(inDays(16));
  assert.equal(blind.code, 2);
  assert.match(blind.stderr, /extern@kommun\.example: en ny länk kräver insyns adress \(--public-url\)/);
  assert.ok(!blind.mails.some((m) => m.headers.to === 'extern@kommun.example'));
  assert.ok(blind.mails.some((m) => m.headers.to === users.colleague), 'staff are still reminded');
  assert.equal((await stranger.get(`/svar/${fresh}`)).status, 200);
  // a message that is not handed over changes nothing: the link sent before still works
  const failed = spawnSync(BIN, ['remind', server.db, '--today', inDays(30), '--public-url', URL, '--sendmail', box.fail], { encoding: 'utf8' });
  assert.equal(failed.status, 2);
  assert.equal((await stranger.get(`/svar/${fresh}`)).status, 200);
  // bad options
  const badUrl = spawnSync(BIN, ['remind', server.db, '--public-url', 'insyn.kommun.example'], { encoding: 'utf8' });
  assert.equal(badUrl.status, 1);
  assert.match(badUrl.stderr, /--public-url/);
  const badDays = spawnSync(BIN, ['remind', server.db, '--survey-days', '0'], { encoding: 'utf8' });
  assert.equal(badDays.status, 1);
  assert.match(badDays.stderr, /--survey-days ska vara ett heltal mellan 1 och 366/);
});
