// openapi.test.mjs — docs/openapi.json against the running server: every API route is
// documented and every documented operation is a route; real responses (lists, single
// entities, history, the overview, writes and errors) validate against the documented
// schemas, which are closed, so that a renamed, missing or extra field fails here.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startServer, addUser, cli, Client, bearer } from '../lib/harness.mjs';
import { validate, resolveRef, refsIn } from '../lib/schema.mjs';

const spec = JSON.parse(readFileSync(new URL('../../docs/openapi.json', import.meta.url), 'utf8'));
const DEMO_PASSWORD = 'sjobacka-demo-2026';
const EMAIL = 'strateg@sjobacka.example';
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

let server, token, adminToken;
before(async () => {
  server = await startServer({
    demo: true,
    setup: (db) => {
      const r = cli(['token', 'create', db, '--email', EMAIL]);
      if (r.code !== 0) throw new Error(`token create: ${r.stderr}`);
      token = r.stdout.trim();
      // the committee's decision on an application is neither the strategist's nor the demo's to give
      addUser(db, 'openapi-admin@example.org', 'admin');
      const a = cli(['token', 'create', db, '--email', 'openapi-admin@example.org']);
      if (a.code !== 0) throw new Error(`token create: ${a.stderr}`);
      adminToken = a.stdout.trim();
    },
  });
});
after(async () => {
  const exit = await server.stop();
  assert.equal(exit.code, 0, 'the server stops cleanly on SIGTERM');
});

// ---- the description ----

const deref = (node) => (node && node.$ref ? deref(resolveRef(spec, node.$ref)) : node);

function operations() {
  const ops = [];
  for (const [path, item] of Object.entries(spec.paths))
    for (const method of METHODS)
      if (item[method]) ops.push({ method: method.toUpperCase(), path, op: item[method], item });
  return ops;
}

// The documented response for a status, its media type and schema.
function documented(op, status) {
  const res = deref(op.responses[String(status)]);
  if (!res) return null;
  const [[mediaType, media]] = Object.entries(res.content || {});
  return { mediaType, schema: media.schema, headers: res.headers || {} };
}

function problems(doc, schema, value) {
  return validate(doc, schema, value);
}

// Asserts that a response has a documented status and validates against its schema.
function check(entry, res, label = `${entry.method} ${entry.path}`) {
  const d = documented(entry.op, res.status);
  assert.ok(d, `${label}: status ${res.status} is not documented (${res.text.slice(0, 200)})`);
  assert.equal(res.headers.get('content-type').split(';')[0], d.mediaType, `${label}: content type of ${res.status}`);
  const errors = problems(spec, d.schema, res.json());
  assert.deepEqual(errors, [], `${label} (${res.status}) does not match the description`);
  for (const [name, h] of Object.entries(d.headers))
    if (h.schema?.enum) assert.ok(h.schema.enum.includes(res.headers.get(name)), `${label}: header ${name}`);
  return res.json();
}

function find(method, path) {
  const entry = operations().find((o) => o.method === method && o.path === path);
  assert.ok(entry, `${method} ${path} is documented`);
  return entry;
}

const api = (method, path, body) => bearer(server.url, token, method, path, body);
const anonymous = async (method, path) => {
  const res = await fetch(server.url + path, { method, headers: { Accept: 'application/json' } });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: () => JSON.parse(text) };
};

