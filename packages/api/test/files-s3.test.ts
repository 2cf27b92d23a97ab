import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { schema } from '@caretracker/database';
import { eq } from 'drizzle-orm';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../src/config/config';
import { startApp, type TestApp } from './helpers/app';
import { createTeam } from './helpers/factories';
import { MB10, samples, upload } from './helpers/files';
import { expectError } from './helpers/http';

const BUCKET = 'caretracker-test';

/** The S3 driver against s3rver, a local server that speaks the S3 REST protocol (SigV4, multipart uploads). */
describe('files on S3-compatible storage (s3rver)', () => {
  let s3: S3rver;
  let directory: string;
  let endpoint: string;
  let t: TestApp;
  let team: Awaited<ReturnType<typeof createTeam>>;
  let client: S3Client;

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'caretracker-s3rver-'));
    s3 = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: BUCKET }] });
    const { port } = await s3.run();
    endpoint = `http://127.0.0.1:${port}`;
    t = await startApp({
      config: {
        FILE_STORAGE_TYPE: 's3',
        S3_ENDPOINT: endpoint,
        S3_BUCKET: BUCKET,
        S3_REGION: 'us-east-1',
        S3_ACCESS_KEY_ID: 'S3RVER',
        S3_SECRET_ACCESS_KEY: 'S3RVER',
        S3_FORCE_PATH_STYLE: 'true',
      },
    });
    team = await createTeam(t.app);
    client = new S3Client({
      endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    });
  });
  afterAll(async () => {
    await t?.close();
    await s3?.close();
    await rm(directory, { recursive: true, force: true });
  });

  const rowOf = async (id: string) =>
    (await t.app.deps.db.select().from(schema.files).where(eq(schema.files.id, id)))[0]!;

  it('round trip of a 10 MB file: streamed to the bucket in parts under a generated key, served back intact', async () => {
    const content = samples.pdf(MB10);
    const created = await upload(t.app, team.worker, {
      entityType: 'PROFILE',
      entityId: team.worker.id,
      name: 'id.pdf',
      content,
    });
    expect(created.statusCode, created.body).toBe(201);
    const row = await rowOf(created.json().data.id);
    expect(row).toMatchObject({ storageDriver: 's3', sizeBytes: MB10 });
    const object = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: row.storageKey }));
    expect(Buffer.from(await object.Body!.transformToByteArray()).equals(content)).toBe(true);

    const download = await t.app.inject({ method: 'GET', url: `/files/${row.id}`, headers: team.worker.headers });
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(content)).toBe(true);
  });

  it('an object changed in the bucket is refused on download (500, no bytes)', async () => {
    const created = await upload(t.app, team.worker, {
      entityType: 'PROFILE',
      entityId: team.worker.id,
      name: 'badge.png',
      content: samples.png(),
    });
    const row = await rowOf(created.json().data.id);
    await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: row.storageKey, Body: samples.jpeg() }));
    const download = await t.app.inject({ method: 'GET', url: `/files/${row.id}`, headers: team.supervisor.headers });
    expectError(download, 500, 'INTERNAL_ERROR');
    expect(download.rawPayload.includes(samples.jpeg())).toBe(false);
  });

  it('a file over the limit never reaches the bucket', async () => {
    const response = await upload(t.app, team.client, {
      entityType: 'PROFILE',
      entityId: team.client.id,
      name: 'big.pdf',
      content: samples.pdf(MB10 + 1),
    });
    expectError(response, 413, 'PAYLOAD_TOO_LARGE');
  });
});

describe('S3 settings', () => {
  it('refuses s3 storage without a bucket, a malformed bucket or endpoint, and half a key pair', () => {
    expect(() => testConfig({ FILE_STORAGE_TYPE: 's3' })).toThrow(/S3_BUCKET: required/);
    expect(() => testConfig({ FILE_STORAGE_TYPE: 's3', S3_BUCKET: 'Bad_Bucket' })).toThrow(/S3_BUCKET/);
    expect(() => testConfig({ FILE_STORAGE_TYPE: 's3', S3_BUCKET: 'files', S3_ENDPOINT: 'minio:9000' })).toThrow(
      /S3_ENDPOINT/,
    );
    expect(() => testConfig({ FILE_STORAGE_TYPE: 's3', S3_BUCKET: 'files', S3_ACCESS_KEY_ID: 'k' })).toThrow(
      /both or neither/,
    );
    expect(testConfig({ FILE_STORAGE_TYPE: 's3', S3_BUCKET: 'files', S3_FORCE_PATH_STYLE: 'true' })).toMatchObject({
      S3_BUCKET: 'files',
      S3_FORCE_PATH_STYLE: true,
      S3_REGION: 'us-east-1',
    });
  });
});
