// A full disk under PostgreSQL during check-outs: the case's database lives in a tablespace on a
// small tmpfs, filled up by a ballast file but for a few pages. Check-outs that cannot get room
// are answered 507 in the shared error shape (never a 500) and leave nothing half-applied; reads
// go on being served; once the ballast is removed the same API process (no restart) completes
// the refused check-outs when they are sent again with their keys.
import { closeSync, fstatSync, ftruncateSync, openSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { type FaultApi, startFaultApi } from '../support/api';
import { checkOutState } from '../support/checkouts';
import { call, checkOut, login, type Outcome } from '../support/http';
import { recordFault, skipFault } from '../support/ledger';
import { postgresOwner, runCluster, TEMPLATE_DATABASE } from '../support/postgres-cluster';
import { type Engine, openStore } from '../support/store';
import { mountTmpfs, type Tmpfs } from '../support/tmpfs';
import { visitsInProgress, WORKER } from '../support/world';

const { cluster, problem: clusterProblem } = runCluster();

const FAULT = 'Full disk under PostgreSQL during check-outs';
const API_PORT = 4214;
const DATABASE = 'faults_full_database';
const MB = 1024 * 1024;
/** Room left once the ballast is in: a few pages, so the check-outs run out of it quickly. */
const LEFT_BYTES = 96 * 1024;

async function sql(url: string, statement: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(statement);
  } finally {
    await client.end();
  }
}

/** Fills the disk with one file, then gives back `leave` bytes. Returns the file. */
function fillDisk(dir: string, leave: number): string {
  const file = path.join(dir, 'ballast');
  const fd = openSync(file, 'w');
  try {
    for (const chunk of [MB, 64 * 1024, 4096]) {
      const buffer = Buffer.alloc(chunk, 1);
      for (;;) {
        try {
          writeSync(fd, buffer);
        } catch {
          break;
        }
      }
    }
    ftruncateSync(fd, Math.max(0, fstatSync(fd).size - leave));
  } finally {
    closeSync(fd);
  }
  return file;
}

const isClear507 = (outcome: Outcome) => {
  const body = outcome.body as { success?: boolean; message?: unknown } | undefined;
  return outcome.status === 507 && body?.success === false && typeof body.message === 'string';
};

describe(FAULT, () => {
  let api: FaultApi | null = null;
  let disk: Tmpfs | null = null;
  afterAll(async () => {
    await api?.stop();
    if (cluster) {
      await sql(cluster.url('postgres'), `drop database if exists ${DATABASE} with (force)`).catch(() => undefined);
      await sql(cluster.url('postgres'), 'drop tablespace if exists faults_tiny').catch(() => undefined);
    }
    disk?.unmount();
  });

  it('answers 507, applies nothing by halves, and writes again once room is made', async (context) => {
    if (clusterProblem || !cluster) {
      skipFault(FAULT, clusterProblem ?? 'no cluster');
      return context.skip();
    }
    const admin = cluster.url('postgres');
    const size = Number(
      (await sql(admin, `select pg_database_size('${TEMPLATE_DATABASE}') as size`)).rows[0].size as string,
    );
    const mounted = mountTmpfs(Math.ceil(size / MB) + 12, postgresOwner());
    if (typeof mounted === 'string') {
      skipFault(FAULT, mounted);
      return context.skip();
    }
    disk = mounted;
    await sql(admin, `create tablespace faults_tiny location '${disk.dir}'`);
    await sql(admin, `create database ${DATABASE} template ${TEMPLATE_DATABASE} tablespace faults_tiny`);
    const engine: Engine = { kind: 'postgres', url: cluster.url(DATABASE) };
    const visitIds = await visitsInProgress(engine, 40);
    api = await startFaultApi(API_PORT, engine);
    const { base } = api;
    const token = await login(base, WORKER);

    const ballast = fillDisk(disk.dir, LEFT_BYTES);
    const first: Outcome[] = [];
    for (const visitId of visitIds) first.push(await checkOut(base, token, visitId));
    const refusedIds = visitIds.filter((_, index) => first[index]!.status !== 200);
    const unclear = first.filter((outcome) => outcome.status !== 200 && !isClear507(outcome));
    // Reads while the disk is full.
    const reads = await Promise.all([
      call(base, 'GET', '/health/live'),
      call(base, 'GET', '/auth/me', { token }),
      call(base, 'GET', '/notifications?limit=5', { token }),
    ]);
    const store = openStore(engine);
    const whileFull = await checkOutState(store, visitIds);

    // Room again, same process: the refused check-outs go through when sent again with their keys.
    rmSync(ballast);
    const again: Outcome[] = [];
    for (const visitId of refusedIds) again.push(await checkOut(base, token, visitId));
    const after = await checkOutState(store, visitIds);
    await store.close();
    const notCompleted = again.filter((outcome) => outcome.status !== 200);
    const readsServed = reads.filter((outcome) => outcome.status === 200).length;

    recordFault({
      fault: FAULT,
      survived:
        refusedIds.length > 0 &&
        unclear.length === 0 &&
        whileFull.inconsistent.size === 0 &&
        notCompleted.length === 0 &&
        after.inconsistent.size === 0 &&
        after.applied.size === visitIds.length,
      requestsLost: unclear.length + notCompleted.length,
      recordsInconsistent: whileFull.inconsistent.size + after.inconsistent.size,
      note: `${visitIds.length - refusedIds.length} check-outs applied, then ${refusedIds.length} refused with ${[...new Set(first.filter((o) => o.status !== 200).map((o) => o.status))].join(', ')}; reads served while full: ${readsServed} of ${reads.length} (${reads.map((o) => o.status).join('/')}); after room was made ${again.length - notCompleted.length} of ${again.length} completed by their replay`,
    });
    expect(refusedIds.length, 'check-outs refused once the disk was full').toBeGreaterThan(0);
    // The API's own account of an unclear refusal (its error log lines), to say which error it was.
    const apiErrors = api.service
      .output()
      .split('\n')
      .filter((line) => line.includes('"level":50'))
      .slice(0, 3)
      .join('\n');
    expect(
      unclear.slice(0, 3).map((outcome) => `${outcome.status} ${JSON.stringify(outcome.body)}`),
      `refusals other than a clear 507; the API logged:\n${apiErrors}`,
    ).toEqual([]);
    expect(whileFull.inconsistent, 'check-outs half-applied while full').toEqual(new Map());
    expect(
      reads.map((outcome) => outcome.status),
      'reads while full',
    ).toEqual([200, 200, 200]);
    expect(
      notCompleted.slice(0, 3).map((outcome) => `${outcome.status} ${JSON.stringify(outcome.body)}`),
      'replays not completed after room was made',
    ).toEqual([]);
    expect(after.inconsistent).toEqual(new Map());
    expect(after.applied.size).toBe(visitIds.length);
  });
});