test('the description is OpenAPI 3.0 and every $ref resolves', () => {
  assert.match(spec.openapi, /^3\.0\.\d+$/);
  for (const { ref, at } of refsIn(spec)) assert.doesNotThrow(() => resolveRef(spec, ref), `${ref} at ${at}`);
  const ids = operations().map((o) => o.op.operationId);
  assert.ok(ids.every(Boolean), 'every operation has an operationId');
  assert.equal(new Set(ids).size, ids.length, 'operationIds are unique');
  for (const { method, path, op, item } of operations()) {
    const declared = [...(item.parameters || []), ...(op.parameters || [])].map(deref);
    const inPath = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
    assert.deepEqual(declared.filter((p) => p.in === 'path').map((p) => p.name).sort(), inPath.sort(),
      `${method} ${path}: path parameters are declared`);
    assert.ok(Object.keys(op.responses).some((s) => /^2/.test(s)), `${method} ${path} has a success response`);
    assert.ok(op['x-insyn-permission'], `${method} ${path} names its permission`);
    for (const [status, r] of Object.entries(op.responses)) {
      if (Number(status) < 400 || path === '/healthz') continue;
      const d = documented(op, status);
      assert.equal(d.mediaType, 'application/problem+json', `${method} ${path} ${status} is a problem`);
      assert.equal(d.schema.$ref, '#/components/schemas/Problem', `${method} ${path} ${status} uses Problem`);
    }
    if (method !== 'GET' && path.startsWith('/api/'))
      assert.ok(op.security.some((s) => 'sessionCookie' in s && 'csrfHeader' in s),
        `${method} ${path}: a cookie-authenticated write needs the CSRF header`);
  }
});

test('response schemas are closed: additionalProperties is false on every object with properties', () => {
  const seen = new Set();
  const walk = (schema, where) => {
    if (!schema || typeof schema !== 'object') return;
    if (schema.$ref) {
      if (seen.has(schema.$ref)) return;
      seen.add(schema.$ref);
      return walk(resolveRef(spec, schema.$ref), schema.$ref);
    }
    if (schema.properties) {
      assert.equal(schema.additionalProperties, false, `${where} is closed`);
      for (const [k, v] of Object.entries(schema.properties)) walk(v, `${where}.${k}`);
    }
    if (schema.items) walk(schema.items, `${where}[]`);
  };
  for (const { method, path, op } of operations())
    for (const status of Object.keys(op.responses)) walk(documented(op, status).schema, `${method} ${path} ${status}`);
  assert.ok(seen.has('#/components/schemas/Agreement') && seen.has('#/components/schemas/Problem'));
});

test('every API route is documented, and every documented operation is a route', () => {
  const r = cli(['routes', '--format', 'json']);
  assert.equal(r.code, 0, r.stderr);
  const routes = JSON.parse(r.stdout);
  const key = (method, path) => `${method} ${path}`;
  const fromRoute = (route) => key(route.method, route.path.replace(/:(\w+)/g, '{$1}'));
  const documentedOps = new Map(operations().map((o) => [key(o.method, o.path), o]));
  const allRoutes = new Map(routes.map((route) => [fromRoute(route), route]));

  const apiRoutes = routes.filter((route) => route.api).map(fromRoute);
  assert.ok(apiRoutes.length >= 16, 'the route table lists the API');
  const undocumented = apiRoutes.filter((k) => !documentedOps.has(k));
  assert.deepEqual(undocumented, [], 'API routes missing from docs/openapi.json');
  const notRoutes = [...documentedOps.keys()].filter((k) => !allRoutes.has(k));
  assert.deepEqual(notRoutes, [], 'documented operations that are not routes');
  // besides the API, only /healthz is documented
  const extra = [...documentedOps.keys()].filter((k) => !allRoutes.get(k).api);
  assert.deepEqual(extra, ['GET /healthz']);
  for (const [k, o] of documentedOps)
    assert.equal(o.op['x-insyn-permission'], allRoutes.get(k).permission, `${k}: x-insyn-permission`);
});

// ---- GET responses ----

