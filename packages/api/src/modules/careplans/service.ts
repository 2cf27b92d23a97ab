import type { Database } from '@caretracker/database';
import type { Config } from '../../config/config';
import type { AuditService } from '../audit/service';
import type { Notifier } from '../notifications/service';

export interface CarePlansDeps {
  db: Database;
  config: Config;
  audit: AuditService;
  notifier: Notifier;
}

export type CarePlansService = ReturnType<typeof createCarePlansService>;

// PLACEHOLDER being replaced by the care plans module.
export function createCarePlansService(deps: CarePlansDeps) {
  return { deps };
}
