import { openBreakGlassBodySchema } from '@caretracker/shared/break-glass';

// The break-glass form's rule: the API's own reason field (required, at least 20 characters).
export const breakGlassFormSchema = openBreakGlassBodySchema.pick({ reason: true });
