import { randomBytes, randomUUID } from 'node:crypto';
import {
  createSecretBox,
  currentPhiKeyId,
  phiKeyId,
  reencryptPhi,
  registerPhiKeys,
  schema,
  sealPhiUnderCurrentKey,
} from '@caretracker/database';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataEncryptionKey } from '../src/config/config';
import { engines, startApp, type TestApp } from './helpers/app';
import { createUser, type TestUser } from './helpers/factories';

/** The profile row as a backup or a stolen copy of the table holds it: no column opened. */
async function rawProfile(t: TestApp, userId: string) {
  const result = (await t.app.deps.db.execute(
    sql`select row_to_json(p)::text as raw, date_of_birth, medical_record_number, medical_record_number_hash, insurance
        from profiles p where user_id = ${userId}`,
  )) as unknown as {
    rows: Array<{
      raw: string;
      date_of_birth: string | null;
      medical_record_number: string | null;
      medical_record_number_hash: string | null;
      insurance: string | null;
    }>;
  };
  return result.rows[0]!;
}

describe.each(engines())('PHI identifiers are encrypted at rest on %s', (engine) => {
  let t: TestApp;
  let supervisor: TestUser;
  beforeAll(async () => {
    t = await startApp({ engine });
    supervisor = await createUser(t.app, { role: 'SUPERVISOR' });
  });
  afterAll(async () => {
    // Later files in this worker seal under the installation key again.
    registerPhiKeys(dataEncryptionKey(t.app.deps.config));
    await t.close();
  });

  const tag = () => randomUUID().slice(0, 8).toUpperCase();
  const newClient = async (mrn: string) => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/users',
      headers: supervisor.headers,
      payload: {
        email: `phi-${randomUUID().slice(0, 8)}@test.caretracker.dev`,
        password: 'Violet-Meadow-Lantern-12',
        role: 'CLIENT',
        firstName: 'Ida',
        lastName: 'Okafor',
        supervisorId: supervisor.id,
        profile: {
          dateOfBirth: '1936-02-29',
          medicalRecordNumber: mrn,
          insurance: { provider: 'Cascade Health', policyNumber: `POL-${mrn}` },
        },
      },
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json().data as { id: string };
  };
  const read = async (id: string) => {
    const response = await t.app.inject({ method: 'GET', url: `/users/${id}`, headers: supervisor.headers });
    return response.json().data;
  };
  const searchMrn = async (q: string) =>
    (
      await t.app.inject({
        method: 'GET',
        url: `/search?q=${encodeURIComponent(q)}&type=clients`,
        headers: supervisor.headers,
      })
    ).json().data.clients as Array<{ id: string }>;

  it('the table and the audit trail hold no clear MRN, date of birth or insurance number; the API reads them back', async () => {
    const mrn = `MRN-${tag()}`;
    const client = await newClient(mrn);

    const raw = await rawProfile(t, client.id);
    for (const clear of [mrn, '1936-02-29', `POL-${mrn}`, 'Cascade Health']) expect(raw.raw).not.toContain(clear);
    expect(raw.date_of_birth).toMatch(/^phi:v1:[0-9a-f]{16}:/);
    expect(raw.medical_record_number).toMatch(/^phi:v1:[0-9a-f]{16}:/);
    expect(raw.insurance).toMatch(/^phi:v1:[0-9a-f]{16}:/);
    expect(raw.medical_record_number_hash).toMatch(/^[0-9a-f]{64}$/);

    const audit = await t.app.deps.db
      .select({ newValues: schema.auditLog.newValues })
      .from(schema.auditLog)
      .where(eq(schema.auditLog.entityId, client.id));
    expect(JSON.stringify(audit)).not.toContain(mrn);
    expect(JSON.stringify(audit)).not.toContain('1936-02-29');
    expect(audit.some((row) => JSON.stringify(row.newValues).includes('[encrypted]'))).toBe(true);

    expect((await read(client.id)).profile).toMatchObject({
      dateOfBirth: '1936-02-29',
      medicalRecordNumber: mrn,
      insurance: { provider: 'Cascade Health', policyNumber: `POL-${mrn}` },
    });
    // Equality lookups go through the keyed hash, in either letter case.
    expect((await searchMrn(mrn.toLowerCase())).map((c) => c.id)).toEqual([client.id]);
    // The unique MRN rule still holds on the hash.
    const duplicate = await t.app.inject({
      method: 'POST',
      url: '/users',
      headers: supervisor.headers,
      payload: {
        email: `dup-${tag().toLowerCase()}@test.caretracker.dev`,
        password: 'Violet-Meadow-Lantern-12',
        role: 'CLIENT',
        firstName: 'Dup',
        lastName: 'Licate',
        supervisorId: supervisor.id,
        profile: { medicalRecordNumber: mrn },
      },
    });
    expect(duplicate.statusCode).toBe(409);
  });

  it('rows stored in clear before encryption existed are sealed by the start-up pass', async () => {
    const mrn = `MRN-${tag()}`;
    const client = await newClient(mrn);
    // As an older release left it: clear values, no hash.
    await t.app.deps.db.execute(
      sql`update profiles set date_of_birth = '1940-07-04', medical_record_number = ${mrn},
          medical_record_number_hash = null, insurance = ${JSON.stringify({ provider: 'Old', policyNumber: 'P-1' })}
          where user_id = ${client.id}`,
    );
    expect((await read(client.id)).profile).toMatchObject({ dateOfBirth: '1940-07-04', medicalRecordNumber: mrn });

    expect(await sealPhiUnderCurrentKey(t.app.deps.db)).toBeGreaterThanOrEqual(1);
    const raw = await rawProfile(t, client.id);
    expect(raw.raw).not.toContain('1940-07-04');
    expect(raw.raw).not.toContain(mrn);
    expect(raw.medical_record_number_hash).toMatch(/^[0-9a-f]{64}$/);
    expect((await read(client.id)).profile).toMatchObject({
      dateOfBirth: '1940-07-04',
      medicalRecordNumber: mrn,
      insurance: { provider: 'Old', policyNumber: 'P-1' },
    });
    expect((await searchMrn(mrn)).map((c) => c.id)).toEqual([client.id]);
  });

  it('keys rotate without downtime: old values open under the retired key, re-encryption moves them all', async () => {
    const oldKey = dataEncryptionKey(t.app.deps.config);
    const mrn = `MRN-${tag()}`;
    const client = await newClient(mrn);
    const before = await rawProfile(t, client.id);
    expect(before.medical_record_number).toContain(`:${phiKeyId(oldKey)}:`);

    // The rotation: a new DATA_ENCRYPTION_KEY, the old one in DATA_ENCRYPTION_KEYS_PREVIOUS.
    const newKey = randomBytes(32);
    registerPhiKeys(newKey, [oldKey]);
    expect(currentPhiKeyId()).toBe(phiKeyId(newKey));
    expect((await read(client.id)).profile.medicalRecordNumber).toBe(mrn);
    expect((await searchMrn(mrn)).map((c) => c.id)).toEqual([client.id]);

    expect(await sealPhiUnderCurrentKey(t.app.deps.db)).toBeGreaterThanOrEqual(1);
    const after = await rawProfile(t, client.id);
    expect(after.medical_record_number).toContain(`:${phiKeyId(newKey)}:`);
    expect(after.date_of_birth).toContain(`:${phiKeyId(newKey)}:`);
    expect(after.medical_record_number_hash).not.toBe(before.medical_record_number_hash);
    expect((await read(client.id)).profile).toMatchObject({ medicalRecordNumber: mrn, dateOfBirth: '1936-02-29' });
    const leftUnderOld = (await t.app.deps.db.execute(
      sql`select count(*)::int as n from profiles where medical_record_number like ${`phi:v1:${phiKeyId(oldKey)}:%`}
          or date_of_birth like ${`phi:v1:${phiKeyId(oldKey)}:%`} or insurance like ${`phi:v1:${phiKeyId(oldKey)}:%`}`,
    )) as unknown as { rows: Array<{ n: number }> };
    expect(leftUnderOld.rows[0]?.n).toBe(0);

    // TOTP secrets move with the same command, and the trail records that the command ran.
    const admin = await createUser(t.app, { role: 'ADMIN' });
    const moved = await reencryptPhi(t.app.deps.db, createSecretBox(newKey), createSecretBox(newKey, [oldKey]));
    expect(moved).toMatchObject({ keyId: phiKeyId(newKey) });
    expect(moved.totpSecrets).toBeGreaterThanOrEqual(1);
    const [row] = await t.app.deps.db.select().from(schema.users).where(eq(schema.users.id, admin.id));
    expect(createSecretBox(newKey).open(row!.mfaSecret!)).toBe(admin.mfaSecret);
    const [entry] = await t.app.deps.db
      .select()
      .from(schema.auditLog)
      .where(eq(schema.auditLog.action, 'PHI_REENCRYPTED'));
    expect(entry).toMatchObject({ entityType: 'encryption_key', dataClassification: 'SECURITY', metadata: moved });
  });
});
