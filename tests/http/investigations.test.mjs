// investigations.test.mjs — event-driven follow-ups and sanctions (issue 7, points 5 and 6):
// a follow-up planned by focus area shows up in the responsible person's Mina uppgifter; the
// delegation order decides who may decide a sanction; a termination ends the agreement, with
// its cause and last day, and leaves no planned follow-up after that day; the overview counts
// the terminations of the year by cause and lists the organisations under investigation; a
// provider user reaches none of it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, addUser, Client } from '../lib/harness.mjs';
import { orgNr, createOrg, createAgreement, stockholmDate } from './fixtures.mjs';

let server, strategist, deputy, manager, provider, org, other, agreement;
const ids = {};

before(async () => {
  server = await startServer({
    setup: (db) => {
      addUser(db, 'strateg@example.org', 'strategist');
      addUser(db, 'bitr@example.org', 'deputy_director');
      addUser(db, 'sektion@example.org', 'section_manager');
      addUser(db, 'admin@example.org', 'admin');
    },
  });
  strategist = new Client(server.url);
  assert.equal((await strategist.login('strateg@example.org')).status, 303);
  org = await createOrg(strategist, { name: 'Fenix Omsorg AB', org_nr: orgNr(7001) });
  other = await createOrg(strategist, { name: 'Annan Vård AB', org_nr: orgNr(7002) });
  agreement = await createAgreement(strategist, {
    case_ref: 'SN 2024/0100', title: 'Kundval hemtjänst', form: 'lov', service_area: 'home_care',
    organisation_id: org.id, start: '2024-01-01', end: stockholmDate(36),
  });
  // provider user of the organisation
  addUser(server.db, 'fenix@example.org', 'provider_user', org.org_nr);
  deputy = new Client(server.url);
  assert.equal((await deputy.login('bitr@example.org')).status, 303);
  manager = new Client(server.url);
  assert.equal((await manager.login('sektion@example.org')).status, 303);
  provider = new Client(server.url);
  assert.equal((await provider.login('fenix@example.org')).status, 303);
  // user ids from the sanction form's decision-makers and the follow-up form's people
  const form = await strategist.get('/utredningar/ny');
  assert.equal(form.status, 200, form.text);
  for (const m of form.text.matchAll(/<option value="(\d+)"[^>]*>([^<(]+) \(/g)) ids[m[2].trim()] = Number(m[1]);
  for (const email of ['strateg@example.org', 'bitr@example.org', 'sektion@example.org']) {
    assert.ok(ids[email], `${email} among the people: ${JSON.stringify(ids)}`);
  }
  assert.equal(ids['admin@example.org'], undefined, 'the administrator is not named responsible');
});
after(async () => {
  assert.equal((await server.stop()).code, 0);
});

let investigation;

test('a follow-up is opened with a plan and its areas appear in the responsible person\'s tasks', async () => {
  const bad = await strategist.api('POST', '/api/v1/investigations', { org_nr: org.org_nr });
  assert.equal(bad.status, 422, bad.text);
  const fields = bad.json().errors.map((e) => e.field);
  assert.ok(fields.includes('opened_on') && fields.includes('reason'), fields.join());

  const wrongAgreement = await strategist.api('POST', '/api/v1/investigations', {
    organisation_id: other.id, agreement_id: agreement.id, opened_on: stockholmDate(0), reason: 'Test',
  });
  assert.equal(wrongAgreement.status, 422);
  assert.equal(wrongAgreement.json().errors[0].field, 'agreement_id');

  const unknownSignal = await strategist.api('POST', '/api/v1/investigations', {
    organisation_id: org.id, opened_on: stockholmDate(0), reason: 'Test', signal_ids: [999999],
  });
  assert.equal(unknownSignal.status, 422);
  assert.equal(unknownSignal.json().errors[0].field, 'signal_ids');

  const res = await strategist.api('POST', '/api/v1/investigations', {
    org_nr: org.org_nr, agreement_id: agreement.id, kind: 'in_depth', opened_on: stockholmDate(0),
    reason: 'IVO har konstaterat brister i bemanning och kompetens.',
    communication_plan: 'Utföraren informeras skriftligt; handläggarna vid nästa APT.',
    responsible_id: ids['strateg@example.org'],
    areas: [{ area: 'Personalens kompetens', responsible_id: ids['sektion@example.org'], due: stockholmDate(1) }],
  });
  assert.equal(res.status, 201, res.text);
  investigation = res.json();
  assert.equal(investigation.status, 'open');
  assert.equal(investigation.kind, 'in_depth');
  assert.equal(investigation.organisation_id, org.id);
  assert.equal(investigation.areas.length, 1);
  assert.equal(investigation.areas[0].responsible_name, 'sektion@example.org');

  const area = await strategist.api('POST', `/api/v1/investigations/${investigation.id}/areas`, {
    area: 'Bemanning nattetid', responsible_id: ids['sektion@example.org'], due: stockholmDate(2),
  });
  assert.equal(area.status, 201, area.text);
  const badArea = await strategist.api('POST', `/api/v1/investigations/${investigation.id}/areas`, { area: 'Utan ansvarig' });
  assert.equal(badArea.status, 422);
  assert.ok(badArea.json().errors.some((e) => e.field === 'responsible_id'));

  const meeting = await strategist.api('POST', `/api/v1/investigations/${investigation.id}/meetings`, {
    held_on: stockholmDate(0), attendees: ['Strategen', 'Verksamhetschefen'], findings: 'Rutinerna är nya men kända av personalen.',
  });
  assert.equal(meeting.status, 201, meeting.text);
  assert.deepEqual(meeting.json().attendees, ['Strategen', 'Verksamhetschefen']);

  const tasks = await manager.get('/mina-uppgifter');
  assert.equal(tasks.status, 200);
  assert.match(tasks.text, /Fokusområde: Personalens kompetens/);
  assert.match(tasks.text, /Fokusområde: Bemanning nattetid/);
  assert.match(tasks.text, new RegExp(`href="/utredningar/${investigation.id}#omraden"`));
  const lead = await strategist.get('/mina-uppgifter');
  assert.match(lead.text, /Du leder uppföljningen/);

  // an area marked done with what was found leaves the responsible person's list
  const areaId = area.json().id;
  const done = await strategist.api('PATCH', `/api/v1/investigation-areas/${areaId}`, {
    area: 'Bemanning nattetid', responsible_id: ids['sektion@example.org'], due: stockholmDate(2),
    status: 'done', findings: 'Två vakna nattpersonal finns sedan oktober.',
  });
  assert.equal(done.status, 200, done.text);
  assert.equal(done.json().status, 'done');
  assert.equal((await strategist.api('PATCH', '/api/v1/investigation-areas/999999', { status: 'done' })).status, 404);
  const badStatus = await strategist.api('PATCH', `/api/v1/investigation-areas/${areaId}`, { status: 'maybe' });
  assert.equal(badStatus.status, 422);
  assert.doesNotMatch((await manager.get('/mina-uppgifter')).text, /Fokusområde: Bemanning nattetid/);
  // the same from the page's row form: open again
  const again = await strategist.post(`/omraden/${areaId}`, {
    area: 'Bemanning nattetid', responsible_id: String(ids['sektion@example.org']), due: stockholmDate(2),
    status: 'open', findings: 'Nattbemanningen följs upp igen i januari.',
  });
  assert.equal(again.status, 303);
  assert.equal(again.headers.get('location'), `/utredningar/${investigation.id}?sparat=1#omraden`);
  assert.match((await manager.get('/mina-uppgifter')).text, /Fokusområde: Bemanning nattetid/);
  assert.match((await strategist.get(`/utredningar/${investigation.id}`)).text, /Nattbemanningen följs upp igen i januari/);

  const page = await strategist.get(`/utredningar/${investigation.id}`);
  assert.equal(page.status, 200);
  assert.match(page.text, /Personalens kompetens/);
  assert.match(page.text, /Utföraren informeras skriftligt/);
  assert.match(page.text, /Rutinerna är nya/);
  const list = await strategist.get('/utredningar?status=open');
  assert.match(list.text, /Fenix Omsorg AB/);
  assert.match(list.text, /href="\/utredningar"/, 'the menu has Utredningar');
});

test('the web form opens a follow-up and refuses what is missing', async () => {
  const form = await manager.get(`/utredningar/ny?organisation_id=${other.id}`);
  assert.equal(form.status, 200);
  const bad = await manager.post('/utredningar', { organisation_id: String(other.id), reason: '' , opened_on: '' });
  assert.equal(bad.status, 422);
  assert.match(bad.text, /Anledningen måste anges/);
  const ok = await manager.post('/utredningar', {
    organisation_id: String(other.id), kind: 'event_driven', opened_on: stockholmDate(0), reason: 'Tre signaler om sena genomförandeplaner.',
    responsible_id: String(ids['sektion@example.org']), area: 'Genomförandeplaner', area_responsible_id: String(ids['sektion@example.org']), area_due: stockholmDate(1),
  });
  assert.equal(ok.status, 303, ok.text);
  const page = await manager.get(ok.headers.get('location'));
  assert.match(page.text, /Genomförandeplaner/);
  const id = ok.headers.get('location').match(/\/utredningar\/(\d+)/)[1];
  const badClose = await manager.post(`/utredningar/${id}/avsluta`, { outcome: 'no_remarks', summary: 'Inga brister.', closed_on: '2000-01-01' });
  assert.equal(badClose.status, 422);
  assert.match(badClose.text, /före den dag uppföljningen inleddes/);
  const close = await manager.post(`/utredningar/${id}/avsluta`, { outcome: 'remarks_corrected', summary: 'Planerna är nu upprättade.', closed_on: stockholmDate(0) });
  assert.equal(close.status, 303);
  const closed = await manager.api('GET', `/api/v1/investigations/${id}`);
  assert.equal(closed.json().status, 'closed');
  assert.equal(closed.json().outcome, 'remarks_corrected');
  const again = await manager.api('POST', `/api/v1/investigations/${id}/meetings`, { held_on: stockholmDate(0), attendees: 'A', findings: 'B' });
  assert.equal(again.status, 409, 'a closed follow-up is not changed');
});

test('the delegation order decides who may decide a sanction', async () => {
  const warnByStrategist = await strategist.api('POST', `/api/v1/agreements/${agreement.id}/sanctions`, {
    kind: 'warning', decided_on: stockholmDate(0), decided_by: ids['strateg@example.org'], reason: 'Allvarlig händelse rapporterades inte.',
  });
  assert.equal(warnByStrategist.status, 422, warnByStrategist.text);
  const err = warnByStrategist.json().errors.find((e) => e.field === 'decided_by');
  assert.ok(err, warnByStrategist.text);
  assert.match(err.message, /biträdande socialdirektör eller socialdirektör/);

  const correction = await strategist.api('POST', `/api/v1/agreements/${agreement.id}/sanctions`, {
    kind: 'correction_request', decided_on: stockholmDate(0), decided_by: ids['strateg@example.org'], reason: 'Genomförandeplaner saknas.',
  });
  assert.equal(correction.status, 201, correction.text);

  const penalty = await strategist.api('POST', `/api/v1/agreements/${agreement.id}/sanctions`, {
    kind: 'penalty', decided_on: stockholmDate(0), decided_by: ids['bitr@example.org'], reason: 'Månadsrapporter saknas.',
  });
  assert.equal(penalty.status, 422);
  assert.ok(penalty.json().errors.some((e) => e.field === 'amount'));

  const warning = await strategist.api('POST', `/api/v1/agreements/${agreement.id}/sanctions`, {
    kind: 'warning', decided_on: stockholmDate(0), decided_by: ids['bitr@example.org'], reason: 'Allvarlig händelse rapporterades inte.',
    investigation_id: investigation.id,
  });
  assert.equal(warning.status, 201, warning.text);
  const s = warning.json();
  assert.equal(s.decided_by_role, 'deputy_director');
  const history = await strategist.api('GET', `/api/v1/agreements/${agreement.id}/history`);
  assert.equal(history.status, 200);
  const audit = await strategist.api('GET', `/api/v1/investigations/${investigation.id}`);
  assert.ok(audit.json().sanctions.some((x) => x.id === s.id), 'the sanction is listed with the follow-up');

  const vite = await deputy.api('POST', `/api/v1/agreements/${agreement.id}/sanctions`, {
    kind: 'penalty', decided_on: stockholmDate(0), decided_by: ids['bitr@example.org'], reason: 'Månadsrapporter saknas.', amount: 25000.5,
  });
  assert.equal(vite.status, 201, vite.text);
  assert.equal(vite.json().amount_ore, 2500050);

  const list = await strategist.api('GET', `/api/v1/agreements/${agreement.id}/sanctions`);
  assert.equal(list.json().items.length, 3);
  const page = await strategist.get(`/avtal/${agreement.id}`);
  assert.match(page.text, /Registrera sanktion/);
  assert.match(page.text, /Varning/);
  assert.match(page.text, /25 000,50 kr/);
  const form = await strategist.get(`/avtal/${agreement.id}/sanktioner/ny`);
  assert.equal(form.status, 200);
  assert.match(form.text, /bitr@example.org, Biträdande socialdirektör: får besluta om/);
  const badForm = await strategist.post(`/avtal/${agreement.id}/sanktioner`, { kind: 'warning', decided_on: stockholmDate(0), decided_by: String(ids['strateg@example.org']), reason: 'x' });
  assert.equal(badForm.status, 422);
  assert.match(badForm.text, /Varning beslutas av biträdande socialdirektör eller socialdirektör enligt delegationsordningen/);
});

test('a termination ends the agreement with its cause and leaves no follow-up after the end', async () => {
  const before = await strategist.api('GET', `/api/v1/agreements/${agreement.id}/followups`);
  assert.ok(before.json().items.some((f) => f.due > stockholmDate(2)), 'planned follow-ups after the coming end exist before');
  const missing = await deputy.api('POST', `/api/v1/agreements/${agreement.id}/sanctions`, {
    kind: 'termination', decided_on: stockholmDate(0), decided_by: ids['bitr@example.org'], reason: 'IVO har återkallat tillståndet.',
  });
  assert.equal(missing.status, 422);
  const fields = missing.json().errors.map((e) => e.field);
  assert.ok(fields.includes('ends_on') && fields.includes('cause'), fields.join());

  const end = stockholmDate(2);
  const res = await deputy.api('POST', `/api/v1/agreements/${agreement.id}/sanctions`, {
    kind: 'termination', decided_on: stockholmDate(0), decided_by: ids['bitr@example.org'], reason: 'IVO har återkallat tillståndet.',
    ends_on: end, cause: 'permit_revoked',
  });
  assert.equal(res.status, 201, res.text);
  const g = (await strategist.api('GET', `/api/v1/agreements/${agreement.id}`)).json();
  assert.equal(g.status, 'terminated');
  assert.equal(g.end, end);
  assert.equal(g.termination_reason, 'IVO har återkallat tillståndet.');
  const followups = (await strategist.api('GET', `/api/v1/agreements/${agreement.id}/followups`)).json().items;
  const late = followups.filter((f) => f.due > end && f.status !== 'done');
  assert.deepEqual(late, [], 'no planned follow-up after the agreement\'s last day');
  const history = (await strategist.api('GET', `/api/v1/agreements/${agreement.id}/history`)).json();
  const items = history.items ?? history;
  const terminate = items.find((e) => e.action === 'terminate');
  assert.ok(terminate, JSON.stringify(items).slice(0, 400));
  assert.equal(terminate.after.termination_cause, 'permit_revoked');
  assert.equal(terminate.after.terminated_on, end);
  const page = await strategist.get(`/avtal/${agreement.id}`);
  assert.match(page.text, /IVO har återkallat tillståndet/);
  assert.match(page.text, new RegExp(`Avtalet upphörde</dt><dd>${end}`));

  const again = await deputy.api('POST', `/api/v1/agreements/${agreement.id}/sanctions`, {
    kind: 'rescission', decided_on: stockholmDate(0), decided_by: ids['bitr@example.org'], reason: 'x', ends_on: end, cause: 'breach',
  });
  assert.equal(again.status, 409);
});

test('the overview counts this year\'s terminations by cause and lists organisations under investigation', async () => {
  const d = (await strategist.api('GET', '/api/v1/dashboard')).json();
  const end = stockholmDate(2);
  if (end.slice(0, 4) === stockholmDate(0).slice(0, 4)) {
    const row = d.terminated_by_cause.find((r) => r.cause === 'permit_revoked');
    assert.ok(row, JSON.stringify(d.terminated_by_cause));
    assert.equal(row.count, 1);
    assert.equal(row.label, 'IVO har återkallat tillståndet');
  }
  const under = d.under_investigation.find((r) => r.investigation_id === investigation.id);
  assert.ok(under, JSON.stringify(d.under_investigation));
  assert.equal(under.organisation_name, 'Fenix Omsorg AB');
  assert.equal(under.responsible, 'strateg@example.org');
  assert.ok(!d.under_investigation.some((r) => r.organisation_id === other.id), 'a closed follow-up is not listed');
  const page = await strategist.get('/oversikt');
  assert.match(page.text, /Utförare under utredning/);
  assert.match(page.text, new RegExp(`href="/utredningar/${investigation.id}">Fenix Omsorg AB`));
});

test('a provider user reaches none of it', async () => {
  for (const path of ['/utredningar', '/utredningar/ny', `/utredningar/${investigation.id}`, `/avtal/${agreement.id}/sanktioner/ny`]) {
    assert.equal((await provider.get(path)).status, 403, path);
  }
  for (const path of ['/api/v1/investigations', `/api/v1/investigations/${investigation.id}`, `/api/v1/agreements/${agreement.id}/sanctions`]) {
    assert.equal((await provider.api('GET', path)).status, 403, path);
  }
  for (const path of ['/api/v1/investigations', `/api/v1/investigations/${investigation.id}/areas`, `/api/v1/investigations/${investigation.id}/meetings`,
    `/api/v1/investigations/${investigation.id}/close`, `/api/v1/agreements/${agreement.id}/sanctions`]) {
    assert.equal((await provider.api('POST', path, {})).status, 403, path);
  }
  for (const path of ['/utredningar', `/utredningar/${investigation.id}/omraden`, `/utredningar/${investigation.id}/moten`,
    `/utredningar/${investigation.id}/avsluta`, `/avtal/${agreement.id}/sanktioner`]) {
    assert.equal((await provider.post(path, {})).status, 403, path);
  }
  const agreementPage = await provider.get(`/avtal/${agreement.id}`);
  assert.equal(agreementPage.status, 200);
  assert.doesNotMatch(agreementPage.text, /Registrera sanktion/);
  assert.doesNotMatch(agreementPage.text, /href="\/utredningar"/);
  assert.equal((await strategist.api('GET', '/api/v1/investigations/999999')).status, 404);
  assert.equal((await strategist.api('GET', '/api/v1/agreements/999999/sanctions')).status, 404);
});
