'use client';

import { BREAK_GLASS_MINUTES } from '@caretracker/shared/break-glass';
import { Alert, Button, Card } from '@caretracker/ui/components';
import { FormTextField, useApiSubmit, useZodForm } from '@caretracker/ui/forms';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { useOpenBreakGlass } from '@/lib/office-api';

// Loaded only on the not-found path (next/dynamic in client-screen.tsx): the form stays out of the record's first load.

const loadSchema = () => import('./break-glass-schema').then((m) => m.breakGlassFormSchema);
const MIN_REASON = 20;
const FIELDS = ['reason'] as const;

/**
 * A supervisor who may not see this client is offered break-glass: a reason (the API's own rule),
 * then the record opens for the grant's time. Admins never see this: they see every record.
 */
export function BreakGlassOffer({ clientId, expired }: { clientId: string; expired: boolean }) {
  const t = useTranslations('breakGlass');
  const open = useOpenBreakGlass(clientId);
  const [asking, setAsking] = useState(false);
  const form = useZodForm(loadSchema, { defaultValues: { reason: '' }, mode: 'onChange' });
  const { onSubmit, formError } = useApiSubmit(form, {
    fields: FIELDS,
    submit: ({ reason }) => open.mutateAsync(reason),
  });
  return (
    <Card
      title={t('offerTitle')}
      description={t('offerDescription', { minutes: BREAK_GLASS_MINUTES })}
      className="mt-4"
    >
      {expired && (
        <Alert tone="info" live="polite" className="mb-3">
          {t('expired')}
        </Alert>
      )}
      {asking ? (
        <form noValidate className="flex flex-col gap-3" onSubmit={onSubmit}>
          {formError && <Alert tone="error">{formError}</Alert>}
          <FormTextField
            control={form.control}
            name="reason"
            label={t('reason')}
            hint={t('hint', { count: MIN_REASON })}
            multiline
            rows={3}
            isRequired
            maxLength={1000}
            autoFocus
          />
          <div className="flex flex-wrap gap-2">
            <Button type="submit" variant="danger" isPending={form.formState.isSubmitting}>
              {t('submit')}
            </Button>
            <Button variant="secondary" onPress={() => setAsking(false)}>
              {t('cancel')}
            </Button>
          </div>
        </form>
      ) : (
        <Button variant="danger" onPress={() => setAsking(true)}>
          {t('offer')}
        </Button>
      )}
    </Card>
  );
}
