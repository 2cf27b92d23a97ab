import type { Executor } from '@caretracker/database';
import {
  type DataClassification,
  type Role,
  type UserRelation,
  userFieldGroupOf,
  writableUserFields,
} from '@caretracker/shared';
import { AppError, ConflictError, UnprocessableError } from '../../errors/app-errors';
import { isLiveSupervisor, uniqueViolation } from './queries';

const TEAM_ROLES: readonly Role[] = ['WORKER', 'CLIENT'];

/** A client's record holds health information; everyone else's is personal information. */
export const classificationOf = (role: Role): DataClassification => (role === 'CLIENT' ? 'PHI' : 'PII');

/** The requested field paths the relation may not write, per the matrix in `@caretracker/shared`. */
export function refusedFields(role: Role, relation: UserRelation, fields: string[]): string[] {
  const writable = writableUserFields(role, relation);
  return fields.filter((field) => {
    const group = userFieldGroupOf(field);
    return !group || !writable.has(group);
  });
}

export function fieldsRefused(fields: string[]): AppError {
  return new AppError(
    403,
    'FORBIDDEN',
    `You may not change: ${fields.join(', ')}`,
    fields.map((field) => ({ field: `body.${field}`, message: 'is not yours to change' })),
  );
}

export function emailConflict(): ConflictError {
  return new ConflictError('A user with this email already exists', [
    { field: 'body.email', message: 'is already in use' },
  ]);
}

/** Maps a unique violation raised inside a write to the 409 that names the field. */
export function conflictFromDatabase(error: unknown): never {
  const constraint = uniqueViolation(error);
  if (constraint === 'users_email_live_key') throw emailConflict();
  if (constraint === 'profiles_mrn_key') {
    throw new ConflictError('Another client has this medical record number', [
      { field: 'body.profile.medicalRecordNumber', message: 'is already in use' },
    ]);
  }
  throw error;
}

/** Only workers and clients belong to a team, and only a live supervisor leads one. */
export async function assertTeamPlacement(executor: Executor, role: Role, supervisorId: string | null) {
  if (supervisorId === null) return;
  if (!TEAM_ROLES.includes(role)) {
    throw new UnprocessableError('Only workers and clients belong to a supervisor’s team', [
      { field: 'body.supervisorId', message: 'must be empty for this role' },
    ]);
  }
  if (!(await isLiveSupervisor(executor, supervisorId))) {
    throw new UnprocessableError('supervisorId does not name an active supervisor', [
      { field: 'body.supervisorId', message: 'is not a supervisor' },
    ]);
  }
}
