// crash.test.mjs — crash safety in small (issue 11, point 5): bench/crash.mjs with 2,000 API
// writes by 6 clients and 3 SIGKILLs at random moments, on SQLite and on PostgreSQL (a throw-away
// cluster). Every write acknowledged with 2xx must be there exactly once as it was acknowledged,
// nothing half-written (a row without its audit record or the reverse), the database sound
// (SQLite's integrity_check, PostgreSQL's amcheck), `insyn audit verify` passing, and the last
// server stopping cleanly. `make bench` runs the full 10,000 writes and 5 kills on each
// (docs/testing.md).
//
// The checks are then run on the same database with three faults put in by hand through the
// backend's own client (sqlite3, psql), and must find each of them: a test whose checker could
// not see a lost write would prove nothing.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { BIN } from '../lib/harness.mjs';
import { startPostgres } from '../lib/postgres.mjs';
import { runCrash, verify, report } from '../../bench/crash.mjs';

function sqlite(db, statements) {
  const r = spawnSync('sqlite3', ['-bail', db, statements], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
}

// The run and its assertions; `exec(backend, sql)` puts the faults in.
async function crashCase({ dbUrl = '', exec }) {
  let tampered = null;
  const r = await runCrash({
    bin: BIN, dbUrl, writes: 2000, kills: 3, clients: 6, log: () => {},
    afterVerify(backend, sent) {
      // a lost write, a write changed after it was acknowledged, a row no one sent
      const units = new Set(sent.filter((w) => w.kind === 'unit').map((w) => w.organisation_id));
      const orgs = sent.filter((w) => w.kind === 'organisation' && w.outcome === 'acknowledged' && !units.has(w.id));
      assert.ok(orgs.length >= 2);
      const [lost, changed] = orgs;
      exec(backend, `DELETE FROM organisation WHERE id = ${lost.id};
        UPDATE organisation SET org_nr = '559999-8888' WHERE id = ${changed.id};
        INSERT INTO organisation (name, org_nr, kind, created_at, updated_at)
          VALUES ('Krasch 999999 AB', '559999-9999', 'private', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');`);
      tampered = verify(BIN, backend, sent);
    },
  });
  const lines = [];
  report(r, (l) => lines.push(l));
  const shown = lines.join('\n');

  assert.equal(r.sent, 2000, shown);
  assert.equal(r.kills, 3, shown);
  assert.ok(r.acknowledged > 1900, `most writes are acknowledged\n${shown}`);
  assert.equal(r.acknowledged + r.failedByKill + r.refused + r.errors, r.sent, shown);
  assert.equal(r.found, r.acknowledged, shown);
  assert.equal(r.missing, 0, shown);
  assert.equal(r.mismatched, 0, shown);
  assert.equal(r.duplicates, 0, shown);
  assert.equal(r.halfWritten, 0, shown);
  assert.equal(r.unexpected, 0, shown);
  assert.equal(r.refusedPresent, 0, shown);
  assert.equal(r.errors, 0, shown);
  assert.deepEqual(r.incidents, [], shown);
  assert.equal(r.killedPresent + r.killedAbsent, r.failedByKill + r.errors, shown);
  // what is there is exactly what was acknowledged, plus the writes whose answer the kill took
  assert.equal(r.rows.organisations + r.rows.units, r.acknowledged + r.killedPresent, shown);
  assert.equal(r.integrity, 'ok', shown);
  assert.ok(r.auditVerify.ok, shown);
  assert.match(r.auditVerify.text, /Granskningsloggen är hel/);
  assert.ok(r.cleanStop, `the last server stops cleanly on SIGTERM\n${r.lastStderr}`);
  assert.ok(r.ok, shown);

  assert.ok(tampered, 'the checks ran again on the tampered database');
  assert.equal(tampered.missing, 1, 'the deleted organisation is missing');
  assert.equal(tampered.mismatched, 1, 'the changed organisation is not as acknowledged');
  assert.equal(tampered.unexpected, 1, 'the inserted organisation was never sent');
  // the deleted one's audit record without its row; the changed one's audit disagreeing with
  // it; the inserted one without an audit record
  assert.equal(tampered.halfWritten, 3);
}

test('SQLite: every acknowledged write survives SIGKILL, nothing is half there, the audit chain holds', async () => {
  await crashCase({ exec: (backend, sql) => sqlite(backend.db, sql) });
});

let pg = null;
after(() => pg?.stop());

test('PostgreSQL: every acknowledged write survives SIGKILL, nothing is half there, the audit chain holds', async () => {
  pg = await startPostgres('insyn_crash');
  await crashCase({ dbUrl: pg.url, exec: (backend, sql) => pg.psql(sql) });
});
