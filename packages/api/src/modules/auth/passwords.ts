import { createHash } from 'node:crypto';
import { type PasswordContext, passwordProblems } from '@caretracker/shared';
import { dictionary } from '@zxcvbn-ts/language-common';
import bcrypt from 'bcrypt';
import { ValidationError } from '../../errors/app-errors';

const COMMON = new Set<string>(dictionary['passwords-common'] as string[]);

/**
 * Common if it is on the leaked-password list, or is such a password with a little padding
 * ("Password1234!") that makes up most of it.
 */
export function isCommonPassword(lowered: string): boolean {
  if (COMMON.has(lowered)) return true;
  const base = lowered.replace(/[^a-z]+$/, '').replace(/^[^a-z]+/, '');
  return base.length >= 4 && COMMON.has(base) && base.length / lowered.length >= 0.6;
}

/** Throws a 400 naming the field and every rule the password breaks. */
export function assertPasswordAcceptable(password: string, context: PasswordContext, field = 'newPassword'): void {
  const problems = passwordProblems(password, context, isCommonPassword);
  if (problems.length > 0) {
    throw new ValidationError(
      `Password ${problems.join('; ')}`,
      problems.map((message) => ({ field: `body.${field}`, message: `Password ${message}` })),
    );
  }
}

/** bcrypt reads at most 72 bytes; a longer password is pre-hashed with SHA-256 so none is ever truncated. */
function bcryptInput(password: string): string {
  return Buffer.byteLength(password) > 72 ? createHash('sha256').update(password).digest('base64') : password;
}

export function hashPassword(password: string, rounds: number): Promise<string> {
  return bcrypt.hash(bcryptInput(password), rounds);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(bcryptInput(password), hash);
}

/** A hash to compare against when no account matches, so timing does not reveal which emails exist. */
export const DUMMY_HASH = bcrypt.hashSync('caretracker-timing-equaliser', 12);
