'use client';

import type { VisitStatus } from '@caretracker/shared';
import { Badge, type BadgeTone } from '@caretracker/ui/components';
import { useTranslations } from 'next-intl';

const TONES: Record<VisitStatus, BadgeTone> = {
  SCHEDULED: 'neutral',
  CONFIRMED: 'info',
  IN_PROGRESS: 'warning',
  COMPLETED: 'success',
  CANCELLED: 'danger',
  NO_SHOW: 'danger',
  RESCHEDULED: 'neutral',
};

/** A visit's status in plain words (never the enum), with "waiting to send" when the outbox holds the change. */
export function VisitStatusBadge({ status, waiting }: { status: VisitStatus; waiting?: boolean }) {
  const t = useTranslations('visitStatus');
  return (
    <Badge tone={TONES[status]}>
      {t(status)}
      {waiting ? ` · ${t('waiting')}` : ''}
    </Badge>
  );
}
