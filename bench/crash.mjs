// crash.mjs — crash safety, measured (issue 11, point 5): every write the server acknowledged
// with 2xx survives a SIGKILL, nothing half-written is left behind, and the audit chain holds.
//
//   node bench/crash.mjs [--bin PATH] [--db URL|postgresql] [--writes N] [--kills K]
//                        [--clients C] [--seed S] [--keep]
//   bench/crash.sh PATH/TO/insyn [options]     (make bench runs it on both backends, defaults)
//
// A fresh database (`insyn init`) gets a strategist and an API token (`insyn user add`,
// `insyn token create`); `insyn serve` listens on a free loopback port. C concurrent clients
// (default 8) send N writes (default 10,000) through the JSON API with the token: three in four
// are POST /api/v1/organisations (a unique name and a unique, valid organisation number), one
// in four POST /api/v1/units under an organisation already acknowledged. Each write's outcome is
// remembered: acknowledged (2xx, with the id the server gave), failed by a kill (no answer: the
// connection died or was refused while the server was down), refused (another status).
//
// K times (default 5) at random moments — a random position in the stream of writes and then
// 0–5 ms more, so that the kill lands anywhere inside the server's request handling while
// several writes are in flight — the server is killed with SIGKILL and started again on the same
// database; the clients wait for it and go on. At the end the server is stopped with SIGTERM (it
// must exit 0) and, with no server running, the database is checked:
//   - every acknowledged write is there exactly once, with the id it was acknowledged with and
//     the fields that were sent (missing must be 0);
//   - nothing is half there: every organisation and unit row has exactly one 'create' audit
//     record whose after-image matches the row, and every such audit record has its row; every
//     row is a write that was sent; a write refused with a status is absent; a write that failed
//     by a kill is either wholly there (committed, the answer lost) or wholly absent;
//   - the database is sound (SQLite: PRAGMA integrity_check; PostgreSQL: amcheck's
//     verify_heapam on every table and bt_index_check on every btree index of the schema);
//   - `insyn audit verify DB` passes.
// It prints the counts and the time taken, and exits 0 when every check holds, 1 when one
// does not, 2 when the run could not be made.
//
// Backends: --db (or INSYN_CRASH_DB) names the database. Empty (the default): a new SQLite file
// in a temporary directory; `sqlite:PATH` or a plain path: that SQLite file (it must not exist
// yet). `postgresql://USER@HOST:PORT/DBNAME` (or postgres://): an existing PostgreSQL database
// that holds no insyn data yet (the password from PGPASSWORD or ~/.pgpass, never in the URL);
// the checks need amcheck, so the user must be allowed to create that extension or it must be
// there already. `postgresql` alone: a throw-away cluster (tests/lib/postgres.mjs: initdb in a
// temporary directory, a free loopback port), stopped and removed at the end. The `backends`
// table below holds what differs: how to make the database, the string insyn's commands take,
// how to run a query for the checks and how to check the database itself.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
// write i's organisation number: valid, fictional, never a personnummer
import { orgNr } from '../tests/http/fixtures.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
export const DEFAULT_BIN = process.env.INSYN_BIN || resolve(HERE, '../build/insyn');
const EMAIL = 'krasch@example.org';
const PASSWORD = 'crash-test-password-2026';
const REQUEST_TIMEOUT_MS = 60000; // longer than the server's 10 s busy timeout

// ---- small helpers ----

// A seeded PRNG (mulberry32), so that a run's kill positions can be replayed (--seed).
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));

// What must not outlive the process, even when it is interrupted: the servers it started and a
// throw-away cluster. Each is taken off the list when it is stopped the ordinary way.
const leftovers = new Set();
process.on('exit', () => {
  for (const stop of leftovers) {
    try { stop(); } catch { /* the others are stopped all the same */ }
  }
});

