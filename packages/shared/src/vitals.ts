import { z } from 'zod';

/**
 * Vital signs a worker records at check-out, with the ranges a measurement can physically take
 * (a value outside is a typing error, refused with the field named; abnormal-but-possible values
 * are accepted and flagged for the supervisor instead).
 */
export const VITAL_RANGES = {
  systolic: { min: 50, max: 260, unit: 'mmHg' },
  diastolic: { min: 20, max: 160, unit: 'mmHg' },
  pulse: { min: 20, max: 250, unit: 'bpm' },
  temperatureC: { min: 30, max: 45, unit: '°C' },
  spo2: { min: 50, max: 100, unit: '%' },
  glucoseMgDl: { min: 10, max: 1000, unit: 'mg/dL' },
  weightKg: { min: 1, max: 400, unit: 'kg' },
  respiratoryRate: { min: 4, max: 60, unit: '/min' },
} as const;

/** Outside these, a reading is possible but worth a supervisor's look. */
export const VITAL_ALERT_RANGES = {
  systolic: { min: 90, max: 180 },
  diastolic: { min: 50, max: 110 },
  pulse: { min: 45, max: 120 },
  temperatureC: { min: 35, max: 38.3 },
  spo2: { min: 92, max: 100 },
  glucoseMgDl: { min: 70, max: 300 },
  weightKg: { min: 1, max: 400 },
  respiratoryRate: { min: 10, max: 24 },
} as const;

const ranged = (key: keyof typeof VITAL_RANGES) => {
  const { min, max, unit } = VITAL_RANGES[key];
  return z.number().min(min, `must be at least ${min} ${unit}`).max(max, `must be at most ${max} ${unit}`);
};

export const vitalsSchema = z
  .strictObject({
    systolic: ranged('systolic').int().optional(),
    diastolic: ranged('diastolic').int().optional(),
    pulse: ranged('pulse').int().optional(),
    temperatureC: ranged('temperatureC').optional(),
    spo2: ranged('spo2').int().optional(),
    glucoseMgDl: ranged('glucoseMgDl').optional(),
    weightKg: ranged('weightKg').optional(),
    respiratoryRate: ranged('respiratoryRate').int().optional(),
  })
  .refine((v) => (v.systolic === undefined) === (v.diastolic === undefined), {
    message: 'blood pressure needs both systolic and diastolic',
    path: ['diastolic'],
  })
  .refine((v) => v.systolic === undefined || v.diastolic === undefined || v.systolic > v.diastolic, {
    message: 'systolic must be higher than diastolic',
    path: ['systolic'],
  });
export type Vitals = z.infer<typeof vitalsSchema>;

/** The readings outside the alert ranges, for flagging. */
export function vitalsOutsideAlertRanges(vitals: Vitals): string[] {
  return (Object.keys(VITAL_ALERT_RANGES) as Array<keyof typeof VITAL_ALERT_RANGES>).filter((key) => {
    const value = vitals[key];
    const range = VITAL_ALERT_RANGES[key];
    return value !== undefined && (value < range.min || value > range.max);
  });
}
