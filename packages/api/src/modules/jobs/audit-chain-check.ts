import type { Database } from '@caretracker/database';
import type { FastifyBaseLogger } from 'fastify';
import type { AuditService } from '../audit/service';
import { activeUserIds, type Notifier } from '../notifications/service';
import type { Job } from './runner';

/**
 * Nightly: re-computes the audit hash chain. A broken chain means someone rewrote history (or
 * the database is damaged): it is logged as an error and every active admin is told at once.
 */
export function auditChainCheckJob(deps: {
  db: Database;
  audit: AuditService;
  notifier: Notifier;
  log: FastifyBaseLogger;
}): Job {
  return {
    name: 'audit-chain-check',
    intervalMs: 86_400_000,
    async run() {
      const result = await deps.audit.verifyChain();
      await deps.audit.record({
        action: 'AUDIT_VERIFIED',
        entityType: 'audit_log',
        classification: 'SECURITY',
        outcome: result.valid ? 'SUCCESS' : 'FAILURE',
        metadata: { valid: result.valid, checked: result.checked, scheduled: true },
      });
      if (result.valid) return { valid: true, checked: result.checked };
      const first = result.broken[0];
      deps.log.error(
        { checked: result.checked, broken: result.broken.length, first },
        'AUDIT CHAIN BROKEN: audit rows were altered or removed',
      );
      await deps.notifier.notify({
        userIds: await activeUserIds(deps.db, ['ADMIN']),
        category: 'SECURITY_ALERT',
        message: { key: 'auditChainBroken', params: { count: result.broken.length, seq: first?.seq ?? 0 } },
        entityType: 'audit_log',
        urgent: true,
      });
      return { valid: false, checked: result.checked, broken: result.broken.length };
    },
  };
}
