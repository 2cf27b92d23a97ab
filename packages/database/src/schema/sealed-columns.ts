import { customType } from 'drizzle-orm/pg-core';
import { openPhi, sealPhi } from '../secrets/phi-keyring';

/**
 * A text column whose values are sealed by the PHI keyring on the way in and opened on the way
 * out (`secrets/phi-keyring.ts`): the code reads and writes clear values, the table holds only
 * `phi:v1:…`. Such a column cannot be searched or sorted in SQL; equality goes through its
 * lookup-hash column.
 */
export const sealedText = customType<{ data: string; driverData: string }>({
  dataType: () => 'text',
  toDriver: (value) => sealPhi(value),
  fromDriver: (value) => openPhi(value),
});

/** The same for a structured value (kept as sealed JSON text). */
export const sealedJson = <T>(name: string) =>
  customType<{ data: T; driverData: string }>({
    dataType: () => 'text',
    toDriver: (value) => sealPhi(JSON.stringify(value)),
    fromDriver: (value) => JSON.parse(openPhi(value)) as T,
  })(name);
