// A throwaway PostgreSQL cluster of the fault suite's own (port 5440, data under a temp folder), so
// stopping and restarting it never touches the shared server on 5432 that other suites use. The
// global setup creates it once a run, with a migrated and seeded template database; each case
// copies the template into a database of its own (CREATE DATABASE … TEMPLATE, a file copy).
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The run's PostgreSQL cluster (its folder), or why there is none. */
    faultsCluster: { dir: string } | { problem: string };
  }
}

/** FAULTS_POSTGRES_BIN, else the newest Debian server install (/usr/lib/postgresql/<major>/bin). */
function serverBin(): string {
  if (process.env.FAULTS_POSTGRES_BIN) return process.env.FAULTS_POSTGRES_BIN;
  const root = '/usr/lib/postgresql';
  const majors = existsSync(root) ? readdirSync(root).filter((name) => /^\d+$/.test(name)) : [];
  const newest = majors.sort((a, b) => Number(b) - Number(a))[0] ?? '15';
  return path.join(root, newest, 'bin');
}
const BIN = serverBin();
export const FAULTS_POSTGRES_PORT = Number(process.env.FAULTS_POSTGRES_PORT ?? 5440);
/** The database every case's is copied from. */
export const TEMPLATE_DATABASE = 'faults_template';

/** Whether this machine can run a cluster: the binaries, and (as root) a `postgres` user to run them. */
export function clusterUnavailableReason(): string | null {
  if (!existsSync(path.join(BIN, 'initdb'))) return `no initdb in ${BIN}`;
  if (process.getuid?.() === 0 && spawnSync('id', ['-u', 'postgres']).status !== 0) {
    return 'running as root without a postgres user to own the cluster';
  }
  return null;
}

function asPostgres(command: string, args: string[]) {
  const full = path.join(BIN, command);
  const result =
    process.getuid?.() === 0
      ? spawnSync('runuser', ['-u', 'postgres', '--', full, ...args], { encoding: 'utf8', timeout: 60_000 })
      : spawnSync(full, args, { encoding: 'utf8', timeout: 60_000 });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

export interface Cluster {
  dir: string;
  port: number;
  /** postgresql://postgres@127.0.0.1:<port>/<name> */
  url(name: string): string;
  createDatabase(name: string, template?: string): Promise<string>;
  /** A new database copied from the seeded template; returns its URL. */
  seededDatabase(name: string): Promise<string>;
  start(): void;
  /** `pg_ctl stop -m fast`: connections are cut, as when the server restarts or fails over. */
  stop(): void;
  destroy(): void;
}

/** A handle on the cluster in `dir` (made by `createCluster`); starting and stopping it is the caller's. */
export function attachCluster(dir: string, port = FAULTS_POSTGRES_PORT): Cluster {
  const data = path.join(dir, 'data');
  const log = path.join(dir, 'postgres.log');
  // fsync stays on: a crash test must not rely on a database that may lose committed writes.
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=200`;
  const cluster: Cluster = {
    dir,
    port,
    url: (name) => `postgresql://postgres@127.0.0.1:${port}/${name}`,
    async createDatabase(name, template) {
      const client = new pg.Client({ connectionString: cluster.url('postgres') });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ''}`);
      } finally {
        await client.end();
      }
      return cluster.url(name);
    },
    seededDatabase: (name) => cluster.createDatabase(name, TEMPLATE_DATABASE),
    start: () => void asPostgres('pg_ctl', ['-D', data, '-o', options, '-l', log, '-w', 'start']),
    stop: () => void asPostgres('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']),
    destroy() {
      try {
        cluster.stop();
      } catch {
        // already stopped
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return cluster;
}

/** initdb in a new temp folder and start it. */
export function createCluster(port = FAULTS_POSTGRES_PORT): Cluster {
  const dir = mkdtempSync('/tmp/caretracker-faults-pg-');
  chmodSync(dir, 0o755);
  if (process.getuid?.() === 0) {
    const uid = Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout.trim());
    const gid = Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim());
    chownSync(dir, uid, gid);
  }
  asPostgres('initdb', ['-D', path.join(dir, 'data'), '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
  const cluster = attachCluster(dir, port);
  cluster.start();
  return cluster;
}

/** Inside a test file: the run's cluster, or null with the reason there is none. */
export function runCluster(): { cluster: Cluster | null; problem: string | null } {
  const provided = inject('faultsCluster');
  if ('problem' in provided) return { cluster: null, problem: provided.problem };
  return { cluster: attachCluster(provided.dir), problem: null };
}

/** The user the cluster's server runs as (`postgres` when the suite runs as root), for folders it must own. */
export function postgresOwner(): { uid: number; gid: number } {
  if (process.getuid?.() !== 0) return { uid: process.getuid?.() ?? 0, gid: process.getgid?.() ?? 0 };
  const id = (flag: string) => Number(spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout.trim());
  return { uid: id('-u'), gid: id('-g') };
}
