'use client';

import { Button } from '@caretracker/ui/components';
import { useApi } from '@caretracker/ui/data';
import { NotificationsScreen as SharedNotificationsScreen } from '@caretracker/ui/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { emergencyQuery, notificationHref } from '@/lib/worker-data';

/** The worker's notifications (the shared screen): visits and conversations open from here, emergencies too. */
export function NotificationsScreen() {
  const t = useTranslations('notifications');
  return (
    <SharedNotificationsScreen
      hrefFor={notificationHref}
      emptyBody={t('emptyBody')}
      actionFor={(n, markRead) =>
        n.entityType === 'emergency_alert' && n.entityId ? (
          <OpenEmergency alertId={n.entityId} markRead={markRead} />
        ) : null
      }
    />
  );
}

/** An emergency's notification opens the visit it was raised in, with the alert's state on it. */
function OpenEmergency({ alertId, markRead }: { alertId: string; markRead: () => void }) {
  const t = useTranslations('notifications');
  const api = useApi();
  const queryClient = useQueryClient();
  const router = useRouter();
  const [opening, setOpening] = useState(false);
  const [unavailable, setUnavailable] = useState(false);
  const open = async () => {
    setOpening(true);
    setUnavailable(false);
    markRead();
    try {
      const alert = await queryClient.fetchQuery(emergencyQuery(api, alertId));
      if (alert.visitId) router.push(`/visits/${alert.visitId}?alert=${alertId}`);
      else setUnavailable(true);
    } catch {
      setUnavailable(true);
    } finally {
      setOpening(false);
    }
  };
  return (
    <>
      <Button variant="secondary" className="mt-2" onPress={() => void open()} isPending={opening}>
        {t('openEmergency')}
      </Button>
      {unavailable && (
        <p role="alert" className="mt-2 text-ink">
          {t('emergencyUnavailable')}
        </p>
      )}
    </>
  );
}
