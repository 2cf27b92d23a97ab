'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Button } from '../components/button';
import { Icon } from '../components/icons';
import { useFormat } from '../i18n/use-format';
import { useOnline } from './use-online';

/** The oldest update time of the data on screen (what "saved at" honestly means). */
function oldestShownData(queryClient: ReturnType<typeof useQueryClient>): number | null {
  const times = queryClient
    .getQueryCache()
    .findAll({ type: 'active' })
    .map((query) => query.state.dataUpdatedAt)
    .filter((time) => time > 0);
  return times.length ? Math.min(...times) : null;
}

/**
 * Shown under the header while the service cannot be reached (the browser is offline, or the last
 * call failed on the network): the screens keep showing the data they have, with its age, and
 * Retry asks again at once.
 */
export function OfflineBanner({ unreachable = false }: { unreachable?: boolean }) {
  const t = useTranslations('shell');
  const online = useOnline();
  const queryClient = useQueryClient();
  const format = useFormat();
  const [retrying, setRetrying] = useState(false);
  if (online && !unreachable) return null;

  const savedAt = oldestShownData(queryClient);
  const retry = async () => {
    setRetrying(true);
    try {
      await queryClient.refetchQueries({ type: 'active' });
    } finally {
      setRetrying(false);
    }
  };
  return (
    <div role="status" className="border-warning border-b-4 bg-warning-soft">
      <div className="mx-auto flex w-full max-w-6xl flex-wrap items-center gap-3 px-4 py-2 text-warning">
        <Icon name="cloudOff" />
        <p className="flex-1 font-semibold">
          {online ? t('unreachable') : t('offline')}{' '}
          <span className="font-normal text-ink">
            {savedAt ? t('savedAt', { time: format.dateTime(savedAt) }) : t('nothingSaved')}
          </span>
        </p>
        <Button variant="secondary" onPress={retry} isPending={retrying}>
          <Icon name="refresh" />
          {t('retry')}
        </Button>
      </div>
    </div>
  );
}
