import { createDatabase } from '@caretracker/database';
import { databaseOptions, loadConfigOrExit } from '../config/config';
import { createAuditService } from '../modules/audit/service';

/** `pnpm audit:verify`: exits 0 when the audit chain is intact, 1 (listing the rows) when not. */
const config = loadConfigOrExit();
const database = createDatabase(databaseOptions(config));
try {
  const result = await createAuditService({ db: database.db, phiReadsAudited: true }).verifyChain();
  if (result.valid) {
    console.log(`audit log intact: ${result.checked} rows verified`);
  } else {
    console.error(`audit log TAMPERED: ${result.broken.length} of ${result.checked} rows fail verification`);
    for (const row of result.broken) console.error(`  seq ${row.seq} (${row.id}): ${row.reason}`);
    process.exitCode = 1;
  }
} finally {
  await database.close();
}
