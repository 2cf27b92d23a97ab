'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import type { FieldValues, Path, UseFormReturn } from 'react-hook-form';
import { useErrorMessage } from '../data/error-message';
import { applyApiErrors } from './api-errors';

export interface UseApiSubmitOptions<Input extends FieldValues, Output> {
  /** Sends the validated values (usually a TanStack mutation's mutateAsync). */
  submit: (values: Output) => Promise<unknown>;
  /** The form's field paths, for mapping the API's field errors. */
  fields: readonly Path<Input>[];
  rename?: Record<string, Path<Input>>;
  onSuccess?: (values: Output) => void;
}

/**
 * The submit handler of a form that calls the API: validation first (the schema), then the call;
 * a 400 with field errors puts each next to its field, anything else becomes `formError` (shown
 * above the form with the Alert), in the user's language.
 */
export function useApiSubmit<Input extends FieldValues, Output>(
  form: UseFormReturn<Input, unknown, Output>,
  { submit, fields, rename, onSuccess }: UseApiSubmitOptions<Input, Output>,
) {
  const t = useTranslations('validation');
  const describe = useErrorMessage();
  const [formError, setFormError] = useState<string | null>(null);
  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    try {
      await submit(values);
      onSuccess?.(values);
    } catch (error) {
      const { matched, unmatched } = applyApiErrors(error, form.setError, { fields, rename, t });
      if (matched === 0 || unmatched.length > 0) {
        setFormError([matched > 0 ? t('fixFields') : describe(error), ...unmatched].join(' '));
      }
    }
  });
  return { onSubmit, formError, setFormError, isSubmitting: form.formState.isSubmitting };
}
