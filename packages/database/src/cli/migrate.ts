import { createDatabase } from '../client';
import { databaseOptionsFromEnv, loadProjectEnvFile } from '../env';
import { migrateDatabase } from '../migrate';

loadProjectEnvFile();
const options = databaseOptionsFromEnv();
const handle = createDatabase(options);
try {
  await migrateDatabase(handle);
  console.log(`migrations applied (${handle.kind === 'postgres' ? 'PostgreSQL' : `PGlite at ${options.dataDir}`})`);
} finally {
  await handle.close();
}
