import { describe, expect, it } from 'vitest';
import { icd10CodeSchema, medicationInputSchema } from './care-plans';
import { vitalsOutsideAlertRanges, vitalsSchema } from './vitals';

describe('ICD-10-CM codes', () => {
  it.each(['E11.9', 'I10', 'F03.90', 'S72.001A', 'z99.81'])('accepts %s', (code) => {
    expect(icd10CodeSchema.safeParse(code).success).toBe(true);
  });
  it.each(['U07.1', '11.9', 'E1', 'E11.', 'E11.12345', 'E11-9', ''])('refuses %s', (code) => {
    expect(icd10CodeSchema.safeParse(code).success).toBe(false);
  });
  it('normalises to upper case', () => {
    expect(icd10CodeSchema.parse(' e11.9 ')).toBe('E11.9');
  });
});

describe('vitals', () => {
  it('accepts plausible readings and flags abnormal ones', () => {
    const vitals = vitalsSchema.parse({ systolic: 190, diastolic: 95, pulse: 72, spo2: 96, temperatureC: 36.8 });
    expect(vitalsOutsideAlertRanges(vitals)).toEqual(['systolic']);
  });
  it('refuses impossible readings, naming the field', () => {
    const result = vitalsSchema.safeParse({ pulse: 400, spo2: 101 });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.')).sort()).toEqual(['pulse', 'spo2']);
  });
  it('needs both halves of a blood pressure, systolic above diastolic', () => {
    expect(vitalsSchema.safeParse({ systolic: 120 }).success).toBe(false);
    expect(vitalsSchema.safeParse({ systolic: 80, diastolic: 90 }).success).toBe(false);
  });
});

describe('care plan medications', () => {
  it('a scheduled medication needs times; an as-needed one needs its indication', () => {
    const base = { name: 'Metformin', dose: '500 mg', route: 'ORAL' };
    expect(medicationInputSchema.safeParse(base).success).toBe(false);
    expect(medicationInputSchema.safeParse({ ...base, times: ['08:00', '20:00'] }).success).toBe(true);
    expect(medicationInputSchema.safeParse({ ...base, prn: true }).success).toBe(false);
    expect(medicationInputSchema.safeParse({ ...base, prn: true, prnIndication: 'pain above 4/10' }).success).toBe(
      true,
    );
  });
});
