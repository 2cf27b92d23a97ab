import { createDatabase } from '../client';
import { databaseOptionsFromEnv } from '../env';
import { migrateDatabase } from '../migrate';
import { seedDemo } from '../seed/seed-demo';

const handle = createDatabase(databaseOptionsFromEnv());
try {
  await migrateDatabase(handle);
  const result = await seedDemo(handle.db, { bcryptRounds: Number(process.env.BCRYPT_SALT_ROUNDS) || 12 });
  console.log(
    result.seeded
      ? `demo data seeded (${result.users} people)`
      : `database already has ${result.users} users; seed skipped`,
  );
} finally {
  await handle.close();
}
