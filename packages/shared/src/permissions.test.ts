import { describe, expect, it } from 'vitest';
import { CREATABLE_ROLES, readableUserFields, writableUserFields } from './permissions';

describe('user permission matrix', () => {
  it('denies by default: no relation means nothing, except for admins', () => {
    for (const role of ['CLIENT', 'WORKER', 'SUPERVISOR'] as const)
      expect(readableUserFields(role, 'none').size).toBe(0);
    expect(readableUserFields('ADMIN', 'none').has('billing')).toBe(true);
  });

  it('workers see only identity and briefing of assigned clients', () => {
    expect([...readableUserFields('WORKER', 'assigned')].sort()).toEqual(['briefing', 'identity']);
    expect(writableUserFields('WORKER', 'assigned').size).toBe(0);
  });

  it('billing is for supervisors to read and admins to write', () => {
    expect(readableUserFields('SUPERVISOR', 'team').has('billing')).toBe(true);
    expect(writableUserFields('SUPERVISOR', 'team').has('billing')).toBe(false);
    expect(readableUserFields('CLIENT', 'self').has('billing')).toBe(false);
    expect(writableUserFields('ADMIN', 'team').has('billing')).toBe(true);
  });

  it('clients and workers may change only their own contact fields', () => {
    expect([...writableUserFields('CLIENT', 'self')]).toEqual(['contact']);
    expect([...writableUserFields('WORKER', 'self')]).toEqual(['contact']);
  });

  it('supervisors create only workers and clients', () => {
    expect(CREATABLE_ROLES.SUPERVISOR).toEqual(['WORKER', 'CLIENT']);
    expect(CREATABLE_ROLES.WORKER).toEqual([]);
  });
});