// A LOV application through the routine to its signed agreement, and one still in review;
// every request body and answer as documented. Returns their ids.
async function lovApplications() {
  const admin = (method, path, body) => bearer(server.url, adminToken, method, path, body);
  const write = async (method, path, id, body, status) => {
    const schema = find(method, path).op.requestBody.content['application/json'].schema;
    assert.deepEqual(validate(spec, schema, body), [], `the test's own ${method} ${path} body is documented`);
    const res = await admin(method, path.replace('{id}', id), body);
    assert.equal(res.status, status, `${method} ${path}: ${res.text.slice(0, 300)}`);
    return check(find(method, path), res);
  };
  const at = (id, path, body, status = 200) => write('POST', `/api/v1/applications/{id}/${path}`, id, body, status);
  const created = [];
  for (const [seed, name] of [[424242, 'Ansökande Omsorg AB'], [424243, 'Granskade Hemtjänsten AB']]) {
    const res = await admin('POST', '/api/v1/applications', {
      org_nr: orgNr(seed), name, service_area: 'home_care', personal_care: true, received: '2024-03-01',
      attachments: ['Ansökan', 'Registreringsbevis'], operations_manager: 'Verksamhetsansvarig',
    });
    assert.equal(res.status, 201, res.text);
    created.push(check(find('POST', '/api/v1/applications'), res));
  }
  const [x, pending] = created;
  await at(x.id, 'steps', { step: 'supplements', requested_on: '2024-03-05', request: 'Registreringsbevis.' });
  await at(x.id, 'steps', { step: 'supplements', received_on: '2024-03-10', complete_on: '2024-03-10' });
  await at(x.id, 'steps', { step: 'qms', done_on: '2024-03-11', approved: true, notes: 'Godkänt.' });
  await at(x.id, 'steps', { step: 'checks', exception: 'Nystartat bolag.' });
  for (const about of ['management', 'management', 'operations_manager', 'operations_manager'])
    await at(x.id, 'references', { about, referee: 'Referens', asked_on: '2024-03-12', asked_by: 'Strategen', statement: 'Bra.' }, 201);
  await at(x.id, 'notes', { kind: 'journal', noted_on: '2024-03-12', text: 'Referenser tagna.' }, 201);
  const decided = await at(x.id, 'decision', { outcome: 'approve', decided_on: '2024-03-20', paragraph: '§ 40' });
  assert.equal(decided.onboarding.length, 10);
  await at(x.id, 'announcement', { announced_on: '2024-03-22' });
  const meeting = decided.onboarding.find((i) => i.code === 'agreement_meeting');
  const patched = await write('PATCH', '/api/v1/onboarding-items/{id}', meeting.id, { planned_on: '2024-04-15', done_on: '2024-04-15' }, 200);
  assert.equal(patched.onboarding.find((i) => i.code === 'agreement_meeting').planned_on, '2024-04-15');
  const signed = await at(x.id, 'agreement', { signed_on: '2024-04-20', case_ref: 'SN 2024/0777', end: '2030-12-31' }, 201);
  assert.equal(signed.status, 'onboarding');
  // the undecided one: a decision refused with its reasons, as documented
  const refused = await admin('POST', `/api/v1/applications/${pending.id}/decision`, { outcome: 'approve', decided_on: '2024-03-20' });
  assert.equal(refused.status, 422);
  check(find('POST', '/api/v1/applications/{id}/decision'), refused);
  return [x.id, pending.id];
}

// A value for a documented query parameter, from its schema.
function sampleValue(schema, ids) {
  const s = deref(schema);
  if (s.example !== undefined) return String(s.example);
  if (s.enum) return s.enum[s.enum.length - 1];
  if (s.format === 'date') return '2027-06-30';
  if (s.type === 'integer') return String(s.default ?? ids.organisation);
  return 'a';
}

