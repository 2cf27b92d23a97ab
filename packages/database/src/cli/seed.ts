import { createDatabase } from '../client';
import { databaseOptionsFromEnv } from '../env';
import { migrateDatabase } from '../migrate';
import { seedDemo } from '../seed/seed-demo';

const handle = createDatabase(databaseOptionsFromEnv());
try {
  await migrateDatabase(handle);
  const started = performance.now();
  const result = await seedDemo(handle.db, { bcryptRounds: Number(process.env.BCRYPT_SALT_ROUNDS) || 12 });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    result.seeded
      ? `demo data seeded: ${result.users} people, ${result.visits} visits (${seconds} s)`
      : `database already has ${result.users} users; seed skipped`,
  );
} finally {
  await handle.close();
}
