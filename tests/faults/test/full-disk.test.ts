// A full disk under the file store (a 5 MB tmpfs) during uploads: once it is full an upload gets a
// clear answer (507, in the shared error shape), no partial file is left in the store, and the API
// keeps serving reads, the stored files among them.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FAULTS_API_PORTS, type FaultApi, startFaultApi } from '../support/api';
import { call, login } from '../support/http';
import { recordFault, skipFault } from '../support/ledger';
import { runCluster } from '../support/postgres-cluster';
import type { Engine } from '../support/store';
import { mountTmpfs, type Tmpfs } from '../support/tmpfs';
import { visitsInProgress, WORKER } from '../support/world';

const { cluster, problem: clusterProblem } = runCluster();

const FAULT = 'Full disk during uploads';
const ONE_MB = 1024 * 1024;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

const pdf = (size: number) => {
  const head = Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n', 'latin1');
  const tail = Buffer.from('\n%%EOF\n');
  return Buffer.concat([head, Buffer.alloc(size - head.length - tail.length, 0x20), tail]);
};

async function upload(base: string, token: string, visitId: string, name: string) {
  const form = new FormData();
  form.append('entityType', 'VISIT');
  form.append('entityId', visitId);
  form.append('category', 'DOCUMENT');
  form.append('file', new Blob([pdf(ONE_MB)], { type: 'application/pdf' }), name);
  try {
    const response = await fetch(`${base}/files/upload`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
      signal: AbortSignal.timeout(30_000),
    });
    return { status: response.status as number | null, body: (await response.json()) as Record<string, unknown> };
  } catch (error) {
    return { status: null, body: { error: String(error) } };
  }
}

describe(FAULT, () => {
  let api: FaultApi | null = null;
  let disk: Tmpfs | string | null = null;
  afterAll(async () => {
    await api?.stop();
    if (disk && typeof disk !== 'string') disk.unmount();
  });

  it('refuses clearly once full, leaves no partial file, keeps serving reads', async (context) => {
    const problem = clusterProblem;
    disk = problem ? null : mountTmpfs(5);
    const reason = problem ?? (typeof disk === 'string' ? disk : null);
    if (reason) {
      skipFault(FAULT, reason);
      context.skip();
      return;
    }
    const store = (disk as Tmpfs).dir;
    const engine: Engine = { kind: 'postgres', url: await cluster!.seededDatabase('faults_disk') };
    const [visitId] = await visitsInProgress(engine, 1);
    api = await startFaultApi(FAULTS_API_PORTS[4], engine, { FILE_STORAGE_PATH: store });
    const { base } = api;
    const token = await login(base, WORKER);

    const outcomes: Array<{ status: number | null; body: Record<string, unknown> }> = [];
    for (let index = 0; index < 8; index++) outcomes.push(await upload(base, token, visitId!, `notes-${index}.pdf`));
    const stored = outcomes.filter((outcome) => outcome.status === 201);
    const refused = outcomes.filter((outcome) => outcome.status !== 201);
    const unclear = refused.filter(
      (outcome) => outcome.status !== 507 || typeof outcome.body.message !== 'string' || outcome.body.success !== false,
    );
    const left = filesUnder(store);

    // Reads: the visit's file list, a stored file's bytes, the worker's visits.
    const list = await call(base, 'GET', `/files?entityType=VISIT&entityId=${visitId}`, { token });
    const firstId = (stored[0]?.body.data as { id?: string } | undefined)?.id;
    const download = firstId
      ? await fetch(`${base}/files/${firstId}`, { headers: { authorization: `Bearer ${token}` } })
      : null;
    const downloaded = download ? (await download.arrayBuffer()).byteLength : 0;
    const visits = await call(base, 'GET', '/visits?limit=5', { token });
    const listed = ((list.body as { data?: unknown[] }).data ?? []).length;
    const readsServed = list.status === 200 && download?.status === 200 && visits.status === 200;

    recordFault({
      fault: FAULT,
      survived: refused.length > 0 && unclear.length === 0 && left.length === stored.length && readsServed,
      requestsLost: (readsServed ? 0 : 1) + unclear.length,
      recordsInconsistent: Math.abs(left.length - stored.length) + Math.abs(listed - stored.length),
      note: `${stored.length} uploads of 1 MB stored, then ${refused.length} refused with ${[...new Set(refused.map((o) => o.status))].join(', ')}; ${left.length} files on the disk`,
    });
    expect(stored.length, 'uploads stored before the disk filled').toBeGreaterThan(0);
    expect(refused.length, 'uploads refused once full').toBeGreaterThan(0);
    expect(
      unclear.map((outcome) => `${outcome.status} ${JSON.stringify(outcome.body)}`),
      'unclear refusals',
    ).toEqual([]);
    expect(
      left.map((file) => path.relative(store, file)).filter((file) => file.endsWith('.part')),
      'partial files',
    ).toEqual([]);
    expect(left.length, 'files on the disk, one per stored upload').toBe(stored.length);
    expect(listed, 'files listed for the visit').toBe(stored.length);
    expect([list.status, download?.status, visits.status]).toEqual([200, 200, 200]);
    expect(downloaded, 'bytes of the stored file read back').toBe(ONE_MB);
  });
});
