'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useMemo } from 'react';
import { type DefaultValues, type FieldValues, type Resolver, type UseFormProps, useForm } from 'react-hook-form';
import type { z } from 'zod';
import { translateFieldMessage, type ValidationT, zodIssueMessage } from './field-messages';

export interface UseZodFormOptions<Input extends FieldValues, Output extends FieldValues>
  extends Omit<UseFormProps<Input, unknown, Output>, 'resolver'> {
  defaultValues: DefaultValues<Input>;
}

type AnySchema = z.ZodType<FieldValues, FieldValues>;

/**
 * Where the form's schema comes from: a function that imports it, `() => import('./x').then((m) => m.schema)`.
 * zod is ~45 KB gzip, so it stays out of the route's initial JS: the form renders at once and the
 * schema loads right after (it is needed on the first blur or submit, never before).
 */
export type SchemaLoader<Schema extends AnySchema> = () => Promise<Schema>;

function lazyResolver<Schema extends AnySchema>(load: SchemaLoader<Schema>, t: ValidationT) {
  let resolver: Promise<Resolver<z.input<Schema>, unknown, z.output<Schema>>> | null = null;
  const get = () => {
    // The resolver module brings zod's core too, so it loads with the schema.
    resolver ??= Promise.all([load(), import('@hookform/resolvers/zod')]).then(
      ([schema, { zodResolver }]) =>
        zodResolver(schema, { error: zodIssueMessage(t) }) as unknown as Resolver<
          z.input<Schema>,
          unknown,
          z.output<Schema>
        >,
    );
    return resolver;
  };
  const translating: Resolver<z.input<Schema>, unknown, z.output<Schema>> = async (values, context, options) => {
    const result = await (await get())(values, context, options);
    translateErrors(result.errors, (message) => translateFieldMessage(message, t));
    return result;
  };
  return { resolver: translating, preload: get };
}

/**
 * react-hook-form validated by a Zod schema (the shared ones from @caretracker/shared where the
 * API has them): checked on blur, then as the user types once a field has been touched or the
 * form submitted, with every message in the user's language.
 */
export function useZodForm<Schema extends AnySchema>(
  load: SchemaLoader<Schema>,
  options: UseZodFormOptions<z.input<Schema>, z.output<Schema>>,
) {
  const t = useTranslations('validation');
  const { resolver, preload } = useMemo(() => lazyResolver(load, t), [load, t]);
  useEffect(() => {
    void preload();
  }, [preload]);
  return useForm<z.input<Schema>, unknown, z.output<Schema>>({ mode: 'onTouched', ...options, resolver });
}

/** Walks react-hook-form's nested errors and rewrites each message in place. */
function translateErrors(errors: Record<string, unknown>, translate: (message: string) => string) {
  for (const value of Object.values(errors)) {
    if (!value || typeof value !== 'object') continue;
    const error = value as { message?: unknown };
    if (typeof error.message === 'string') error.message = translate(error.message);
    else translateErrors(value as Record<string, unknown>, translate);
  }
}
