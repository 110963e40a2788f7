// postgres.mjs — a throw-away PostgreSQL cluster for one test file: Debian's server, initdb in
// a temporary directory, a free loopback port, stopped and removed at the end. Never a mock,
// never a server left running. As root (CI), the server runs as the postgres user, since
// PostgreSQL refuses to run as root.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, chownSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';

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
  const asRoot = process.getuid && process.getuid() === 0;
  const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
  return execFileSync(file, argv, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
}

// Starts a cluster with one empty database; returns { url, port, dir, psql(sql), stop() }.
// The superuser is `insyn` with trust authentication on loopback only.
export async function startPostgres(dbname = 'insyn') {
  const bin = bindir();
  const dir = mkdtempSync(join(tmpdir(), 'insyn-pg-'));
  const asRoot = process.getuid && process.getuid() === 0;
  if (asRoot) {
    const { uid, gid } = statSync('/var/lib/postgresql');
    chownSync(dir, uid, gid);
  }
  const data = join(dir, 'data');
  run(join(bin, 'initdb'), ['-D', data, '-U', 'insyn', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']);
  const port = await freePort();
  run(join(bin, 'pg_ctl'), ['-D', data, '-l', join(dir, 'server.log'), '-w', '-o',
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=on`, 'start']);
  const url = `postgresql://insyn@127.0.0.1:${port}/${dbname}`;
  execFileSync(join(bin, 'createdb'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'insyn', dbname]);
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
      try {
        run(join(bin, 'pg_ctl'), ['-D', data, '-w', '-m', 'fast', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