test('every GET operation answers as documented, for every parameter', async () => {
  // ids to fill {id} with: every item of the first page of each collection
  const ids = {};
  for (const collection of ['organisations', 'units', 'agreements']) {
    const res = await api('GET', `/api/v1/${collection}?per_page=500`);
    const body = check(find('GET', `/api/v1/${collection}`), res);
    assert.ok(body.items.length > 0 && body.items.length === Math.min(body.total, 500), `${collection}: demo data`);
    ids[collection] = body.items.map((x) => x.id);
  }
  ids.organisation = ids.organisations[0];
  // the demo's signals and coordinators' meetings
  for (const collection of ['signals', 'coordinator-meetings']) {
    const body = check(find('GET', `/api/v1/${collection}`), await api('GET', `/api/v1/${collection}`));
    assert.ok(body.items.length > 0, `${collection}: demo data`);
    ids[collection] = body.items.map((x) => x.id);
  }
  // an event-driven follow-up (investigations/{id}); the demo may have none
  const opened = await api('POST', '/api/v1/investigations', {
    organisation_id: ids.organisation, opened_on: '2024-01-10', reason: 'Upprepade signaler om bemanningen.',
  });
  ids.investigations = [check(find('POST', '/api/v1/investigations'), opened).id];
  // a control plan (plans/{id}) sampling from a demo agreement; the demo may have none
  const framework = (await api('GET', `/api/v1/agreements/${ids.agreements[0]}`)).json().case_ref;
  const plan = await api('POST', '/api/v1/plans', {
    year: 2099, title: 'Kontrollplan 2099', focus_case_ref: framework, sample_case_ref: framework,
    sample_from: '2020-01-01', sample_to: '2030-12-31', min_placements: 1,
  });
  ids.plans = [check(find('POST', '/api/v1/plans'), plan).id];
  // a survey (surveys/{id}) from the case workers' template; the demo may have none; and one to
  // the ordering unit about an agreement
  ids.surveys = [check(find('POST', '/api/v1/surveys'), await api('POST', '/api/v1/surveys', { template: 'case_workers_hvb' })).id];
  const about = check(find('POST', '/api/v1/surveys'),
    await api('POST', '/api/v1/surveys', { template: 'ordering_unit', agreement_id: ids.agreements[0] }));
  assert.equal(about.agreement_id, ids.agreements[0]);
  ids.surveys.push(about.id);
  // follow-ups of the demo's agreements (followups/{id}); the first gets a signed record
  ids.followups = [];
  for (const id of ids.agreements) {
    if (ids.followups.length >= 40) break;
    ids.followups.push(...check(find('GET', '/api/v1/agreements/{id}/followups'),
      await api('GET', `/api/v1/agreements/${id}/followups`)).items.map((x) => x.id));
  }
  assert.ok(ids.followups.length > 0, 'the demo has follow-ups');
  const recordPath = `/api/v1/followups/${ids.followups[0]}`;
  check(find('POST', '/api/v1/followups/{id}/records'), await api('POST', `${recordPath}/records`, {
    held_on: '2024-01-15', place: 'written', attendees_municipality: ['Strategen'], findings: 'Inga brister.',
    type: 'planned_overview', case_ref: 'SN 2024/0015', topics: 'Avtalets krav', provider_answers: 'Skriftliga svar',
    overall_assessment: 'Avtalet följs.',
  }));
  check(find('POST', '/api/v1/followups/{id}/record/sign'), await api('POST', `${recordPath}/record/sign`, { confirm: true }));
  // a LOV application (applications/{id}) walked from receipt to its agreement, every answer
  // checked, and one left undecided
  ids.applications = await lovApplications();
  let requests = 0;
  for (const entry of operations().filter((o) => o.method === 'GET')) {
    const params = [...(entry.item.parameters || []), ...(entry.op.parameters || [])].map(deref);
    const collection = entry.path.split('/')[3];
    const paths = entry.path.includes('{id}')
      ? ids[collection].slice(0, 40).map((id) => entry.path.replace('{id}', id))
      : [entry.path];
    for (const p of params)
      if (p.in !== 'path' && p.in !== 'query') assert.fail(`${entry.path}: ${p.in} parameters are not exercised`);
    // a required query parameter goes with every request, each optional one in turn besides
    const pair = (p) => `${p.name}=${encodeURIComponent(sampleValue(p.schema, ids))}`;
    const required = params.filter((p) => p.in === 'query' && p.required).map(pair);
    const query = (...more) => ([...required, ...more].length ? `?${[...required, ...more].join('&')}` : '');
    const queries = [query(), ...params.filter((p) => p.in === 'query' && !p.required).map((p) => query(pair(p)))];
    for (const path of paths)
      for (const qs of path === paths[0] ? queries : [queries[0]]) {
        const res = path.startsWith('/api/') ? await api('GET', path + qs) : await anonymous('GET', path + qs);
        assert.equal(res.status, 200, `GET ${path}${qs}: ${res.text.slice(0, 300)}`);
        check(entry, res, `GET ${path}${qs}`);
        requests++;
      }
  }
  assert.ok(requests > 100, `exercised ${requests} requests`);
});

