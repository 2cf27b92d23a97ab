import type { Database } from '@caretracker/database';
import type { Config } from '../../config/config';
import type { AuditService } from '../audit/service';
import type { Notifier } from '../notifications/service';
import type { EventBus } from '../realtime/event-bus';
import { checkInOperation } from './check-in';
import { checkOutOperation } from './check-out';
import { listMedicationsOperation } from './emar';
import { resolveExceptionOperation } from './exceptions';
import { recordMedicationOperation } from './record-medication';
import { createVisitGuard } from './visit-guard';

export interface EvvDeps {
  db: Database;
  config: Config;
  audit: AuditService;
  notifier: Notifier;
  events: EventBus;
}

export type EvvService = ReturnType<typeof createEvvService>;

/**
 * Electronic visit verification and the eMAR: check-in, check-out with documentation, EVV
 * exception resolution, and the visit's medication record. Each operation checks the caller
 * against the visit, runs in one transaction and writes its audit row.
 */
export function createEvvService(deps: EvvDeps) {
  const guard = createVisitGuard(deps);
  return {
    checkIn: checkInOperation(deps, guard),
    checkOut: checkOutOperation(deps, guard),
    resolveException: resolveExceptionOperation(deps, guard),
    listMedications: listMedicationsOperation(deps, guard),
    recordMedication: recordMedicationOperation(deps, guard),
  };
}