function run(cmd, args, { input = '', allowFail = false } = {}) {
  const r = spawnSync(cmd, args, { input, encoding: 'utf8', timeout: 300000, maxBuffer: 1 << 30 });
  if (r.error) throw r.error;
  if (r.status !== 0 && !allowFail) {
    throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr.trim()}`);
  }
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

// ---- backends ----

// Each backend: `match(url)`; `open(url, options)` resolves to { name, label, db (what insyn's
// commands take), query(sql) → rows as objects, integrity() → 'ok' or the problem, cleanup() }.
// The checks' SQL is portable (SQLite 3.40 and PostgreSQL 15): plain SELECTs of the columns
// both schemas have (the audit's after-image is TEXT in both and compared in JavaScript).

// amcheck reads every page: verify_heapam each table of the schema, bt_index_check (with
// heapallindexed: every row is in the index) each btree index. Each failure is caught and
// named, so that one bad index does not hide another; nothing checked is a failure too.
const PG_AMCHECK = `SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS amcheck;
DO $check$
DECLARE
  r record;
  checked int := 0;
  bad text := '';
  detail text;
BEGIN
  FOR r IN SELECT c.oid, c.relname, c.relkind FROM pg_class c
      LEFT JOIN pg_index i ON i.indexrelid = c.oid
      LEFT JOIN pg_am am ON am.oid = c.relam
      WHERE c.relnamespace = current_schema()::regnamespace
        AND (c.relkind = 'r' OR (c.relkind = 'i' AND am.amname = 'btree' AND i.indisvalid))
      ORDER BY c.relkind DESC, c.relname LOOP
    BEGIN
      IF r.relkind = 'r' THEN
        bad := bad || coalesce((SELECT string_agg(format('%s block %s: %s', r.relname, blkno, msg), '; ')
                                  FROM verify_heapam(r.oid)) || '; ', '');
      ELSE
        PERFORM bt_index_check(r.oid, true);
      END IF;
      checked := checked + 1;
    EXCEPTION WHEN OTHERS THEN
      GET STACKED DIAGNOSTICS detail = PG_EXCEPTION_DETAIL;
      bad := bad || format('%s: %s%s; ', r.relname, SQLERRM, coalesce(' (' || nullif(detail, '') || ')', ''));
    END;
  END LOOP;
  IF bad <> '' THEN RAISE EXCEPTION '%', rtrim(bad, '; '); END IF;
  IF checked = 0 THEN RAISE EXCEPTION 'nothing to check in schema %', current_schema(); END IF;
END
$check$;`;

// psql on the URL insyn's commands take (the password, if any, from PGPASSWORD or ~/.pgpass).
function psql(url, sql, options = {}) {
  return run('psql', ['-X', '-A', '-t', '-q', '-v', 'ON_ERROR_STOP=1', '-d', url, '-c', sql], options);
}

const backends = [
  {
    name: 'postgresql',
    match: (url) => /^postgres(ql)?(:\/\/|$)/.test(url),
    async open(url, { keep, log = console.log }) {
      let cluster = null;
      if (!url.includes('://')) {
        // imported here, so that a SQLite run needs no PostgreSQL programs
        const { startPostgres } = await import('../tests/lib/postgres.mjs');
        cluster = await startPostgres('insyn_crash');
        leftovers.add(cluster.stop);
        url = cluster.url;
      }
      const query = (sql) => {
        const out = psql(url, `SELECT coalesce(json_agg(t), '[]') FROM (${sql}) t`).stdout.trim();
        return JSON.parse(out || '[]');
      };
      try {
        const [{ n }] = query("SELECT count(*) AS n FROM pg_class WHERE relnamespace = current_schema()::regnamespace "
          + "AND relname IN ('schema_migration', 'organisation', 'audit')");
        if (Number(n) > 0) throw new Error(`${url} holds insyn's tables already: the run needs a database without them`);
      } catch (e) {
        if (cluster) {
          leftovers.delete(cluster.stop);
          cluster.stop();
        }
        throw e;
      }
      return {
        name: 'postgresql',
        label: cluster ? `PostgreSQL ${url} (a throw-away cluster)` : `PostgreSQL ${url}`,
        db: url,
        query,
        integrity() {
          const r = psql(url, PG_AMCHECK, { allowFail: true });
          if (r.code === 0) return 'ok';
          const errors = r.stderr.split('\n').filter((l) => l.includes('ERROR:')).map((l) => l.replace(/^.*?ERROR:\s*/, ''));
          return (errors.join(' ') || r.stderr.trim() || `psql exited ${r.code}`).slice(0, 2000);
        },
        cleanup() {
          leftovers.delete(cluster?.stop);
          if (!cluster) {
            log(`crash: the data is left in ${url}`);
          } else if (keep) {
            // stopped, never left running; the data directory stays for a look
            const data = join(cluster.dir, 'data');
            const pgCtl = join(run('pg_config', ['--bindir']).stdout.trim(), 'pg_ctl');
            const asRoot = process.getuid && process.getuid() === 0;
            const args = ['-D', data, '-w', '-m', 'fast', 'stop'];
            run(asRoot ? 'runuser' : pgCtl, asRoot ? ['-u', 'postgres', '--', pgCtl, ...args] : args);
            log(`crash: the cluster is stopped and kept: ${data} `
              + `(start it with pg_ctl -D ${data} -o "-p ${cluster.port} -k ${cluster.dir}" start${asRoot ? ' as postgres' : ''})`);
          } else {
            cluster.stop();
          }
        },
      };
    },
  },
  {
    name: 'sqlite',
    match: (url) => !url || url.startsWith('sqlite:') || !/^[a-z][a-z0-9+.-]*:\/\//i.test(url),
    open(url, { keep, log = console.log }) {
      let dir = null;
      let path;
      if (!url) {
        dir = mkdtempSync(join(tmpdir(), 'insyn-crash-'));
        path = join(dir, 'crash.db');
      } else {
        path = resolve(url.replace(/^sqlite:(\/\/)?/, ''));
        if (existsSync(path)) throw new Error(`${path} exists already: the run needs a new database`);
      }
      return {
        name: 'sqlite',
        label: `SQLite ${path}`,
        db: path,
        query(sql) {
          const r = run('sqlite3', ['-json', '-cmd', '.timeout 10000', path, sql]);
          return r.stdout.trim() ? JSON.parse(r.stdout) : [];
        },
        integrity() {
          return run('sqlite3', ['-cmd', '.timeout 10000', path, 'PRAGMA integrity_check;']).stdout.trim();
        },
        cleanup() {
          if (dir && !keep) rmSync(dir, { recursive: true, force: true });
          else if (existsSync(path)) log(`crash: the database is kept: ${path}`);
        },
      };
    },
  },
];

