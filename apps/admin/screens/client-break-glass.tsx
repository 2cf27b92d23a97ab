'use client';

import { BREAK_GLASS_MINUTES } from '@caretracker/shared/break-glass';
import type { UserView } from '@caretracker/shared/users';
import { Alert, Badge, Button, Card, toast } from '@caretracker/ui/components';
import { useErrorMessage } from '@caretracker/ui/data';
import { FormTextField, useApiSubmit, useZodForm } from '@caretracker/ui/forms';
import { useFormat } from '@caretracker/ui/i18n';
import { useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import { useCloseBreakGlass, useOpenBreakGlass } from '@/lib/office-api';

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

/** Seconds left of the grant, counted down on this device from the API's answer (not its clock). */
export function useRemainingSeconds(grant: UserView['breakGlass'], answeredAt: number): number | null {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!grant) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [grant]);
  if (!grant) return null;
  return Math.max(0, grant.remainingSeconds - Math.floor((now - answeredAt) / 1000));
}

/** The banner over a record opened under break-glass: the time left, counting down, and a way to end it. */
export function BreakGlassBanner({
  clientId,
  grant,
  remainingSeconds,
}: {
  clientId: string;
  grant: NonNullable<UserView['breakGlass']>;
  remainingSeconds: number;
}) {
  const t = useTranslations('breakGlass');
  const format = useFormat();
  const describe = useErrorMessage();
  const close = useCloseBreakGlass(clientId);
  const minutes = Math.ceil(remainingSeconds / 60);
  return (
    <Alert
      tone={minutes <= 5 ? 'error' : 'warning'}
      live="polite"
      className="mb-4"
      title={t('banner', { minutes })}
      actions={
        <Button
          variant="secondary"
          isPending={close.isPending}
          onPress={() =>
            close.mutate(grant.grantId, {
              onSuccess: () => toast.success(t('ended')),
              onError: (error) => toast.error(describe(error)),
            })
          }
        >
          {t('endNow')}
        </Button>
      }
    >
      <span data-testid="break-glass-banner">
        <Badge tone="warning">{t('badge')}</Badge> {t('bannerDetail', { time: format.time(grant.expiresAt) })}
      </span>
    </Alert>
  );
}