test('the overview, with its ending agreements, matches the documented schema', async () => {
  const entry = find('GET', '/api/v1/dashboard');
  // as of two months before the end of an agreement in force, so that the list is not empty
  const list = check(find('GET', '/api/v1/agreements'), await api('GET', '/api/v1/agreements?status=active&per_page=1'));
  const end = new Date(`${list.items[0].end}T12:00:00Z`);
  end.setUTCMonth(end.getUTCMonth() - 2);
  const today = end.toISOString().slice(0, 10);
  const body = check(entry, await api('GET', `/api/v1/dashboard?today=${today}&months=6&decision_months=36`));
  assert.equal(body.today, today);
  assert.equal(body.horizon_months, 6);
  assert.equal(body.decision_months, 36);
  assert.ok(body.ending.length > 0, 'the overview lists agreements');
  assert.ok(body.by_form.length > 0 && body.by_service_area.length > 0);
  const clamped = check(entry, await api('GET', '/api/v1/dashboard?months=999&decision_months=0'));
  assert.equal(clamped.horizon_months, 120);
  assert.equal(clamped.decision_months, 1);
});

// ---- errors ----

test('without a token or session, every API operation answers 401 as documented', async () => {
  for (const entry of operations().filter((o) => o.path.startsWith('/api/'))) {
    const path = entry.path.replace('{id}', '1');
    const res = await anonymous(entry.method, path);
    assert.equal(res.status, 401, `${entry.method} ${path}`);
    const body = check(entry, res, `${entry.method} ${path} without auth`);
    assert.equal(body.status, 401);
    assert.equal(res.headers.get('www-authenticate'), 'Bearer');
  }
  const wrong = await bearer(server.url, 'f'.repeat(64), 'GET', '/api/v1/agreements');
  check(find('GET', '/api/v1/agreements'), wrong, 'a wrong token');
  assert.equal(wrong.status, 401);
});

test('an unknown id answers 404 as documented, for reads and writes', async () => {
  // as an administrator, whose role holds every permission: the answer is about the id, not the role
  const admin = (method, path, body) => bearer(server.url, adminToken, method, path, body);
  for (const entry of operations().filter((o) => o.path.includes('{id}'))) {
    for (const id of ['999999', 'abc', '0']) {
      const path = entry.path.replace('{id}', id);
      const res = await admin(entry.method, path, entry.method === 'PATCH' ? { notes: 'x' } : undefined);
      assert.equal(res.status, 404, `${entry.method} ${path}`);
      const body = check(entry, res, `${entry.method} ${path}`);
      assert.equal(body.status, 404);
      assert.ok(body.detail.length > 0);
    }
  }
});