// First match wins: `postgresql` alone is the throw-away cluster, not a SQLite file of that name.
export async function openBackend(url = '', options = {}) {
  const b = backends.find((x) => x.match(url));
  if (!b) throw new Error(`no backend for the database URL ${url}`);
  return b.open(url, options);
}

// ---- the server ----

// Starts `insyn serve` on 127.0.0.1:0 and resolves when it says where it listens.
function startServer(bin, db) {
  const t0 = performance.now();
  const proc = spawn(bin, ['serve', '--db', db, '--listen', '127.0.0.1:0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  proc.stderr.on('data', (d) => { stderr = (stderr + d).slice(-16384); });
  const kill = () => proc.kill('SIGKILL');
  leftovers.add(kill);
  const exited = new Promise((ok) => proc.on('exit', (code, signal) => {
    leftovers.delete(kill);
    ok({ code, signal });
  }));
  const ready = new Promise((ok, fail) => {
    let out = '';
    const timer = setTimeout(() => fail(new Error(`insyn serve did not start: ${stderr}`)), 60000);
    proc.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/lyssnar på (http:\/\/127\.0\.0\.1:\d+)\//);
      if (m) {
        clearTimeout(timer);
        ok(m[1]);
      }
    });
    exited.then(({ code, signal }) => {
      clearTimeout(timer);
      fail(new Error(`insyn serve exited (${code ?? signal}) before listening: ${stderr}`));
    });
  });
  ready.catch(() => proc.kill('SIGKILL')); // a server that did not come up is not left behind
  return ready.then((url) => ({
    proc, url, exited, startMs: performance.now() - t0, stderr: () => stderr,
    agent: new Agent({ keepAlive: true }),
    killed: false,
  }));
}

