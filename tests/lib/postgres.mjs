// postgres.mjs — throw-away PostgreSQL clusters for tests: Debian's server, initdb in a
// directory of its own, a free loopback port, stopped and removed at the end. Never a mock,
// never a server left running. As root (CI), the server runs as the postgres user, since
// PostgreSQL refuses to run as root.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, chownSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';

const asRoot = () => Boolean(process.getuid && process.getuid() === 0);

function bindir() {
  return execFileSync('pg_config', ['--bindir']).toString().trim();
}

async function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

// Runs a server program, as postgres when we are root.
function run(cmd, args, options = {}) {
  const [file, argv] = asRoot() ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
  return execFileSync(file, argv, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
}

// psql on one database (a postgresql:// URL); the client's encoding is fixed, since a test
// process may run in the C locale.
function psqlAt(url, sql) {
  return execFileSync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-A', '-t', '-d', url, '-c', sql],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, PGCLIENTENCODING: 'UTF8' } }).toString();
}

// Makes a cluster in dir (created if missing, owned by postgres when root) and starts it; the
// superuser is `insyn` with trust authentication on loopback only. pg_ctl daemonises the server,
// so it outlives this process until stopCluster(dir). Returns { base, port, dir }, base being
// the URL without a database name.
export async function startCluster(dir, { maxConnections = 100 } = {}) {
  const bin = bindir();
  mkdirSync(dir, { recursive: true });
  if (asRoot()) {
    const { uid, gid } = statSync('/var/lib/postgresql');
    chownSync(dir, uid, gid);
  }
  const data = join(dir, 'data');
  run(join(bin, 'initdb'), ['-D', data, '-U', 'insyn', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']);
  const port = await freePort();
  run(join(bin, 'pg_ctl'), ['-D', data, '-l', join(dir, 'server.log'), '-w', '-o',
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=on -c max_connections=${maxConnections}`, 'start']);
  return { base: `postgresql://insyn@127.0.0.1:${port}`, port, dir };
}

// Stops the cluster in dir, if one runs there, and removes dir. Synchronous, so that it can run
// in a process's 'exit' handler.
export function stopCluster(dir) {
  const data = join(dir, 'data');
  try {
    if (existsSync(join(data, 'postmaster.pid'))) run(join(bindir(), 'pg_ctl'), ['-D', data, '-w', '-m', 'fast', 'stop']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// A new, empty database in the cluster at base; returns its URL.
export function createDatabase(base, name) {
  psqlAt(`${base}/postgres`, `CREATE DATABASE "${name}"`);
  return `${base}/${name}`;
}

// Drops a database even while clients are still connected to it.
export function dropDatabase(base, name) {
  psqlAt(`${base}/postgres`, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
}

// Starts a cluster with one empty database; returns { url, port, dir, psql(sql), stop() }.
export async function startPostgres(dbname = 'insyn') {
  const dir = mkdtempSync(join(tmpdir(), 'insyn-pg-'));
  let port;
  try {
    ({ port } = await startCluster(dir));
  } catch (e) {
    stopCluster(dir);
    throw e;
  }
  const url = createDatabase(`postgresql://insyn@127.0.0.1:${port}`, dbname);
  let stopped = false;
  return {
    url, port, dir,
    psql(sql, db = dbname) {
      return execFileSync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-A', '-t', '-h', '127.0.0.1', '-p', String(port),
        '-U', 'insyn', '-d', db, '-c', sql]).toString();
    },
    psqlFile(file, db = dbname) {
      return execFileSync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-1', '-h', '127.0.0.1', '-p', String(port),
        '-U', 'insyn', '-d', db, '-f', file], { stdio: ['ignore', 'pipe', 'pipe'] }).toString();
    },
    stop() {
      if (stopped) return;
      stopped = true;
      stopCluster(dir);
    },
  };
}
