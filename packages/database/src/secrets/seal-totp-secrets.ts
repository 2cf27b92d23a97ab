import { and, eq, isNotNull, notLike } from 'drizzle-orm';
import type { Database } from '../client';
import { users } from '../schema/index';
import type { SecretBox } from './secret-box';

/**
 * Seals every TOTP secret still stored in plain text (written before sealing existed, or by an
 * older seed), so the server never has to read one. Run at server start; a row changed meanwhile
 * (compare-and-set on the old value) is left to whoever changed it. Returns how many were sealed.
 */
export async function sealPlainTotpSecrets(db: Database, box: SecretBox): Promise<number> {
  const plain = await db
    .select({ id: users.id, mfaSecret: users.mfaSecret })
    .from(users)
    .where(and(isNotNull(users.mfaSecret), notLike(users.mfaSecret, 'enc:%')));
  let sealed = 0;
  for (const row of plain) {
    if (!row.mfaSecret) continue;
    const updated = await db
      .update(users)
      .set({ mfaSecret: box.seal(row.mfaSecret) })
      .where(and(eq(users.id, row.id), eq(users.mfaSecret, row.mfaSecret)))
      .returning({ id: users.id });
    sealed += updated.length;
  }
  return sealed;
}