// One JSON POST; resolves { status, body } or rejects with the network error.
function post(server, token, path, payload) {
  const body = JSON.stringify(payload);
  const u = new URL(server.url + path);
  return new Promise((ok, fail) => {
    const req = httpRequest({
      host: u.hostname, port: u.port, path: u.pathname, method: 'POST', agent: server.agent,
      headers: {
        Authorization: `Bearer ${token}`, Accept: 'application/json',
        'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body),
      },
    }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json = null;
        try { json = JSON.parse(text); } catch { /* a non-JSON answer is kept as text */ }
        ok({ status: res.statusCode, json, text });
      });
      res.on('error', fail);
      res.on('aborted', () => fail(new Error('response aborted')));
    });
    req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy(new Error('request timed out')));
    req.on('error', fail);
    req.end(body);
  });
}

// ---- the run ----

// Kill positions: `kills` distinct write numbers between 5 % and 95 % of the run, at least
// 2 × clients apart so that every incarnation of the server takes writes before it dies.
function killPositions(rand, writes, kills, clients) {
  const lo = Math.floor(writes * 0.05);
  const hi = Math.floor(writes * 0.95);
  const gap = Math.max(2 * clients, 1);
  if (kills > 0 && (hi - lo) / kills < gap) throw new Error(`${kills} kills do not fit into ${writes} writes`);
  for (;;) {
    const p = [];
    for (let k = 0; k < kills; k++) p.push(lo + Math.floor(rand() * (hi - lo)));
    p.sort((a, b) => a - b);
    if (p.every((x, k) => k === 0 || x - p[k - 1] >= gap)) return p;
  }
}

