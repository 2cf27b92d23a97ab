import { describe, expect, it } from 'vitest';
import { accessOutcome, userRelationOf } from './access-matrix';

describe('access matrix', () => {
  it('hides what a role does not see and forbids what it sees but may not do', () => {
    expect(accessOutcome('visit', 'WORKER', 'team', 'read')).toBe('hidden');
    expect(accessOutcome('visit', 'WORKER', 'own', 'delete')).toBe('forbidden');
    expect(accessOutcome('visit', 'ADMIN', 'other', 'delete')).toBe('allow');
    expect(accessOutcome('budget', 'WORKER', 'own', 'read')).toBe('hidden');
  });

  it('builds the user row from the relations of permissions.ts', () => {
    expect(userRelationOf('WORKER', 'own')).toBe('assigned');
    expect(userRelationOf('SUPERVISOR', 'team')).toBe('team');
    expect(accessOutcome('user', 'WORKER', 'own', 'read')).toBe('allow');
    expect(accessOutcome('user', 'WORKER', 'own', 'update')).toBe('forbidden');
    expect(accessOutcome('user', 'CLIENT', 'own', 'update')).toBe('allow');
    expect(accessOutcome('user', 'SUPERVISOR', 'other', 'read')).toBe('hidden');
  });

  it('reports follow REPORT_ROLES, supervisors respond to emergencies, only admins read jobs', () => {
    expect(accessOutcome('report', 'WORKER', 'own', 'budgets')).toBe('forbidden');
    expect(accessOutcome('report', 'CLIENT', 'own', 'timesheets')).toBe('forbidden');
    expect(accessOutcome('emergency', 'SUPERVISOR', 'team', 'respond')).toBe('allow');
    expect(accessOutcome('system', 'SUPERVISOR', 'own', 'readJobs')).toBe('hidden');
  });
});
