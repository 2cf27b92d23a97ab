'use client';

import { dateInZone, dayBoundsInZone } from '@caretracker/shared/time-zone';
import { Card, EmptyState, ErrorState, LoadingState } from '@caretracker/ui/components';
import { useErrorMessage } from '@caretracker/ui/data';
import { useFormat } from '@caretracker/ui/i18n';
import { PageHeader } from '@caretracker/ui/shell';
import { useTranslations } from 'next-intl';
import { useMemo } from 'react';
import { addDays, useTimesheet, useZone } from '@/lib/worker-data';

/** Monday of the week a local date falls in. */
function mondayOf(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const weekday = (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
  return addDays(date, -weekday);
}

/** This week's completed visits and hours, from the timesheet figures payroll uses. */
export function HoursScreen() {
  const t = useTranslations('hours');
  const format = useFormat();
  const zone = useZone();
  const describe = useErrorMessage();
  const { from, to } = useMemo(() => {
    const monday = mondayOf(dateInZone(new Date(), zone));
    return { from: monday, to: addDays(monday, 6) };
  }, [zone]);
  const sheet = useTimesheet(from, to, zone);
  const me = sheet.data?.workers[0];
  const noon = (date: string) => dayBoundsInZone(date, zone).start.getTime() + 12 * 3_600_000;

  return (
    <div aria-busy={sheet.isPending}>
      <PageHeader
        title={t('title')}
        description={t('week', { from: format.date(noon(from)), to: format.date(noon(to)) })}
      />
      {sheet.isPending ? (
        <LoadingState lines={3} label={t('loading')} />
      ) : sheet.isError && !sheet.data ? (
        <ErrorState onRetry={() => void sheet.refetch()} isRetrying={sheet.isFetching}>
          {describe(sheet.error)}
        </ErrorState>
      ) : !me || me.totalVisits === 0 ? (
        <EmptyState title={t('emptyTitle')} icon="clock">
          {t('emptyBody')}
        </EmptyState>
      ) : (
        <div className="flex flex-col gap-4">
          <Card title={t('totalTitle')}>
            <p className="font-bold text-3xl text-ink">{t('hoursValue', { hours: me.totalHours })}</p>
            <p className="text-ink">{t('visitsValue', { count: me.totalVisits })}</p>
          </Card>
          <Card title={t('byDay')}>
            <table className="w-full text-left text-ink">
              <thead>
                <tr className="border-border-subtle border-b">
                  <th scope="col" className="py-2">
                    {t('day')}
                  </th>
                  <th scope="col" className="py-2">
                    {t('visits')}
                  </th>
                  <th scope="col" className="py-2">
                    {t('hours')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {me.days.map((day) => (
                  <tr key={day.date} className="border-border-subtle border-b">
                    <th scope="row" className="py-2 font-normal">
                      {format.date(noon(day.date))}
                    </th>
                    <td className="py-2">{format.number(day.visits)}</td>
                    <td className="py-2">{format.number(day.hours)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Card>
        </div>
      )}
    </div>
  );
}