export async function runCrash({
  bin = DEFAULT_BIN, dbUrl = process.env.INSYN_CRASH_DB || '', writes = 10000, kills = 5, clients = 8,
  seed = Math.floor(Math.random() * 2 ** 31), keep = false, log = console.log, afterVerify = null,
} = {}) {
  const t0 = performance.now();
  const rand = prng(seed);
  const backend = await openBackend(dbUrl, { keep, log });
  log(`crash: ${backend.label}; ${writes} writes by ${clients} clients, ${kills} kills, seed ${seed}`);
  let server = null;
  try {
    run(bin, ['init', backend.db]);
    run(bin, ['user', 'add', backend.db, '--email', EMAIL, '--role', 'strategist', '--name', 'Krasch Test'],
      { input: `${PASSWORD}\n` });
    const token = run(bin, ['token', 'create', backend.db, '--email', EMAIL]).stdout.trim();

    const positions = killPositions(rand, writes, kills, clients);
    const sent = []; // one entry per write: what was sent and what came of it
    const ackedOrgs = []; // ids of acknowledged organisations, for the units
    const incidents = []; // errors that no kill explains
    const killLog = [];
    let claimed = 0;
    let inFlight = 0;
    let nextKill = 0;

    server = await startServer(bin, backend.db);
    const firstStartMs = server.startMs;
    let up = Promise.resolve(server);
    let restarting = null;

    async function killAndRestart(at) {
      const victim = server;
      const info = { at, inFlight, delayMs: 0 };
      const delay = rand() * 5;
      info.delayMs = delay;
      await sleep(delay); // the clients go on writing meanwhile
      // from here on, writes wait for the new server: `up` resolves when it listens
      let release;
      let failed;
      up = new Promise((ok, no) => { release = ok; failed = no; });
      up.catch(() => {}); // the clients waiting on it see the failure
      info.inFlight = inFlight;
      victim.killed = true;
      const killedAt = performance.now();
      victim.proc.kill('SIGKILL');
      const { signal } = await victim.exited;
      victim.agent.destroy();
      try {
        if (signal !== 'SIGKILL') throw new Error(`the server ended with ${signal}, not by the kill`);
        server = await startServer(bin, backend.db);
      } catch (e) {
        server = null;
        failed(e);
        throw e;
      }
      info.restartMs = performance.now() - killedAt;
      killLog.push(info);
      log(`crash: kill ${killLog.length} at write ${at} (${info.inFlight} in flight), `
        + `serving again after ${info.restartMs.toFixed(0)} ms`);
      release(server);
    }

    async function client() {
      for (;;) {
        const srv = await up;
        if (claimed >= writes) return;
        const i = claimed++;
        if (nextKill < positions.length && i === positions[nextKill]) {
          nextKill++;
          restarting = killAndRestart(i);
          restarting.catch(() => {}); // awaited below; a failure ends the run there
        }
        const isUnit = ackedOrgs.length > 0 && rand() < 0.25;
        const w = isUnit
          ? { i, kind: 'unit', name: `Krasch enhet ${i}`, organisation_id: ackedOrgs[Math.floor(rand() * ackedOrgs.length)] }
          : { i, kind: 'organisation', name: `Krasch ${i} AB`, org_nr: orgNr(i) };
        sent.push(w);
        const payload = isUnit
          ? { organisation_id: w.organisation_id, name: w.name, service_area: 'home_care' }
          : { name: w.name, org_nr: w.org_nr, kind: 'private' };
        inFlight++;
        try {
          const res = await post(srv, token, isUnit ? '/api/v1/units' : '/api/v1/organisations', payload);
          w.status = res.status;
          if (res.status >= 200 && res.status < 300) {
            w.outcome = 'acknowledged';
            w.id = res.json?.id;
            if (!Number.isInteger(w.id)) incidents.push(`write ${i}: ${res.status} without an id: ${res.text}`);
            if (!isUnit) ackedOrgs.push(w.id);
          } else {
            w.outcome = 'refused';
            w.error = res.text.slice(0, 300);
          }
        } catch (e) {
          w.outcome = srv.killed ? 'failed by kill' : 'error';
          w.error = e.code || e.message;
          if (!srv.killed) incidents.push(`write ${i}: ${w.error} without a kill`);
        } finally {
          inFlight--;
        }
        if (incidents.length > 20) throw new Error(`too many errors: ${incidents.slice(0, 5).join('; ')}`);
      }
    }

    const tw = performance.now();
    await Promise.all(Array.from({ length: clients }, client));
    if (restarting) await restarting;
    const writeMs = performance.now() - tw;

    // the last server is stopped cleanly; it must exit 0
    server.proc.kill('SIGTERM');
    const last = await server.exited;
    server.agent.destroy();
    const lastStderr = server.stderr();
    server = null;

    const v = verify(bin, backend, sent);
    if (afterVerify) await afterVerify(backend, sent);
    const counts = {
      sent: sent.length,
      acknowledged: sent.filter((w) => w.outcome === 'acknowledged').length,
      failedByKill: sent.filter((w) => w.outcome === 'failed by kill').length,
      refused: sent.filter((w) => w.outcome === 'refused').length,
      errors: sent.filter((w) => w.outcome === 'error').length,
      kills: killLog.length,
    };
    const result = {
      backend: backend.name, seed, writes, clients, ...counts, ...v,
      incidents, cleanStop: last.code === 0 && last.signal === null, lastExit: last, lastStderr,
      firstStartMs, restartMs: killLog.map((k) => k.restartMs), killLog,
      writeMs, totalMs: performance.now() - t0,
    };
    result.ok = result.missing === 0 && result.halfWritten === 0 && result.duplicates === 0
      && result.mismatched === 0 && result.unexpected === 0 && result.refusedPresent === 0
      && result.errors === 0 && result.incidents.length === 0 && result.integrity === 'ok'
      && result.auditVerify.ok && result.cleanStop && result.kills === kills && result.sent === writes;
    return result;
  } finally {
    if (server) {
      server.proc.kill('SIGKILL');
      await server.exited;
      server.agent.destroy();
    }
    backend.cleanup();
  }
}

// ---- the checks, with no server running ----

