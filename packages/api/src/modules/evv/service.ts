import type { Database } from '@caretracker/database';
import type { Config } from '../../config/config';
import type { AuditService } from '../audit/service';
import type { Notifier } from '../notifications/service';

export interface EvvDeps {
  db: Database;
  config: Config;
  audit: AuditService;
  notifier: Notifier;
}

export type EvvService = ReturnType<typeof createEvvService>;

// PLACEHOLDER being replaced by the EVV and eMAR module.
export function createEvvService(deps: EvvDeps) {
  return { deps };
}
