// fixtures.mjs — small helpers shared by the black-box HTTP tests (not a test file itself):
// valid fictional organisation numbers and entities created through the JSON API.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';

// The Luhn check digit of nine digits, as Swedish organisation numbers use it.
export function luhnDigit(nine) {
  let sum = 0;
  for (let i = 0; i < 9; i++) {
    let v = Number(nine[i]);
    if (i % 2 === 0) {
      v *= 2;
      if (v > 9) v -= 9;
    }
    sum += v;
  }
  return (10 - (sum % 10)) % 10;
}

// A valid, fictional organisation number NNNNNN-NNNN; `prefix` is two digits, the third
// digit is at least 2 so that it can never look like a personnummer.
export function orgNr(serial, prefix = '55') {
  const nine = `${prefix}${String(2000000 + (serial % 8000000)).padStart(7, '0')}`;
  return `${nine.slice(0, 6)}-${nine.slice(6)}${luhnDigit(nine)}`;
}

// The same number with a wrong check digit.
export function badCheckDigit(nr) {
  const last = Number(nr.at(-1));
  return nr.slice(0, -1) + String((last + 1) % 10);
}

// Creates an organisation through the API (client: a logged-in Client) and returns its JSON.
export async function createOrg(client, fields) {
  const res = await client.api('POST', '/api/v1/organisations', { kind: 'private', legal_form: 'ab', ...fields });
  assert.equal(res.status, 201, `create organisation ${fields.name}: ${res.text}`);
  return res.json();
}

export async function createUnit(client, fields) {
  const res = await client.api('POST', '/api/v1/units', { service_area: 'home_care', ...fields });
  assert.equal(res.status, 201, `create unit ${fields.name}: ${res.text}`);
  return res.json();
}

export async function createAgreement(client, fields) {
  const res = await client.api('POST', '/api/v1/agreements', {
    form: 'lou', service_area: 'home_care', start: '2024-01-01', end: '2027-12-31', status: 'active', ...fields,
  });
  assert.equal(res.status, 201, `create agreement ${fields.title}: ${res.text}`);
  return res.json();
}

// Today in Europe/Stockholm plus a number of months (clamped to the month's last day), as YYYY-MM-DD.
export function stockholmDate(addMonths = 0) {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit' })
    .format(new Date()).split('-').map(Number);
  let [y, m, d] = parts;
  m += addMonths;
  y += Math.floor((m - 1) / 12);
  m = ((m - 1) % 12 + 12) % 12 + 1;
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  d = Math.min(d, last);
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

// An audit record's hash as documented in the schema: SHA-256 over prev_hash and the record's
// fields, each written "<byte length>:<bytes>".
export function chainHash(e) {
  const h = createHash('sha256');
  for (const v of [e.prev_hash, String(e.id), e.at, e.actor, e.action, e.entity, String(e.entity_id), e.before_json, e.after_json]) {
    h.update(`${Buffer.byteLength(v)}:`);
    h.update(v);
  }
  return h.digest('hex');
}