export function verify(bin, backend, writesLog) {
  const orgs = backend.query('SELECT id, name, org_nr, kind FROM organisation');
  const units = backend.query('SELECT id, organisation_id, name FROM unit');
  const audits = backend.query(
    "SELECT id, entity, entity_id, action, after_json FROM audit WHERE action = 'create' AND entity IN ('organisation', 'unit')");
  const auditTotal = Number(backend.query('SELECT count(*) AS n FROM audit')[0].n);

  const problems = [];
  const note = (p) => { if (problems.length < 20) problems.push(p); };
  const byId = { organisation: new Map(orgs.map((r) => [Number(r.id), r])), unit: new Map(units.map((r) => [Number(r.id), r])) };
  const byName = { organisation: new Map(), unit: new Map() };
  for (const [kind, rows] of [['organisation', orgs], ['unit', units]]) {
    for (const r of rows) byName[kind].set(r.name, (byName[kind].get(r.name) || []).concat([r]));
  }
  const auditsOf = { organisation: new Map(), unit: new Map() };
  for (const a of audits) {
    const m = auditsOf[a.entity];
    m.set(Number(a.entity_id), (m.get(Number(a.entity_id)) || []).concat([a]));
  }
  const sentNames = { organisation: new Set(), unit: new Set() };
  for (const w of writesLog) sentNames[w.kind].add(w.name);

  // does row r hold what write w sent?
  const matches = (w, r) => r.name === w.name && (w.kind === 'organisation'
    ? r.org_nr === w.org_nr && r.kind === 'private'
    : Number(r.organisation_id) === w.organisation_id);

  let found = 0; let missing = 0; let duplicates = 0; let mismatched = 0;
  let killedPresent = 0; let killedAbsent = 0; let refusedPresent = 0;
  for (const w of writesLog) {
    const rows = byName[w.kind].get(w.name) || [];
    if (rows.length > 1) {
      duplicates++;
      note(`${w.kind} ${w.name} is there ${rows.length} times`);
    }
    if (w.outcome === 'acknowledged') {
      const r = byId[w.kind].get(w.id);
      if (!r && rows.length === 0) {
        missing++;
        note(`acknowledged ${w.kind} ${w.name} (id ${w.id}) is missing`);
      } else if (!r || !matches(w, r)) {
        mismatched++;
        note(`acknowledged ${w.kind} ${w.name} (id ${w.id}) is not as acknowledged`);
      } else {
        found++;
      }
    } else if (w.outcome === 'failed by kill' || w.outcome === 'error') {
      if (rows.length > 0) killedPresent++;
      else killedAbsent++;
    } else if (w.outcome === 'refused' && rows.length > 0) {
      refusedPresent++;
      note(`${w.kind} ${w.name} was refused with ${w.status} but is there`);
    }
  }

  // half-written: a row without its one 'create' audit record (or one that disagrees with it),
  // an audit record without its row, a row that no write sent
  let halfWritten = 0; let unexpected = 0;
  for (const kind of ['organisation', 'unit']) {
    for (const [id, r] of byId[kind]) {
      if (!sentNames[kind].has(r.name)) {
        unexpected++;
        note(`${kind} ${id} (${r.name}) was never sent`);
      }
      const as = auditsOf[kind].get(id) || [];
      let after = null;
      try { after = as.length === 1 ? JSON.parse(as[0].after_json) : null; } catch { /* counted below */ }
      const agrees = after && after.name === r.name && Number(after.id) === id
        && (kind === 'organisation' ? after.org_nr === r.org_nr : Number(after.organisation_id) === Number(r.organisation_id));
      if (!agrees) {
        halfWritten++;
        note(`${kind} ${id} (${r.name}) has ${as.length} create audit records${as.length === 1 ? ' that disagree with it' : ''}`);
      }
    }
    for (const [id] of auditsOf[kind]) {
      if (!byId[kind].has(id)) {
        halfWritten++;
        note(`the audit log says ${kind} ${id} was created, but it is not there`);
      }
    }
  }
  for (const u of units) {
    if (!byId.organisation.has(Number(u.organisation_id))) {
      halfWritten++;
      note(`unit ${u.id} belongs to organisation ${u.organisation_id}, which is not there`);
    }
  }

  const integrity = backend.integrity();
  const av = run(bin, ['audit', 'verify', backend.db], { allowFail: true });
  return {
    found, missing, duplicates, mismatched, halfWritten, unexpected, killedPresent, killedAbsent,
    refusedPresent, rows: { organisations: orgs.length, units: units.length, audit: auditTotal },
    integrity, auditVerify: { ok: av.code === 0, code: av.code, text: (av.stdout + av.stderr).trim() },
    problems,
  };
}

