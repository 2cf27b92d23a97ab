/**
 * Electronic visit verification vocabulary: service types with their HCPCS procedure codes,
 * exception kinds, and the reason codes supervisors resolve exceptions and amendments with
 * (modelled on the codes state aggregators accept).
 */
export const SERVICE_TYPES = {
  PERSONAL_CARE: { label: 'Personal care', procedureCode: 'T1019', modifiers: [] },
  HOMEMAKER: { label: 'Homemaker services', procedureCode: 'S5130', modifiers: [] },
  COMPANION: { label: 'Companion care', procedureCode: 'S5135', modifiers: [] },
  RESPITE: { label: 'Respite care', procedureCode: 'S5150', modifiers: [] },
  SKILLED_NURSING: { label: 'Skilled nursing visit', procedureCode: 'G0299', modifiers: [] },
  MEDICATION_ASSISTANCE: { label: 'Medication assistance', procedureCode: 'T1019', modifiers: ['U1'] },
} as const satisfies Record<string, { label: string; procedureCode: string; modifiers: readonly string[] }>;
export type ServiceType = keyof typeof SERVICE_TYPES;
export const SERVICE_TYPE_KEYS = Object.keys(SERVICE_TYPES) as [ServiceType, ...ServiceType[]];

export const EVV_EXCEPTION_TYPES = [
  'CHECKIN_OUTSIDE_GEOFENCE',
  'CHECKOUT_OUTSIDE_GEOFENCE',
  'LATE_CHECKIN',
  'EARLY_CHECKIN',
  'EARLY_CHECKOUT',
  'LATE_CHECKOUT',
  'MISSED_CHECKIN',
] as const;
export type EvvExceptionType = (typeof EVV_EXCEPTION_TYPES)[number];

export const EVV_REASON_CODES = {
  GPS_INACCURATE: 'Device location was inaccurate',
  SERVICE_IN_COMMUNITY: 'Service delivered in the community with the client',
  CLIENT_REQUESTED_TIME_CHANGE: 'Client asked for a different time',
  WORKER_LATE_TRAFFIC: 'Worker delayed by traffic or transport',
  WORKER_FORGOT_TO_CALL: 'Worker forgot to check in or out',
  DEVICE_FAILURE: 'Phone or app failure',
  EMERGENCY: 'Emergency during the visit',
  CLIENT_UNAVAILABLE: 'Client not home or unavailable',
  SCHEDULE_ERROR: 'The schedule was wrong',
  DOCUMENTATION_CORRECTION: 'Correction of documentation',
  OTHER: 'Other (explained in the note)',
} as const;
export type EvvReasonCode = keyof typeof EVV_REASON_CODES;
export const EVV_REASON_CODE_KEYS = Object.keys(EVV_REASON_CODES) as [EvvReasonCode, ...EvvReasonCode[]];

export const DEFAULT_GEOFENCE_METERS = 150;
export const DEFAULT_TOLERANCE_MINUTES = 15;
