import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { ApiError } from '../data/api-client';
import { translateFieldMessage, type ValidationT } from './field-messages';

interface FieldIssue {
  field: string;
  message: string;
}

function isFieldIssue(value: unknown): value is FieldIssue {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as FieldIssue).field === 'string' &&
    typeof (value as FieldIssue).message === 'string'
  );
}

/** The field issues of an API error (`details` of a 400 VALIDATION_ERROR, or of a 409/422 that lists fields). */
export function fieldIssuesOf(error: unknown): FieldIssue[] {
  if (!(error instanceof ApiError) || !Array.isArray(error.details)) return [];
  return error.details.filter(isFieldIssue);
}

/** `body.profile.phone` → `profile.phone`: the API names where the field was (body, query, params). */
export function formPathOf(field: string): string {
  return field.replace(/^(body|query|params)\.?/, '');
}

export interface ApplyApiErrorsOptions<T extends FieldValues> {
  /** The form's fields; an issue for any other path goes to the form-level message instead. */
  fields: readonly Path<T>[];
  /** When the API's path differs from the form's (`profile.phone` → `phone`). */
  rename?: Record<string, Path<T>>;
  t: ValidationT;
}

/**
 * After a failed submit: puts each of the API's field errors next to its field (react-hook-form's
 * setError, which also marks it aria-invalid and focuses the first) and returns the issues that
 * name no field of this form, for a message above it. The messages the catalogue knows are
 * shown in the user's language.
 */
export function applyApiErrors<T extends FieldValues>(
  error: unknown,
  setError: UseFormSetError<T>,
  { fields, rename = {}, t }: ApplyApiErrorsOptions<T>,
): { matched: number; unmatched: string[] } {
  const known = new Set<string>(fields);
  const unmatched: string[] = [];
  let matched = 0;
  const seen = new Set<string>();
  for (const issue of fieldIssuesOf(error)) {
    const raw = formPathOf(issue.field);
    const path = rename[raw] ?? raw;
    const message = translateFieldMessage(issue.message, t);
    if (!known.has(path)) {
      unmatched.push(raw ? `${raw}: ${message}` : message);
      continue;
    }
    // Several problems with one field (a password both short and common) read as one message.
    if (seen.has(path)) continue;
    seen.add(path);
    const all = fieldIssuesOf(error)
      .filter((other) => (rename[formPathOf(other.field)] ?? formPathOf(other.field)) === path)
      .map((other) => translateFieldMessage(other.message, t));
    setError(path as Path<T>, { type: 'server', message: all.join(' ') }, { shouldFocus: matched === 0 });
    matched += 1;
  }
  return { matched, unmatched };
}