export function report(r, log = console.log) {
  const n = (x) => String(x).padStart(8);
  const s = (ms) => (ms / 1000).toFixed(1);
  const ms = [...r.restartMs].sort((a, b) => a - b).map((x) => x.toFixed(0));
  const restarts = ms.length === 0 ? '-' : ms.length <= 10 ? r.restartMs.map((x) => x.toFixed(0)).join(', ')
    : `${ms[0]}–${ms[ms.length - 1]}, median ${ms[Math.floor(ms.length / 2)]}`;
  log('');
  log(`crash safety, ${r.backend}: ${r.writes} writes by ${r.clients} clients, seed ${r.seed}`);
  log(`  writes sent               ${n(r.sent)}`);
  log(`  acknowledged (2xx)        ${n(r.acknowledged)}`);
  log(`  failed by the kill        ${n(r.failedByKill)}   (committed, answer lost: ${r.killedPresent}; not committed: ${r.killedAbsent})`);
  log(`  refused (other status)    ${n(r.refused)}`);
  log(`  errors without a kill     ${n(r.errors)}`);
  log(`  found (acknowledged)      ${n(r.found)}`);
  log(`  missing                   ${n(r.missing)}   (must be 0)`);
  log(`  not as acknowledged       ${n(r.mismatched)}`);
  log(`  there twice               ${n(r.duplicates)}`);
  log(`  half-written              ${n(r.halfWritten)}   (row without its audit record or the reverse)`);
  log(`  never sent but there      ${n(r.unexpected)}`);
  log(`  refused but there         ${n(r.refusedPresent)}`);
  log(`  kills (SIGKILL)           ${n(r.kills)}   (serving again after ${restarts} ms)`);
  log(`  rows                      ${r.rows.organisations} organisations, ${r.rows.units} units, ${r.rows.audit} audit records`);
  log(`  database integrity        ${r.integrity}`);
  log(`  insyn audit verify        ${r.auditVerify.ok ? 'passes' : `FAILS (exit ${r.auditVerify.code})`}: ${r.auditVerify.text}`);
  log(`  clean stop at the end     ${r.cleanStop ? 'yes (exit 0 on SIGTERM)' : `NO (${JSON.stringify(r.lastExit)})`}`);
  log(`  time                      ${s(r.totalMs)} s in all; writing ${s(r.writeMs)} s, ${(r.sent / (r.writeMs / 1000)).toFixed(0)} writes/s with the restarts`);
  for (const p of [...r.problems, ...r.incidents]) log(`  problem: ${p}`);
  log(r.ok ? 'Crash safety holds: every acknowledged write is there once, nothing is half there, the audit chain is whole.'
    : 'Crash safety does NOT hold: see the counts and problems above.');
}

async function main() {
  // an interrupted run still stops what it started (the 'exit' handler above)
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130));
  const { values } = parseArgs({
    options: {
      bin: { type: 'string', default: DEFAULT_BIN },
      db: { type: 'string', default: process.env.INSYN_CRASH_DB || '' },
      writes: { type: 'string', default: process.env.CRASH_WRITES || '10000' },
      kills: { type: 'string', default: process.env.CRASH_KILLS || '5' },
      clients: { type: 'string', default: process.env.CRASH_CLIENTS || '8' },
      seed: { type: 'string' },
      keep: { type: 'boolean', default: process.env.BENCH_KEEP === '1' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log('usage: node bench/crash.mjs [--bin PATH] [--db URL|postgresql] [--writes N] [--kills K] [--clients C] [--seed S] [--keep]');
    console.log('  --db: empty (a new SQLite file), sqlite:PATH or PATH, postgresql://USER@HOST:PORT/DBNAME,');
    console.log('        or postgresql alone (a throw-away cluster, stopped at the end)');
    return 0;
  }
  const int = (name, min) => {
    const v = Number(values[name]);
    if (!Number.isInteger(v) || v < min) throw new Error(`--${name} must be a whole number of at least ${min}`);
    return v;
  };
  if (!existsSync(values.bin)) throw new Error(`${values.bin} does not exist: build insyn first (make build)`);
  const r = await runCrash({
    bin: resolve(values.bin), dbUrl: values.db, writes: int('writes', 1), kills: int('kills', 0),
    clients: int('clients', 1), seed: values.seed === undefined ? undefined : int('seed', 0), keep: values.keep,
  });
  report(r);
  return r.ok ? 0 : 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().then((code) => process.exit(code), (e) => {
    console.error(`crash: ${e.message}`);
    process.exit(2);
  });
}
