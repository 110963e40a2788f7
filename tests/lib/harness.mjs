// harness.mjs — the real insyn binary, a fresh database and a server on a free loopback
// port, for black-box tests. Each test file starts its own server and stops it at the end.
// The database is a SQLite file, or with INSYN_BACKEND=postgresql a new database in a
// PostgreSQL cluster: the one whose base URL the file INSYN_PG_CLUSTER holds (a CTest fixture
// starts it, tests/lib/pg_cluster.mjs), else one started for this process alone.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startCluster, stopCluster, createDatabase, dropDatabase } from './postgres.mjs';

export const BIN = process.env.INSYN_BIN || resolve(import.meta.dirname, '../../build/insyn');
export const PASSWORD = 'correct-horse-battery-1';

const BACKENDS = ['sqlite', 'postgresql'];
export const backend = process.env.INSYN_BACKEND || 'sqlite';
if (!BACKENDS.includes(backend)) throw new Error(`INSYN_BACKEND must be one of ${BACKENDS.join(', ')}, not ${backend}`);

// Runs the CLI; `input` goes to standard in.
export function cli(args, { input = '' } = {}) {
  const r = spawnSync(BIN, args, { input, encoding: 'utf8', timeout: 120000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

// Runs the CLI without blocking, so that a test's writers go on meanwhile; resolves to
// { code, stdout, stderr }.
export function cliAsync(args) {
  return new Promise((ok) => {
    const p = spawn(BIN, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '', stderr = '';
    p.stdout.on('data', (d) => { stdout += d; });
    p.stderr.on('data', (d) => { stderr += d; });
    p.on('exit', (code) => ok({ code, stdout, stderr }));
  });
}

export function freshDir() {
  return mkdtempSync(join(tmpdir(), 'insyn-test-'));
}

// The cluster's base URL (postgresql://insyn@127.0.0.1:PORT), started at most once per process.
let cluster = null;
const databases = new Set(); // made here and not dropped yet

async function clusterBase() {
  const file = process.env.INSYN_PG_CLUSTER;
  if (file) {
    let base;
    try {
      base = readFileSync(file, 'utf8').trim();
    } catch (e) {
      throw new Error(`INSYN_PG_CLUSTER: no cluster's URL in ${file} (is the pg/start fixture run?): ${e.message}`);
    }
    return base;
  }
  if (!cluster) {
    const dir = mkdtempSync(join(tmpdir(), 'insyn-pg-'));
    // an exit handler must be synchronous; pg_ctl and rm are. Interrupted, the process exits
    // through it too, rather than leave a server running.
    process.on('exit', () => stopCluster(dir));
    for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]]) process.once(signal, () => process.exit(code));
    cluster = startCluster(dir, { maxConnections: 200 });
  }
  return (await cluster).base;
}

// Left-over databases go with the process, so that a failed test does not keep its connections.
process.on('exit', () => {
  for (const { base, name } of databases) {
    try {
      dropDatabase(base, name);
    } catch {
      // the cluster may already be gone
    }
  }
});

// A new database the caller owns, not yet initialised, and a directory for its other files:
// a file name in that directory (SQLite), or an empty database in the cluster (PostgreSQL).
// cleanup() removes both; `name` is the SQLite file's name.
export async function freshDb(name = 'test.db') {
  const dir = freshDir();
  if (backend === 'sqlite') {
    return { db: join(dir, name), dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
  }
  const base = await clusterBase();
  const entry = { base, name: `t_${randomBytes(6).toString('hex')}` };
  const db = createDatabase(base, entry.name);
  databases.add(entry);
  return {
    db,
    dir,
    cleanup() {
      if (databases.delete(entry)) dropDatabase(base, entry.name);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// Starts `insyn serve` on 127.0.0.1:0 with a new database made by `setup(db)` (or empty);
// `args` are more options for `insyn serve`.
export async function startServer({ demo = false, setup = null, args = [] } = {}) {
  const { db, dir, cleanup } = await freshDb();
  let server;
  try {
    const made = demo ? cli(['demo', db]) : cli(['init', db]);
    if (made.code !== 0) throw new Error(`could not create database: ${made.stderr}`);
    if (setup) await setup(db);
    server = await serveDb(db, { args });
  } catch (e) {
    cleanup();
    throw e;
  }
  return {
    ...server,
    dir,
    async stop() {
      const result = await server.stop();
      cleanup();
      return result;
    },
  };
}

// Starts `insyn serve` on 127.0.0.1:0 on the database db, which the caller owns: another
// server may be running on it too (tests/http/two_processes.test.mjs). stop() stops only the
// server and resolves to its exit { code, signal }.
export async function serveDb(db, { args = [] } = {}) {
  const proc = spawn(BIN, ['serve', '--db', db, '--listen', '127.0.0.1:0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  proc.stderr.on('data', (d) => { stderr += d; });
  const exited = new Promise((ok) => proc.on('exit', (code, signal) => ok({ code, signal })));
  const url = await new Promise((ok, fail) => {
    let out = '';
    const timer = setTimeout(() => fail(new Error(`server did not start: ${stderr}`)), 15000);
    proc.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/lyssnar på (http:\/\/127\.0\.0\.1:\d+)\//);
      if (m) { clearTimeout(timer); ok(m[1]); }
    });
    proc.on('exit', (code) => { clearTimeout(timer); fail(new Error(`server exited ${code}: ${stderr}`)); });
  });
  return {
    url, db, proc,
    stderr: () => stderr,
    async stop() {
      proc.kill('SIGTERM');
      return exited;
    },
  };
}

// Adds a user with the shared test password.
export function addUser(db, email, role, organisation = null) {
  const args = ['user', 'add', db, '--email', email, '--role', role];
  if (organisation) args.push('--organisation', organisation);
  const r = cli(args, { input: PASSWORD + '\n' });
  if (r.code !== 0) throw new Error(`user add ${email}: ${r.stderr}`);
}

// One request sent from a given local address (any of 127.0.0.0/8 reaches a server on
// 127.0.0.1), so that the server sees a client other than 127.0.0.1. fetch cannot choose
// its local address; node:http can.
function sendFrom(localAddress, url, { method, body, headers }) {
  return new Promise((ok, fail) => {
    const u = new URL(url);
    const h = { ...headers };
    if (body !== null) h['Content-Length'] = Buffer.byteLength(body);
    const req = httpRequest({
      host: u.hostname, port: u.port, path: u.pathname + u.search, method, headers: h, localAddress, agent: false,
    }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const out = new Headers();
        for (let i = 0; i < res.rawHeaders.length; i += 2) out.append(res.rawHeaders[i], res.rawHeaders[i + 1]);
        ok({ status: res.statusCode, headers: out, text: Buffer.concat(chunks).toString('utf8') });
      });
      res.on('error', fail);
    });
    req.on('error', fail);
    if (body !== null) req.write(body);
    req.end();
  });
}

// A browser-like client: keeps cookies, follows nothing by itself, knows the CSRF token.
// `from` is the local address to connect from; `headers` go with every request.
export class Client {
  constructor(base, { from = null, headers = {} } = {}) {
    this.base = base;
    this.from = from;
    this.headers = headers;
    this.cookies = new Map();
    this.csrf = null;
  }

  cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  remember(res) {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (value === '' || /Max-Age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async request(method, path, { body = null, headers = {} } = {}) {
    const h = { ...this.headers, ...headers };
    if (this.cookies.size) h.Cookie = this.cookieHeader();
    let res, text;
    if (this.from) {
      res = await sendFrom(this.from, this.base + path, { method, body, headers: h });
      text = res.text;
    } else {
      res = await fetch(this.base + path, { method, body, headers: h, redirect: 'manual' });
      text = await res.text();
    }
    this.remember(res);
    const m = text.match(/name="csrf" value="([0-9a-f]{64})"/);
    if (m && path !== '/login') this.csrf = m[1];
    return { status: res.status, headers: res.headers, text, json: () => JSON.parse(text) };
  }

  get(path) {
    return this.request('GET', path);
  }

  // Posts a form; the session's CSRF token is added unless `csrf: false` or given.
  post(path, fields, { csrf = true } = {}) {
    const form = new URLSearchParams();
    if (csrf === true && this.csrf) form.append('csrf', this.csrf);
    else if (typeof csrf === 'string') form.append('csrf', csrf);
    for (const [k, v] of Object.entries(fields)) {
      if (Array.isArray(v)) v.forEach((x) => form.append(k, x));
      else form.append(k, v);
    }
    return this.request('POST', path, {
      body: form.toString(),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
  }

  // A JSON API call with the session cookie and the CSRF header.
  api(method, path, body = undefined) {
    const headers = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (this.csrf) headers['X-CSRF-Token'] = this.csrf;
    return this.request(method, path, { body: body === undefined ? null : JSON.stringify(body), headers });
  }

  // Logs in through the login form; returns the final response of the POST.
  async login(email, password = PASSWORD) {
    const page = await this.get('/login');
    const token = page.text.match(/name="csrf" value="([0-9a-f]{64})"/)[1];
    const res = await this.post('/login', { email, password, next: '/' }, { csrf: token });
    if (res.status === 303) {
      const home = await this.get('/utforare'); // any page with a form carries the session's token
      const m = home.text.match(/name="csrf" value="([0-9a-f]{64})"/);
      if (m) this.csrf = m[1];
    }
    return res;
  }
}

// A client that uses an API token instead of a session.
export async function bearer(base, token, method, path, body = undefined) {
  const headers = { Authorization: `Bearer ${token}`, Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(base + path, { method, headers, body: body === undefined ? null : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: () => JSON.parse(text) };
}
