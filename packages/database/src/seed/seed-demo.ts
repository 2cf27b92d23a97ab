import { dateInZone } from '@caretracker/shared';
import bcrypt from 'bcrypt';
import { sql } from 'drizzle-orm';
import type { Database } from '../client';
import { users } from '../schema/index';
import { registerPhiKeys } from '../secrets/phi-keyring';
import { createSecretBox } from '../secrets/secret-box';
import { seedBudgets } from './budgets';
import { seedCarePlans } from './care-plans';
import { DEMO_PASSWORD, DEMO_PEOPLE, DEMO_TIME_ZONE } from './demo-people';
import { seedFamily } from './family';
import { seedPeople } from './people';
import { Random } from './random';
import { planSchedules } from './schedule';
import { seedVisits } from './visits';

export interface SeedResult {
  seeded: boolean;
  users: number;
  /** Visits created (0 when the seed was skipped). */
  visits: number;
}

export interface SeedOptions {
  /** The installation's data encryption key (`dataEncryptionKeyFor`): the demo admin's TOTP secret is stored sealed with it. */
  dataEncryptionKey: Buffer;
  bcryptRounds?: number;
  /** The moment the history ends and the schedule starts; the current time unless a test fixes it. */
  now?: Date;
}

/** Seeds the demo agency into an empty database; a database that already has users is left alone. */
export async function seedDemo(db: Database, options: SeedOptions): Promise<SeedResult> {
  // Identifiers in profiles are sealed under the same key the server opens them with.
  registerPhiKeys(options.dataEncryptionKey);
  const [existing] = await db.select({ count: sql<number>`count(*)::int` }).from(users);
  if ((existing?.count ?? 0) > 0) return { seeded: false, users: existing?.count ?? 0, visits: 0 };

  const passwordHash = await bcrypt.hash(DEMO_PASSWORD, options.bcryptRounds ?? 12);
  const now = options.now ?? new Date();
  const today = dateInZone(now, DEMO_TIME_ZONE);
  // The same seed every time, so two fresh databases show the same agency.
  const random = new Random(20_240_501);
  const schedules = planSchedules();
  const counts = await db.transaction(async (tx) => {
    const ids = await seedPeople(tx, { passwordHash, box: createSecretBox(options.dataEncryptionKey) }, now);
    const plans = await seedCarePlans(tx, ids, schedules, today);
    const visits = await seedVisits(tx, ids, schedules, plans, now, today, random);
    await seedBudgets(tx, today);
    // Last: the family member is a CLIENT-role login, not a client in care (no budget, plan or visits).
    await seedFamily(tx, ids, passwordHash, now);
    return visits;
  });
  return { seeded: true, users: DEMO_PEOPLE.length + 1, visits: counts.visits };
}
