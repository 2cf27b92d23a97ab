import type { Job } from '../jobs/runner';
import type { EvvDeps } from './service';

// PLACEHOLDER being replaced: flags visits not checked in within the tolerance and tells their supervisor.
export function missedVisitsJob(deps: EvvDeps): Job {
  return { name: 'missed-visits', intervalMs: 60_000, run: async () => deps.config.EVV_TOLERANCE_MINUTES };
}
