import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../client';
import { auditLog, profiles, users } from '../schema/index';
import { currentPhiKeyId, openPhi, phiLookupHash, sealedPhiKeyId } from './phi-keyring';
import type { SecretBox } from './secret-box';

const BATCH = 500;

interface RawProfile {
  user_id: string;
  date_of_birth: string | null;
  medical_record_number: string | null;
  medical_record_number_hash: string | null;
  insurance: string | null;
}

/** Whether a stored value must be (re-)sealed: clear text, or sealed under a key that is not current. */
const stale = (value: string | null, current: string) => value !== null && sealedPhiKeyId(value) !== current;

/**
 * Brings every profile's sealed identifiers under the current key: values still in clear (rows
 * written before encryption existed) are sealed, values under a retired key are re-sealed, and
 * the MRN's lookup hash is recomputed. The server runs it at start; `database:reencrypt-phi` runs
 * it after a key rotation. A row changed meanwhile (compare-and-set on the stored values) is left
 * to whoever changed it: their write already used the current key. Returns how many rows moved.
 */
export async function sealPhiUnderCurrentKey(db: Database): Promise<number> {
  const current = currentPhiKeyId();
  if (!current) throw new Error('no PHI key is registered');
  const prefix = `phi:v1:${current}:%`;
  let moved = 0;
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const result = (await db.execute(sql`
      select user_id, date_of_birth, medical_record_number, medical_record_number_hash, insurance
      from profiles
      where user_id > ${after}
        and ((date_of_birth is not null and date_of_birth not like ${prefix})
          or (medical_record_number is not null and medical_record_number not like ${prefix})
          or (insurance is not null and insurance not like ${prefix}))
      order by user_id
      limit ${BATCH}`)) as unknown as { rows: RawProfile[] };
    for (const row of result.rows) {
      const mrn = row.medical_record_number === null ? null : openPhi(row.medical_record_number);
      const changes = {
        ...(stale(row.date_of_birth, current) && row.date_of_birth !== null
          ? { dateOfBirth: openPhi(row.date_of_birth) }
          : {}),
        ...(stale(row.medical_record_number, current) && mrn !== null
          ? { medicalRecordNumber: mrn, medicalRecordNumberHash: phiLookupHash(mrn) }
          : {}),
        ...(stale(row.insurance, current) && row.insurance !== null
          ? { insurance: JSON.parse(openPhi(row.insurance)) }
          : {}),
      };
      const updated = await db
        .update(profiles)
        .set(changes)
        .where(
          and(
            eq(profiles.userId, row.user_id),
            sql`date_of_birth is not distinct from ${row.date_of_birth}`,
            sql`medical_record_number is not distinct from ${row.medical_record_number}`,
            sql`insurance is not distinct from ${row.insurance}`,
          ),
        )
        .returning({ userId: profiles.userId });
      moved += updated.length;
    }
    if (result.rows.length < BATCH) return moved;
    after = result.rows.at(-1)?.user_id ?? after;
  }
}

/**
 * Re-seals TOTP secrets under the current data key after a rotation: a secret the current key
 * cannot open is opened with the retired keys (`previous`) and sealed again. Returns how many.
 */
export async function resealTotpSecrets(db: Database, currentBox: SecretBox, anyKeyBox: SecretBox): Promise<number> {
  const rows = await db
    .select({ id: users.id, mfaSecret: users.mfaSecret })
    .from(users)
    .where(sql`${users.mfaSecret} is not null`);
  let moved = 0;
  for (const row of rows) {
    if (!row.mfaSecret) continue;
    try {
      currentBox.open(row.mfaSecret);
      continue;
    } catch {
      // Sealed under a retired key (or not sealed at all: the start-up sealer handles those).
    }
    let plain: string;
    try {
      plain = anyKeyBox.open(row.mfaSecret);
    } catch {
      continue;
    }
    const updated = await db
      .update(users)
      .set({ mfaSecret: currentBox.seal(plain) })
      .where(and(eq(users.id, row.id), eq(users.mfaSecret, row.mfaSecret)))
      .returning({ id: users.id });
    moved += updated.length;
  }
  return moved;
}

/**
 * `database:reencrypt-phi`: every sealed profile value and TOTP secret under the current key, and
 * one SECURITY audit row saying so (a key rotation is an event the trail must show: who ran it is
 * the operator at the console, so the row names no actor). Returns the counts it recorded.
 */
export async function reencryptPhi(
  db: Database,
  currentBox: SecretBox,
  anyKeyBox: SecretBox,
): Promise<{ keyId: string; profiles: number; totpSecrets: number }> {
  const keyId = currentPhiKeyId();
  if (!keyId) throw new Error('no PHI key is registered');
  const moved = {
    keyId,
    profiles: await sealPhiUnderCurrentKey(db),
    totpSecrets: await resealTotpSecrets(db, currentBox, anyKeyBox),
  };
  await db.insert(auditLog).values({
    action: 'PHI_REENCRYPTED',
    entityType: 'encryption_key',
    entityId: null,
    outcome: 'SUCCESS',
    dataClassification: 'SECURITY',
    metadata: moved,
  });
  return moved;
}
