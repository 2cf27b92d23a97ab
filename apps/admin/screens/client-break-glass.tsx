'use client';

import type { UserView } from '@caretracker/shared/users';
import { Alert, Badge, Button, toast } from '@caretracker/ui/components';
import { useErrorMessage } from '@caretracker/ui/data';
import { useFormat } from '@caretracker/ui/i18n';
import { useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import { useCloseBreakGlass } from '@/lib/office-api';

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
