'use client';

import type { EmergencySummary } from '@caretracker/shared';
import { Alert, Button, Card, LoadingState } from '@caretracker/ui/components';
import { QueryView, useErrorMessage } from '@caretracker/ui/data';
import { PageHeader } from '@caretracker/ui/shell';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { useMyAlerts, usePortalHome, useRaiseAlert } from '@/lib/portal-data';
import { useWords } from '@/lib/use-words';

/**
 * `/help`: reach someone fast. 911 for a medical emergency; one button (with a second press to be
 * sure, for shaky hands) alerts the supervisor and the office at once, and the page shows when
 * someone has seen it.
 */
export function HelpScreen() {
  const t = useTranslations('portal.help');
  const alerts = useMyAlerts();
  const home = usePortalHome();
  const phone = home.data?.office.phone;
  return (
    <div aria-busy={alerts.isPending} className="flex flex-col gap-6">
      <PageHeader title={t('title')} description={t('intro')} />
      <Alert tone="error" live="polite" title={t('nineOneOneTitle')}>
        <span className="flex flex-col gap-3">
          <span>{t('nineOneOne')}</span>
          <a
            href="tel:911"
            className="inline-flex min-h-14 items-center justify-center self-start rounded-lg border-2 border-danger bg-danger px-5 py-3 font-bold text-brand-ink text-xl"
          >
            {t('call911')}
          </a>
        </span>
      </Alert>
      <QueryView query={alerts} loading={<LoadingState lines={3} />}>
        {(rows) => <AlertOffice open={rows} phone={phone} />}
      </QueryView>
    </div>
  );
}

function AlertOffice({ open, phone }: { open: EmergencySummary[]; phone: string | undefined }) {
  const t = useTranslations('portal.help');
  const words = useWords();
  const describe = useErrorMessage();
  const raise = useRaiseAlert();
  const [sure, setSure] = useState(false);
  const latest = open[0];
  return (
    <Card title={t('officeTitle')}>
      <div className="flex flex-col gap-4">
        {latest ? (
          <div role="status" className="flex flex-col gap-2 text-lg" data-testid="alert-status">
            <p className="font-bold text-ink text-xl">{t('sent', { time: words.time(latest.createdAt) })}</p>
            <p className="text-ink">
              {latest.acknowledgedAt ? t('seen', { time: words.time(latest.acknowledgedAt) }) : t('waiting')}
            </p>
          </div>
        ) : (
          <p className="text-ink text-lg">{t('officeBody')}</p>
        )}
        {raise.isError && <Alert tone="error">{describe(raise.error)}</Alert>}
        {!latest &&
          (sure ? (
            <div className="flex flex-col gap-3">
              <p className="font-bold text-ink text-lg">{t('areYouSure')}</p>
              <div className="flex flex-wrap gap-3">
                <Button
                  variant="danger"
                  className="min-h-14 px-6 text-xl"
                  isPending={raise.isPending}
                  onPress={() => raise.mutate(undefined, { onSettled: () => setSure(false) })}
                >
                  {t('yesSend')}
                </Button>
                <Button variant="secondary" className="min-h-14 px-6 text-xl" onPress={() => setSure(false)}>
                  {t('no')}
                </Button>
              </div>
            </div>
          ) : (
            <Button variant="danger" className="min-h-16 self-start px-8 text-2xl" onPress={() => setSure(true)}>
              {t('alertOffice')}
            </Button>
          ))}
        {phone && (
          <a
            href={`tel:${phone.replace(/[^+\d]/g, '')}`}
            className="inline-flex min-h-12 items-center self-start font-semibold text-brand text-lg underline underline-offset-4"
          >
            {t('orCall', { phone })}
          </a>
        )}
      </div>
    </Card>
  );
}
