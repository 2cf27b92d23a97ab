import { createDatabase } from '../client';
import { databaseOptionsFromEnv, loadProjectEnvFile } from '../env';
import { migrateDatabase } from '../migrate';
import { dataEncryptionKeyFor, MissingKeyError, previousDataEncryptionKeysFor } from '../secrets/installation-keys';
import { registerPhiKeys } from '../secrets/phi-keyring';
import { reencryptPhi } from '../secrets/seal-phi';
import { createSecretBox } from '../secrets/secret-box';

// `pnpm database:reencrypt-phi`: after a key rotation (the new key in DATA_ENCRYPTION_KEY, the old
// one in DATA_ENCRYPTION_KEYS_PREVIOUS), moves every sealed value to the new key while the API
// keeps serving; afterwards the old key can be dropped from DATA_ENCRYPTION_KEYS_PREVIOUS.

loadProjectEnvFile();
let current: Buffer;
let previous: Buffer[];
try {
  current = dataEncryptionKeyFor(process.env);
  previous = previousDataEncryptionKeysFor(process.env);
} catch (error) {
  if (!(error instanceof MissingKeyError)) throw error;
  console.error(`reencrypt-phi: ${error.variable}: ${error.message}`);
  process.exit(1);
}
registerPhiKeys(current, previous);
const handle = createDatabase(databaseOptionsFromEnv());
try {
  await migrateDatabase(handle);
  const moved = await reencryptPhi(handle.db, createSecretBox(current), createSecretBox(current, previous));
  console.log(
    `re-encrypted under key ${moved.keyId}: ${moved.profiles} client profiles, ${moved.totpSecrets} TOTP secrets`,
  );
} finally {
  await handle.close();
}
