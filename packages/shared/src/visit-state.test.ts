import { describe, expect, it } from 'vitest';
import { allowedTransitions, canTransition, VISIT_STATUSES } from './visit-state';

describe('visit state machine', () => {
  it('follows SCHEDULED → CONFIRMED → IN_PROGRESS → COMPLETED', () => {
    expect(canTransition('SCHEDULED', 'CONFIRMED')).toBe(true);
    expect(canTransition('CONFIRMED', 'IN_PROGRESS')).toBe(true);
    expect(canTransition('IN_PROGRESS', 'COMPLETED')).toBe(true);
  });

  it('lets an unconfirmed visit start, and ends cancel/no-show/reschedule before it starts', () => {
    expect(canTransition('SCHEDULED', 'IN_PROGRESS')).toBe(true);
    for (const to of ['CANCELLED', 'NO_SHOW', 'RESCHEDULED'] as const) {
      expect(canTransition('SCHEDULED', to)).toBe(true);
      expect(canTransition('CONFIRMED', to)).toBe(true);
      expect(canTransition('IN_PROGRESS', to)).toBe(false);
    }
  });

  it('has no way out of a final status and no skipping back', () => {
    for (const final of ['COMPLETED', 'CANCELLED', 'NO_SHOW', 'RESCHEDULED'] as const) {
      expect(allowedTransitions(final)).toEqual([]);
    }
    expect(canTransition('IN_PROGRESS', 'SCHEDULED')).toBe(false);
    expect(canTransition('CONFIRMED', 'SCHEDULED')).toBe(false);
    expect(canTransition('SCHEDULED', 'COMPLETED')).toBe(false);
  });

  it('never allows a status to move to itself', () => {
    for (const status of VISIT_STATUSES) expect(canTransition(status, status)).toBe(false);
  });
});
