export * from './client';
export * from './env';
export { isDatabaseUnavailable, type QueryFailure, queryFailureOf } from './errors';
export * from './migrate';
export * as schema from './schema/index';
export { TABLE_CLASSIFICATION } from './schema/index';
export {
  DEVELOPMENT_JWT_SECRET,
  dataEncryptionKeyFor,
  jwtSecretFor,
  KEY_FILES,
  type KeyEnvironment,
  MissingKeyError,
  previousDataEncryptionKeysFor,
} from './secrets/installation-keys';
export {
  currentPhiKeyId,
  isSealedPhi,
  openPhi,
  PhiKeyMissingError,
  phiKeyId,
  phiLookupHash,
  phiLookupHashes,
  registerPhiKeys,
  sealedPhiKeyId,
  sealPhi,
  withMrnHash,
} from './secrets/phi-keyring';
export { reencryptPhi, resealTotpSecrets, sealPhiUnderCurrentKey } from './secrets/seal-phi';
export { sealPlainTotpSecrets } from './secrets/seal-totp-secrets';
export { createSecretBox, isSealed, type SecretBox, UnsealedSecretError } from './secrets/secret-box';
export { DEMO_ADMIN_TOTP_SECRET, DEMO_PASSWORD, DEMO_PEOPLE } from './seed/demo-people';
export { seedDemo } from './seed/seed-demo';
