import { createDatabase } from '../client';
import { databaseOptionsFromEnv, loadProjectEnvFile } from '../env';
import { migrateDatabase } from '../migrate';
import { dataEncryptionKeyFor, MissingKeyError } from '../secrets/installation-keys';
import { seedDemo } from '../seed/seed-demo';

loadProjectEnvFile();
let dataEncryptionKey: Buffer;
try {
  // The same key the server will use: DATA_ENCRYPTION_KEY, or the one kept under the data directory.
  dataEncryptionKey = dataEncryptionKeyFor(process.env);
} catch (error) {
  if (!(error instanceof MissingKeyError)) throw error;
  console.error(`seed: ${error.variable}: ${error.message}`);
  process.exit(1);
}
const handle = createDatabase(databaseOptionsFromEnv());
try {
  await migrateDatabase(handle);
  const started = performance.now();
  const result = await seedDemo(handle.db, {
    dataEncryptionKey,
    bcryptRounds: Number(process.env.BCRYPT_SALT_ROUNDS) || 12,
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    result.seeded
      ? `demo data seeded: ${result.users} people, ${result.visits} visits (${seconds} s)`
      : `database already has ${result.users} users; seed skipped`,
  );
} finally {
  await handle.close();
}