test('a bad POST answers 422 naming documented fields; bad JSON 400; wrong type 415', async () => {
  for (const collection of ['organisations', 'units', 'agreements']) {
    const entry = find('POST', `/api/v1/${collection}`);
    const input = deref(entry.op.requestBody.content['application/json'].schema);
    const res = await api('POST', `/api/v1/${collection}`, {});
    assert.equal(res.status, 422, `POST ${collection} {}`);
    const body = check(entry, res, `POST ${collection} {}`);
    assert.ok(body.errors.length > 0);
    for (const e of body.errors) assert.ok(e.field in input.properties, `${collection}: error field ${e.field} is documented`);
    assert.deepEqual([...new Set(body.errors.map((e) => e.field))].sort(), [...input.required].sort(),
      `${collection}: an empty body lacks exactly the documented required fields`);

    const typed = await api('POST', `/api/v1/${collection}`, { name: { nested: true }, title: [{}] });
    assert.equal(typed.status, 422);
    check(entry, typed, `POST ${collection} with wrong types`);

    const raw = await fetch(`${server.url}/api/v1/${collection}`, {
      method: 'POST', body: '{"name": ', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    });
    const badJson = { status: raw.status, headers: raw.headers, text: await raw.text() };
    badJson.json = () => JSON.parse(badJson.text);
    assert.equal(badJson.status, 400);
    check(entry, badJson, `POST ${collection} with broken JSON`);

    const form = await fetch(`${server.url}/api/v1/${collection}`, {
      method: 'POST', body: 'name=x', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    const wrongType = { status: form.status, headers: form.headers, text: await form.text() };
    wrongType.json = () => JSON.parse(wrongType.text);
    assert.equal(wrongType.status, 415);
    check(entry, wrongType, `POST ${collection} as a form`);
  }
});

test('malformed dates in query parameters answer 400 naming the parameter', async () => {
  for (const [path, name] of [['/api/v1/dashboard', 'today'], ['/api/v1/agreements', 'ends_from'], ['/api/v1/agreements', 'ends_to']]) {
    const res = await api('GET', `${path}?${name}=2027-13-45`);
    assert.equal(res.status, 400, `${path}?${name}`);
    const body = check(find('GET', path), res);
    assert.deepEqual(body.errors.map((e) => e.field), [name]);
  }
});

// ---- writes ----

function orgNr(seed) {
  const nine = `556${String(seed).padStart(6, '0')}`.slice(0, 9);
  let sum = 0;
  for (let i = 0; i < 9; i++) {
    let v = Number(nine[i]) * (i % 2 === 0 ? 2 : 1);
    if (v > 9) v -= 9;
    sum += v;
  }
  const digits = nine + ((10 - (sum % 10)) % 10);
  return `${digits.slice(0, 6)}-${digits.slice(6)}`;
}

test('create, patch and history answer with the documented shapes', async () => {
  const requestOk = (method, path, body) => {
    const schema = find(method, path).op.requestBody.content['application/json'].schema;
    assert.deepEqual(validate(spec, schema, body), [], `the test's own ${method} ${path} body is documented`);
  };
  const orgBody = { name: 'Testgårdens omsorg AB', org_nr: orgNr(987654), kind: 'private', legal_form: 'ab' };
  requestOk('POST', '/api/v1/organisations', orgBody);
  let res = await api('POST', '/api/v1/organisations', orgBody);
  assert.equal(res.status, 201, res.text);
  const org = check(find('POST', '/api/v1/organisations'), res);
  assert.equal(res.headers.get('location'), `/api/v1/organisations/${org.id}`);

  const dup = await api('POST', '/api/v1/organisations', orgBody);
  assert.equal(dup.status, 409);
  assert.deepEqual(check(find('POST', '/api/v1/organisations'), dup).errors.map((e) => e.field), ['org_nr']);

  const unitBody = { organisation_id: org.id, name: 'Testgården', service_area: 'nursing_home', capacity: 24, ivo_permit_date: null };
  requestOk('POST', '/api/v1/units', unitBody);
  res = await api('POST', '/api/v1/units', unitBody);
  assert.equal(res.status, 201, res.text);
  const unit = check(find('POST', '/api/v1/units'), res);

  const agrBody = {
    case_ref: 'SN 2026/0999', title: 'Drift av Testgården', form: 'lou', service_area: 'nursing_home',
    organisation_id: org.id, unit_ids: [unit.id], start: '2026-01-01', end: '2029-12-31',
    extensions_left: 2, extension_months: 12, value_adds: ['Trädgård'], requirements: ['Tillstånd'],
  };
  requestOk('POST', '/api/v1/agreements', agrBody);
  res = await api('POST', '/api/v1/agreements', agrBody);
  assert.equal(res.status, 201, res.text);
  const agreement = check(find('POST', '/api/v1/agreements'), res);
  assert.equal(agreement.latest_end, '2031-12-31');

  for (const [collection, id, patch] of [['organisations', org.id, { contact_phone: '08-123 45' }],
    ['units', unit.id, { capacity: null }], ['agreements', agreement.id, { status: 'terminated', termination_reason: 'Test' }]]) {
    requestOk('PATCH', `/api/v1/${collection}/{id}`, patch);
    res = await api('PATCH', `/api/v1/${collection}/${id}`, patch);
    assert.equal(res.status, 200, res.text);
    check(find('PATCH', `/api/v1/${collection}/{id}`), res);
    const bad = await api('PATCH', `/api/v1/${collection}/${id}`, { name: '', title: '', service_area: 'moon' });
    assert.equal(bad.status, 422, bad.text);
    check(find('PATCH', `/api/v1/${collection}/{id}`), bad);
    const history = check(find('GET', `/api/v1/${collection}/{id}/history`), await api('GET', `/api/v1/${collection}/${id}/history`));
    assert.deepEqual(history.items.map((h) => h.action), ['update', 'create'], 'newest first');
  }
});

test('with the session cookie, writes need the X-CSRF-Token header', async () => {
  const c = new Client(server.url);
  assert.equal((await c.login(EMAIL, DEMO_PASSWORD)).status, 303);
  assert.ok(c.cookies.has('insyn_session'), 'the documented cookie name');
  assert.ok(c.csrf);
  const entry = find('PATCH', '/api/v1/organisations/{id}');
  const csrf = c.csrf;
  c.csrf = null;
  let res = await c.api('PATCH', '/api/v1/organisations/1', { notes: 'Utan token' });
  assert.equal(res.status, 403);
  check(entry, res, 'PATCH with the cookie but without X-CSRF-Token');
  c.csrf = csrf;
  res = await c.api('PATCH', '/api/v1/organisations/1', { notes: 'Med token' });
  assert.equal(res.status, 200, res.text);
  assert.equal(check(entry, res).notes, 'Med token');
  res = await c.api('GET', '/api/v1/dashboard');
  check(find('GET', '/api/v1/dashboard'), res, 'the overview with the session cookie');
});

// ---- the schemas are strict enough ----

test('a renamed, missing, extra or mistyped field fails validation', async () => {
  const samples = [
    ['Organisation', '/api/v1/organisations/1'],
    ['Unit', '/api/v1/units/1'],
    ['Agreement', '/api/v1/agreements/1'],
  ];
  for (const [name, path] of samples) {
    const schema = { $ref: `#/components/schemas/${name}` };
    const good = (await api('GET', path)).json();
    assert.deepEqual(validate(spec, schema, good), []);
    for (const field of Object.keys(good)) {
      const { [field]: value, ...missing } = good;
      assert.notDeepEqual(validate(spec, schema, missing), [], `${name} without ${field}`);
      assert.notDeepEqual(validate(spec, schema, { ...missing, [`${field}x`]: value }), [], `${name} with ${field} renamed`);
      if (value !== null && typeof value !== 'object' && typeof value !== 'boolean')
        assert.notDeepEqual(validate(spec, schema, { ...good, [field]: typeof value === 'string' ? 7 : String(value) }), [],
          `${name}.${field} with the wrong type`);
    }
    assert.notDeepEqual(validate(spec, schema, { ...good, extra: 1 }), [], `${name} with an extra field`);
  }
  const problem = { $ref: '#/components/schemas/Problem' };
  assert.deepEqual(validate(spec, problem, { type: 'about:blank', title: 'Finns inte', status: 404, detail: 'x', errors: [{ field: 'a', message: 'b', row: 2 }] }), []);
  assert.notDeepEqual(validate(spec, problem, { type: 'about:blank', title: 'T', status: 404, detail: 'x', errors: [{ name: 'a', message: 'b' }] }), []);
  assert.notDeepEqual(validate(spec, problem, { title: 'T', status: 404, detail: 'x', errors: [] }), []);
});
