// A backup taken under load (backup/database-backup.sh while check-outs stream in) restores with
// disaster-recovery/restore.sh to a consistent state: the audit chain verifies, every check-out in
// it is whole, and its check-outs are those of the backup's moment — all answered before the
// backup began, none begun after it ended.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run, runAsync } from '../../ops/test/helpers';
import { FAULTS_API_PORTS, type FaultApi, startFaultApi } from '../support/api';
import { checkOutState, verifyAuditChain } from '../support/checkouts';
import { login, sleep } from '../support/http';
import { recordFault, skipFault } from '../support/ledger';
import { startLoad } from '../support/load';
import { runCluster } from '../support/postgres-cluster';
import { type Engine, openStore } from '../support/store';
import { visitsInProgress, WORKER } from '../support/world';

const { cluster, problem: clusterProblem } = runCluster();

const FAULT = 'Backup under load, restored';
const problem = clusterProblem;
if (problem) skipFault(FAULT, problem);

describe.skipIf(problem !== null)(FAULT, () => {
  let api: FaultApi | null = null;
  afterAll(async () => {
    await api?.stop();
  });

  it('restores to the backup moment, consistent', async () => {
    const engine: Engine = { kind: 'postgres', url: await cluster!.seededDatabase('faults_backup') };
    const visitIds = await visitsInProgress(engine, 200);
    api = await startFaultApi(FAULTS_API_PORTS[7], engine);
    const { base } = api;
    const token = await login(base, WORKER);
    const backupDir = mkdtempSync(path.join(tmpdir(), 'caretracker-faults-backups-'));

    const load = startLoad({ base: () => base, token: () => token, width: 4, visitIds, writeEvery: 3, pauseMs: 10 });
    await sleep(3_000);
    const backupStart = Date.now();
    const backup = await runAsync('bash', [
      'backup/database-backup.sh',
      '--database-url',
      engine.url,
      '--dir',
      backupDir,
    ]);
    const backupEnd = Date.now();
    await sleep(2_000);
    await load.stop();
    expect(backup.code, backup.stderr).toBe(0);

    const restoredUrl = await cluster!.createDatabase('faults_backup_restored');
    const restore = run('bash', [
      'disaster-recovery/restore.sh',
      '--yes',
      'latest',
      '--database-url',
      restoredUrl,
      '--dir',
      backupDir,
      '--skip-files',
    ]);
    expect(restore.code, restore.stderr).toBe(0);
    const restored: Engine = { kind: 'postgres', url: restoredUrl };

    const checkouts = load.samples.filter((sample) => sample.kind === 'checkout');
    const store = openStore(restored);
    const state = await checkOutState(
      store,
      checkouts.map((sample) => sample.visitId!),
    );
    await store.close();
    const audit = verifyAuditChain(restored);
    const answeredBefore = checkouts.filter((s) => s.outcome.status === 200 && s.at + s.ms < backupStart);
    const missing = answeredBefore.filter((s) => !state.applied.has(s.visitId!));
    const startedAfter = checkouts.filter((s) => s.at > backupEnd);
    const fromTheFuture = startedAfter.filter((s) => state.applied.has(s.visitId!));

    const inconsistent = state.inconsistent.size + (audit.ok ? 0 : 1) + fromTheFuture.length;
    recordFault({
      fault: FAULT,
      survived: inconsistent === 0 && missing.length === 0,
      requestsLost: missing.length,
      recordsInconsistent: inconsistent,
      note: `backup took ${backupEnd - backupStart} ms under ${checkouts.length} check-outs; restored ${state.applied.size} check-outs (${answeredBefore.length} answered before it began, ${startedAfter.length} begun after it ended)`,
    });
    expect(state.inconsistent).toEqual(new Map());
    expect(audit.ok, audit.output).toBe(true);
    expect(missing.map((s) => s.visitId)).toEqual([]);
    expect(fromTheFuture.map((s) => s.visitId)).toEqual([]);
  });
});
