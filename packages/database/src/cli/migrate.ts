import { createDatabase } from '../client';
import { databaseOptionsFromEnv } from '../env';
import { migrateDatabase } from '../migrate';

const options = databaseOptionsFromEnv();
const handle = createDatabase(options);
try {
  await migrateDatabase(handle);
  console.log(`migrations applied (${handle.kind === 'postgres' ? 'PostgreSQL' : `PGlite at ${options.dataDir}`})`);
} finally {
  await handle.close();
}
