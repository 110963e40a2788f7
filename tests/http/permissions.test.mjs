// permissions.test.mjs — every role against every route.
//
// The expected role × permission table below is written out by hand from the design
// (core/permission.c); a change to the C table that is not made here too fails this test.
// The routes themselves come from `insyn routes --format json`, so a new route is walked
// as soon as it exists.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, addUser, cli, Client, PASSWORD } from '../lib/harness.mjs';
import { sql } from '../lib/sql.mjs';
import { orgNr, createOrg, createUnit, createAgreement, stockholmDate } from './fixtures.mjs';

const READ_ALL = ['logged_in', 'dashboard', 'organisation.read', 'agreement.read'];
const WRITE = ['organisation.write', 'agreement.write'];

// role → the permissions it holds ("public" is everyone's, logged in or not).
const RECORD = ['follow_up.write'];
const MANAGE = ['routine.write', 'people.write'];
// signals: everyone of the administration reports and reads; reviewers also see who reported
const SIGNALS = ['signal.report', 'signal.read', 'risk.read'];
const REVIEW = ['signal.review', 'signal.reporter'];
const CONTROL = ['check.write', 'investigation.write', 'sanction.write'];
// the planned follow-up: the volume data read by staff, entered by some, planned by the strategist
const VOLUME = ['volume.read', 'volume.write'];
const PLAN = [...VOLUME, 'plan.write'];
// the committee's reports: written by the strategist and the deputy director, read with risk.read
const REPORT = ['report.write'];
// LOV applications (seed 003): handled by the strategist with the lawyer's support, assessed
// with the deputy director; the committee secretary records and announces the decision; the
// section manager and the 1:e socialsekreterare take part in the introduction and read them.
// Not for provider users.
const APPLICATIONS = ['application.read', 'application.write'];
const EXPECTED = {
  admin: [...READ_ALL, ...WRITE, 'audit.read', 'audit.anchor', ...RECORD, ...MANAGE, ...SIGNALS, ...REVIEW, ...CONTROL,
    'settings.write', ...PLAN, ...REPORT, ...APPLICATIONS, 'application.decide'],
  strategist: [...READ_ALL, ...WRITE, 'audit.read', ...RECORD, ...SIGNALS, ...REVIEW, ...CONTROL, ...PLAN, ...REPORT,
    ...APPLICATIONS],
  coordinator: [...READ_ALL, ...SIGNALS, ...REVIEW, ...VOLUME],
  case_worker: [...READ_ALL, ...SIGNALS, 'volume.read'],
  senior_case_worker: [...READ_ALL, ...RECORD, ...SIGNALS, 'investigation.write', 'volume.read', 'application.read'],
  section_manager: [...READ_ALL, ...RECORD, ...SIGNALS, 'investigation.write', 'volume.read', 'application.read'],
  deputy_director: [...READ_ALL, ...WRITE, 'audit.read', ...RECORD, ...MANAGE, ...SIGNALS, ...REVIEW,
    ...CONTROL, ...PLAN, ...REPORT, ...APPLICATIONS, 'application.decide'],
  director: [...READ_ALL, 'audit.read', ...MANAGE, ...SIGNALS, 'sanction.write', 'volume.read', 'application.read'],
  lawyer: [...READ_ALL, 'audit.read', ...RECORD, ...SIGNALS, ...REVIEW, ...CONTROL, 'volume.read', ...APPLICATIONS],
  controller: [...READ_ALL, 'audit.read', ...RECORD, ...SIGNALS, 'check.write', ...VOLUME],
  committee_secretary: [...READ_ALL, 'signal.read', 'risk.read', 'volume.read', 'application.read', 'application.decide'],
  reader: [...READ_ALL, 'signal.read', 'risk.read', 'volume.read', 'application.read'],
  provider_user: ['logged_in', 'organisation.read', 'agreement.read', 'signal.read'],
};
const ROLES = Object.keys(EXPECTED);
const PERMISSIONS = ['public', 'logged_in', 'dashboard', 'organisation.read', 'organisation.write',
  'agreement.read', 'agreement.write', 'audit.read', 'audit.anchor', 'routine.write', 'follow_up.write', 'people.write',
  'signal.report', 'signal.read', 'signal.review', 'signal.reporter', 'risk.read', 'check.write',
  'investigation.write', 'sanction.write', 'settings.write', 'volume.read', 'volume.write', 'plan.write',
  'report.write', 'application.read', 'application.write', 'application.decide'];

function mayDo(role, permission) {
  return permission === 'public' || EXPECTED[role].includes(permission);
}

const email = (role) => `${role.replaceAll('_', '.')}@example.org`;

