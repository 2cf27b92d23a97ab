import type { AuditService } from '../modules/audit/service';

/** Why a presented access token opened no session. */
export type TokenRejection = 'invalid' | 'session_ended';

const WINDOW_MS = 60_000;
const MAX_TRACKED = 10_000;

/**
 * Audits refused access tokens: forged, tampered, foreign or malformed ones (`invalid`), and ones
 * we signed whose session has ended or whose user may no longer sign in (`session_ended`). Plain
 * expiry is not audited: every client meets it hourly and refreshes. One row per client address
 * and reason per minute, carrying how many more were refused meanwhile, so a flood of bad tokens
 * cannot flood the hash-chained audit log (or slow every request down on its serial inserts).
 */
export function createTokenRejectionAudit(audit: AuditService, log: { warn(obj: object, msg: string): void }) {
  const windows = new Map<string, { until: number; suppressed: number }>();

  return async function recordRejection(
    reason: TokenRejection,
    details: { ip: string | null; sessionId?: string; carrier: string },
  ) {
    const key = `${details.ip ?? '-'}|${reason}`;
    const now = Date.now();
    const open = windows.get(key);
    if (open && open.until > now) {
      open.suppressed += 1;
      return;
    }
    windows.delete(key);
    if (windows.size >= MAX_TRACKED) windows.delete(windows.keys().next().value as string);
    windows.set(key, { until: now + WINDOW_MS, suppressed: 0 });
    try {
      await audit.record({
        action: 'ACCESS_TOKEN_REJECTED',
        entityType: 'session',
        entityId: details.sessionId ?? null,
        classification: 'SECURITY',
        outcome: 'DENIED',
        metadata: { reason, carrier: details.carrier, refusedSinceLastRow: open?.suppressed ?? 0 },
        actor: { id: null, role: null },
      });
    } catch (error) {
      // The request is refused either way; a failed audit write is an operational error, not the caller's.
      log.warn({ err: error }, 'could not audit a refused access token');
    }
  };
}
