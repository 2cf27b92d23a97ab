import type { Database } from '@caretracker/database';
import type { Config } from '../../config/config';
import type { AuditService } from '../audit/service';
import type { Notifier } from '../notifications/service';

export interface VisitsDeps {
  db: Database;
  config: Config;
  audit: AuditService;
  notifier: Notifier;
}

export type VisitsService = ReturnType<typeof createVisitsService>;

// PLACEHOLDER being replaced by the visits module.
export function createVisitsService(deps: VisitsDeps) {
  return { deps };
}