let server;
let routes;
const ids = {};
// ids that differ by role: a route that shows only one's own (the surveys one is asked)
const own = {};

before(async () => {
  const listed = cli(['routes', '--format', 'json']);
  assert.equal(listed.code, 0, listed.stderr);
  routes = JSON.parse(listed.stdout);
  server = await startServer({ setup: (db) => addUser(db, email('admin'), 'admin') });
  const admin = new Client(server.url);
  assert.equal((await admin.login(email('admin'))).status, 303);
  const org = await createOrg(admin, { name: 'Behörighetens utförare AB', org_nr: orgNr(101) });
  const unit = await createUnit(admin, { organisation_id: org.id, name: 'Behörighetens enhet' });
  const agreement = await createAgreement(admin, {
    case_ref: 'SN 2024/0001', title: 'Behörighetens avtal', organisation_id: org.id, unit_ids: [unit.id],
  });
  ids.organisation = org.id;
  ids.unit = unit.id;
  ids.agreement = agreement.id;
  // an assignment of last year: the agreement's report (/avtal/:id/rapport, last year unless
  // ?ar= says otherwise) has something to say
  const lastYear = Number(stockholmDate().slice(0, 4)) - 1;
  const assignment = await admin.api('POST', '/api/v1/assignments', {
    agreement_id: agreement.id, client: 'B-1', kind: 'advice_support', age_group: 'child',
    received: `${lastYear}-03-01`, closed: `${lastYear}-04-01`, hours: '3',
  });
  assert.equal(assignment.status, 201, assignment.text);
  // the public calendar feed /kalender/:id needs a real link (TOKEN.ics): a bogus one is 404
  const link = await admin.post('/kalender', { kind: 'person' });
  assert.equal(link.status, 200, link.text);
  ids.more = { ...ids.more, kalender: link.text.match(/\/kalender\/([0-9a-f]{64}\.ics)"/)[1] };
  // a follow-up (a LOV agreement gets them from routine 1) whose record version 1 is signed,
  // with an attachment, and version 2 a draft correction: the provider user sees version 1
  const lov = await createAgreement(admin, {
    case_ref: 'SN 2024/0002', title: 'Behörighetens kundval', form: 'lov', organisation_id: org.id,
    start: '2020-01-01', end: '2022-12-31', requirements: ['Behörighetens krav'],
  });
  const followup = (await admin.api('GET', `/api/v1/agreements/${lov.id}/followups`)).json().items[0].id;
  const record = {
    held_on: '2020-03-01', place: 'written', attendees_municipality: ['Behörighetens strateg'],
    topics: 'Behörighetens frågor', provider_answers: 'Skriftliga svar', overall_assessment: 'Avtalet följs.',
  };
  assert.equal((await admin.api('POST', `/api/v1/followups/${followup}/records`, record)).status, 201);
  const form = new FormData();
  form.append('csrf', admin.csrf);
  form.append('file', new Blob(['behörighet']), 'bilaga.txt');
  const upload = await fetch(`${server.url}/uppfoljningar/${followup}/bilagor`, {
    method: 'POST', body: form, headers: { Cookie: admin.cookieHeader() }, redirect: 'manual',
  });
  assert.equal(upload.status, 303);
  assert.equal((await admin.api('POST', `/api/v1/followups/${followup}/record/sign`, { confirm: true })).status, 200);
  const corrected = await admin.api('POST', `/api/v1/followups/${followup}/records`, { ...record, correction_reason: 'Test' });
  assert.equal(corrected.status, 201, corrected.text);
  const attachment = corrected.json().versions[1].attachments[0].id;
  ids.more = { ...ids.more, uppfoljningar: followup, followups: followup, bilagor: attachment };
  // a signal about the organisation, reviewed in a coordinators' meeting, so that the
  // provider user may see it too
  const signal = await admin.api('POST', '/api/v1/signals', {
    org_nr: org.org_nr, date: '2024-03-01', source: 'case_worker', category: 'other', description: 'Behörighetens signal',
  });
  assert.equal(signal.status, 201, signal.text);
  const meeting = await admin.api('POST', '/api/v1/coordinator-meetings', {
    held_on: '2024-03-05', attendees: ['Behörighetens samordnare'], signals: [{ signal_id: signal.json().id, outcome: 'no_action' }],
  });
  assert.equal(meeting.status, 201, meeting.text);
  ids.more = { ...ids.more, signaler: signal.json().id, signals: signal.json().id,
    samordnarmoten: meeting.json().id, 'coordinator-meetings': meeting.json().id,
    rapporter: 2024 }; // the year of the signal: the annual report has something to say
  // an event-driven follow-up for /utredningar/:id and /api/v1/investigations/:id
  const investigation = await admin.api('POST', '/api/v1/investigations', {
    organisation_id: org.id, agreement_id: agreement.id, opened_on: '2024-02-01', reason: 'Behörighetens uppföljning',
  });
  assert.equal(investigation.status, 201, investigation.text);
  ids.more = { ...ids.more, utredningar: investigation.json().id, investigations: investigation.json().id };
  // a focus area of it, for /omraden/:id and /api/v1/investigation-areas/:id
  addUser(server.db, 'ansvarig@example.org', 'strategist');
  const responsible = Number(sql(server.db, "SELECT id FROM app_user WHERE email = 'ansvarig@example.org'"));
  const area = await admin.api('POST', `/api/v1/investigations/${investigation.json().id}/areas`, {
    area: 'Behörighetens fokusområde', responsible_id: responsible, due: '2030-01-01',
  });
  assert.equal(area.status, 201, area.text);
  ids.more = { ...ids.more, omraden: area.json().id, 'investigation-areas': area.json().id };
  // a draft control plan for /kontrollplaner/:id and /api/v1/plans/:id (empty forms never approve it)
  const plan = await admin.api('POST', '/api/v1/plans', {
    year: 2030, title: 'Behörighetens kontrollplan', focus_case_ref: 'SN 2024/0001', sample_case_ref: 'SN 2024/0001',
    sample_from: '2024-01-01', sample_to: '2024-12-31',
  });
  assert.equal(plan.status, 201, plan.text);
  ids.more = { ...ids.more, kontrollplaner: plan.json().id, plans: plan.json().id };
  // an open survey for /enkater/:id and /api/v1/surveys/:id, and a real link of it for the
  // public /svar/:id (empty forms neither open, close nor answer it)
  // every member of staff is one of its recipients, for their own /mina-enkater/:id
  const staff = ROLES.filter((r) => r !== 'provider_user');
  const survey = await admin.api('POST', '/api/v1/surveys', { template: 'ordering_unit' });
  assert.equal(survey.status, 201, survey.text);
  const recipients = ['mottagare@example.org', ...staff.map(email)].join('\n');
  assert.equal((await admin.post(`/enkater/${survey.json().id}/mottagare`, { recipients })).status, 303);
  const opened = await admin.post(`/enkater/${survey.json().id}/oppna`, { confirm: '1' });
  assert.equal(opened.status, 200, opened.text);
  ids.more = { ...ids.more, enkater: survey.json().id, surveys: survey.json().id,
    svar: opened.text.match(/\/svar\/([0-9a-f]{64})</)[1] };
  // and the provider is asked in another, which its user answers in the portal
  const toProvider = await admin.api('POST', '/api/v1/surveys', { template: 'providers_quality' });
  assert.equal((await admin.post(`/enkater/${toProvider.json().id}/mottagare`, { recipients: org.org_nr })).status, 303);
  assert.equal((await admin.post(`/enkater/${toProvider.json().id}/oppna`, { confirm: '1' })).status, 200);
  const recipientOf = (surveyId, where) => Number(sql(server.db,
    `SELECT id FROM survey_recipient WHERE survey_id = ${surveyId} AND ${where}`));
  for (const role of ROLES)
    own[role] = { 'mina-enkater': role === 'provider_user'
      ? recipientOf(toProvider.json().id, `organisation_id = ${org.id}`)
      : recipientOf(survey.json().id, `email = '${email(role)}'`) };
  // a LOV application still being handled, for /api/v1/applications/:id (an empty decision,
  // announcement or signing is 422 on it), and an approved one whose introduction items
  // (/api/v1/onboarding-items/:id) each read-only role answers for one of: a role that may
  // not work applications may still change an item it is responsible for
  const received = '2024-01-10';
  const apply = async (org_nr, name) => {
    const res = await admin.api('POST', '/api/v1/applications', {
      org_nr, name, service_area: 'home_care', personal_care: true, received,
    });
    assert.equal(res.status, 201, res.text);
    return res.json();
  };
  const pending = await apply(orgNr(102), 'Behörighetens sökande AB');
  const approved = await apply(orgNr(103), 'Behörighetens godkända AB');
  const post = async (path, body) => {
    const res = await admin.api('POST', `/api/v1/applications/${approved.id}/${path}`, body);
    assert.ok(res.status === 200 || res.status === 201, `${path}: ${res.text}`);
    return res.json();
  };
  await post('steps', { step: 'supplements', complete_on: '2024-01-15' });
  await post('steps', { step: 'qms', done_on: '2024-01-16', approved: true });
  for (const about of ['management', 'management', 'operations_manager', 'operations_manager'])
    await post('references', { about, referee: 'Behörighetens referens', asked_on: '2024-01-17', asked_by: 'Strategen', statement: 'Bra.' });
  for (const check of [{ kind: 'credit', bureau: 'uc', value: 4 },
    { kind: 'tax', f_tax: true, taxes_paid: true, contributions_paid: true, enforcement_debt: 0 }]) {
    const res = await admin.api('POST', '/api/v1/checks', { org_nr: approved.org_nr, checked_on: '2024-01-12', ...check });
    assert.equal(res.status, 201, res.text);
  }
  const decided = await post('decision', { outcome: 'approve', decided_on: '2024-01-20', paragraph: '§ 1' });
  assert.equal(decided.status, 'approved');
  ids.more = { ...ids.more, applications: pending.id };
  for (const role of ROLES.filter((r) => r !== 'admin'))
    addUser(server.db, email(role), role, role === 'provider_user' ? org.org_nr : null);
  const userId = (role) => Number(sql(server.db, `SELECT id FROM app_user WHERE email = '${email(role)}'`));
  // items after the two that wait for legal force
  const items = decided.onboarding.slice(2);
  for (const role of ROLES) {
    const reads = mayDo(role, 'application.read') && !mayDo(role, 'application.write');
    const it = reads ? items.shift() : decided.onboarding[2];
    if (reads) {
      const res = await admin.api('PATCH', `/api/v1/onboarding-items/${it.id}`, { responsible_id: userId(role) });
      assert.equal(res.status, 200, res.text);
    }
    own[role]['onboarding-items'] = it.id;
    own[role].introduktion = it.id;
  }
  // the provider's own application, for its portal pages; a supplement it sent, for
  // /ansokningsfiler/:id (staff are sent from the portal's pages to the case)
  const mine = await apply(org.org_nr, org.name);
  const provider = new Client(server.url);
  assert.equal((await provider.login(email('provider_user'))).status, 303);
  const supplement = new FormData();
  supplement.append('csrf', provider.csrf);
  supplement.append('file', new Blob(['komplettering']), 'komplettering.txt');
  const sent = await fetch(`${server.url}/mina-ansokningar/${mine.id}/filer`, {
    method: 'POST', body: supplement, headers: { Cookie: provider.cookieHeader() }, redirect: 'manual',
  });
  assert.equal(sent.status, 303);
  const file = Number(sql(server.db, `SELECT id FROM application_file WHERE application_id = ${mine.id}`));
  ids.more = { ...ids.more, ansokningar: pending.id, ansokningsfiler: file };
  for (const role of ROLES)
    own[role]['mina-ansokningar'] = role === 'provider_user' ? mine.id : pending.id;
});
after(async () => {
  const exit = await server.stop();
  assert.equal(exit.code, 0, 'the server stops cleanly on SIGTERM');
});

// A route pattern with real ids: the first segment (after /api/v1) names the collection; a
// role's own ids for the routes that show only one's own (any for an anonymous request).
function concrete(path, role) {
  const collection = path.replace(/^\/api\/v1/, '').split('/')[1];
  // routine 1 and its activities ship with every database
  const id = { utforare: ids.organisation, organisations: ids.organisation, enheter: ids.unit, units: ids.unit,
    avtal: ids.agreement, agreements: ids.agreement, rutiner: 1, aktiviteter: 5, ...ids.more, ...own[role ?? 'admin'] }[collection];
  return path.replaceAll(':file', 'style.css').replaceAll(':id', () => {
    assert.ok(id, `no id for ${path}`);
    return String(id);
  });
}

// Sends the route's request as `c` would: forms with the session's CSRF token, API calls
// with the header and a JSON body. POST /login carries the pre-login token and the
// credentials of `role` (of admin for an anonymous client).
async function send(c, route, role) {
  const path = concrete(route.path, role);
  if (route.method === 'POST' && route.path === '/login') {
    let token = c.cookies.get('insyn_prelogin');
    if (!token) {
      const page = await c.get('/login');
      token = page.text.match(/name="csrf" value="([0-9a-f]{64})"/)[1];
    }
    return c.post('/login', { email: email(role ?? 'admin'), password: PASSWORD, next: '/' }, { csrf: token });
  }
  if (route.api) return c.api(route.method, path, route.method === 'GET' ? undefined : {});
  if (route.method === 'GET') return c.get(path);
  return c.post(path, {});
}

// Sent to the login form: the dispatcher's redirect (with next) or a bare /login. Logging
// out ends at /login?utloggad=1, which is not a refusal.
function refusedToLogin(res) {
  return res.status === 303 && /^\/login(\?next=|$)/.test(res.headers.get('location') ?? '');
}

// What happened, in words, for the failure list.
function outcome(route, res, role) {
  return `${role ?? 'anonymous'} ${route.method} ${route.path} → ${res.status}` +
    (res.headers.get('location') ? ` ${res.headers.get('location')}` : '');
}

test('the binary grants each route to exactly the roles the design says', () => {
  assert.ok(routes.length >= 30, 'the route table is not empty');
  const mismatches = [];
  for (const r of routes) {
    if (!PERMISSIONS.includes(r.permission)) {
      mismatches.push(`${r.method} ${r.path}: unknown permission ${r.permission}`);
      continue;
    }
    const want = ROLES.filter((role) => mayDo(role, r.permission));
    const got = [...r.roles];
    if (JSON.stringify([...got].sort()) !== JSON.stringify([...want].sort()))
      mismatches.push(`${r.method} ${r.path} (${r.permission}): binary grants [${got}], design [${want}]`);
    assert.equal(typeof r.api, 'boolean');
    assert.equal(r.api, r.path.startsWith('/api/'), `${r.path}: api flag matches the path`);
  }
  assert.deepEqual(mismatches, []);
  // every role of the design is known to the binary, and no other
  const everyone = routes.find((r) => r.permission === 'public').roles;
  assert.deepEqual([...everyone].sort(), [...ROLES].sort());
  // every permission of the design is used by some route, but those that decide what a page
  // shows (who reported a signal, the audit log's head on the overview) rather than whether it
  // may be opened
  const SHOWN_ONLY = ['signal.reporter', 'audit.anchor'];
  for (const p of PERMISSIONS.filter((x) => !SHOWN_ONLY.includes(x)))
    assert.ok(routes.some((r) => r.permission === p), `a route needs ${p}`);
});

test('anonymous requests: pages redirect to /login, the API answers 401', async () => {
  const c = new Client(server.url);
  const problems = [];
  for (const route of routes) {
    const res = await send(c, route, null);
    if (route.permission === 'public') {
      if (res.status >= 400) problems.push(`${outcome(route, res)}: a public route`);
      if (route.method === 'POST' && route.path === '/login') {
        // that logged c in; start over as anonymous
        c.cookies.delete('insyn_session');
      }
      continue;
    }
    if (route.api) {
      const ok = res.status === 401 && /^application\/problem\+json/.test(res.headers.get('content-type')) &&
        /^Bearer/.test(res.headers.get('www-authenticate') ?? '') && res.json().status === 401;
      if (!ok) problems.push(`${outcome(route, res)}: expected 401 problem+json`);
    } else {
      const want = `/login?next=${encodeURIComponent(concrete(route.path))}`;
      if (res.status !== 303 || res.headers.get('location') !== want)
        problems.push(`${outcome(route, res)}: expected 303 to ${want}`);
    }
  }
  assert.deepEqual(problems, []);
});

// Roles are walked side by side; each has its own session. The role's own login is its
// request of POST /login, so that each role logs in (argon2id) once.
test('every role against every route', { concurrency: 4 }, async (t) => {
  await Promise.all(ROLES.map((role) =>
    t.test(`${role}: allowed exactly where the design allows`, async () => {
      const c = new Client(server.url);
      const login = await c.login(email(role));
      assert.equal(login.status, 303, `${role} logs in`);
      assert.match(c.csrf ?? '', /^[0-9a-f]{64}$/, 'the session has a CSRF token');
      const problems = [];
      // log out last: it ends the session the other requests use
      const ordered = [...routes].sort((a, b) => (a.path === '/logout') - (b.path === '/logout'));
      for (const route of ordered) {
        const res = route.method === 'POST' && route.path === '/login' ? login : await send(c, route, role);
        const allowed = mayDo(role, route.permission);
        if (allowed) {
          const ok = [200, 201, 303, 422].includes(res.status) && !refusedToLogin(res);
          if (!ok) problems.push(`${outcome(route, res, role)}: expected allowed`);
        } else {
          let ok = res.status === 403;
          if (ok && route.api) ok = /^application\/problem\+json/.test(res.headers.get('content-type')) && res.json().status === 403;
          if (ok && !route.api) ok = /Behörighet saknas/.test(res.text);
          if (!ok) problems.push(`${outcome(route, res, role)}: expected 403`);
        }
      }
      assert.deepEqual(problems, []);
      // after POST /logout the session is gone
      const gone = await c.get('/utforare');
      assert.ok(refusedToLogin(gone), `${role} is logged out at the end`);
    })));
});
