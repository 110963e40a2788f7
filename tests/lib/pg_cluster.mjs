// pg_cluster.mjs — one PostgreSQL cluster shared by a whole CTest run of the PostgreSQL suites:
//   node pg_cluster.mjs start DIR   starts it in DIR and writes its base URL to DIR/url
//   node pg_cluster.mjs stop DIR    stops it and removes DIR
// Each test file then makes its own databases in it (harness.mjs, INSYN_PG_CLUSTER=DIR/url).
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startCluster, stopCluster } from './postgres.mjs';

// servers hold a pool of connections each, and two test files may run at once
const MAX_CONNECTIONS = 200;

const [verb, where] = process.argv.slice(2);
if (!['start', 'stop'].includes(verb) || !where) {
  console.error('usage: node pg_cluster.mjs start|stop DIR');
  process.exit(1);
}
const dir = resolve(where);

if (verb === 'stop') {
  stopCluster(dir);
} else {
  // a cluster left behind by an interrupted run is stopped first
  stopCluster(dir);
  try {
    const { base } = await startCluster(dir, { maxConnections: MAX_CONNECTIONS });
    writeFileSync(join(dir, 'url'), `${base}\n`);
    console.log(`PostgreSQL on ${base}, data in ${dir}`);
  } catch (e) {
    console.error(`could not start PostgreSQL in ${dir}: ${e.stderr?.toString() || e.message}`);
    stopCluster(dir);
    process.exit(1);
  }
}
