'use client';

import type { NotificationPreferenceView } from '@caretracker/shared';
import { useTranslations } from 'next-intl';
import { useMemo, useState } from 'react';
import { Alert } from '../components/alert';
import { Button } from '../components/button';
import { Card } from '../components/card';
import { Radio, RadioGroup } from '../components/radio-group';
import { Switch } from '../components/switch';
import { toast } from '../components/toast';
import { useNotificationPreferences, useUpdateNotificationPreferences } from '../data/account';
import { useErrorMessage } from '../data/error-message';
import { QueryView } from '../data/query-view';
import { PageHeader } from '../shell/page-header';
import { useAccountCrumbs } from './account-sections';

type Setting = NotificationPreferenceView['setting'];
interface Row {
  category: string;
  inApp: Setting;
  email: Setting;
  editable: boolean;
}

function rowsOf(preferences: readonly NotificationPreferenceView[]): Row[] {
  const rows = new Map<string, Row>();
  for (const p of preferences) {
    const row = rows.get(p.category) ?? { category: p.category, inApp: 'ON', email: 'DIGEST', editable: p.editable };
    if (p.channel === 'IN_APP') row.inApp = p.setting;
    else row.email = p.setting;
    row.editable &&= p.editable;
    rows.set(p.category, row);
  }
  return [...rows.values()];
}

/** /account/notifications: per kind of notification, in the app on or off, email at once, in a digest or never. */
export function NotificationsView() {
  const t = useTranslations('account.notifications');
  const crumbs = useAccountCrumbs();
  const preferences = useNotificationPreferences();
  return (
    <>
      <PageHeader title={t('title')} breadcrumbs={crumbs} description={t('summary')} />
      <QueryView query={preferences}>{(data) => <PreferencesForm preferences={data} />}</QueryView>
    </>
  );
}

function PreferencesForm({ preferences }: { preferences: readonly NotificationPreferenceView[] }) {
  const t = useTranslations('account.notifications');
  const tCategory = useTranslations('notificationCategories');
  const describe = useErrorMessage();
  const update = useUpdateNotificationPreferences();
  const initial = useMemo(() => rowsOf(preferences), [preferences]);
  const [rows, setRows] = useState(initial);
  const changed = rows.filter((row, index) => {
    const before = initial[index];
    return before && (before.inApp !== row.inApp || before.email !== row.email);
  });
  const set = (category: string, patch: Partial<Row>) =>
    setRows((current) => current.map((row) => (row.category === category ? { ...row, ...patch } : row)));
  const label = (category: string) => (tCategory.has(category) ? tCategory(category) : category);
  const emailOptions = [
    { id: 'ON', label: t('emailOn') },
    { id: 'DIGEST', label: t('emailDigest') },
    { id: 'OFF', label: t('emailOff') },
  ];

  const save = () =>
    update.mutate(
      {
        preferences: changed.flatMap((row) => [
          { category: row.category, channel: 'IN_APP' as const, setting: row.inApp },
          { category: row.category, channel: 'EMAIL' as const, setting: row.email },
        ]),
      },
      { onSuccess: () => toast.success(t('saved')) },
    );

  return (
    <Card>
      <p className="mb-4 text-ink">{t('explain')}</p>
      {update.isError && (
        <Alert tone="error" className="mb-4">
          {describe(update.error)}
        </Alert>
      )}
      <ul className="flex flex-col divide-y divide-border-subtle">
        {rows.map((row) => (
          <li key={row.category} className="flex flex-col gap-2 py-4 md:flex-row md:items-center md:gap-6">
            <div className="flex-1">
              <h2 className="font-semibold text-ink">{label(row.category)}</h2>
              {!row.editable && <p className="text-ink-muted text-sm">{t('locked')}</p>}
            </div>
            <Switch
              isSelected={row.inApp === 'ON'}
              isDisabled={!row.editable}
              onChange={(on) => set(row.category, { inApp: on ? 'ON' : 'OFF' })}
              aria-label={t('inAppFor', { category: label(row.category) })}
            >
              {t('inApp')}
            </Switch>
            <RadioGroup
              label={t('email')}
              aria-label={t('emailFor', { category: label(row.category) })}
              value={row.email}
              isDisabled={!row.editable}
              onChange={(value) => set(row.category, { email: value as Setting })}
              orientation="horizontal"
              className="md:flex-row md:items-center md:gap-3"
            >
              {emailOptions.map((option) => (
                <Radio key={option.id} value={option.id}>
                  {option.label}
                </Radio>
              ))}
            </RadioGroup>
          </li>
        ))}
      </ul>
      <div className="mt-4 flex flex-wrap items-center gap-3">
        <Button onPress={save} isDisabled={changed.length === 0} isPending={update.isPending}>
          {t('save')}
        </Button>
        <p className="text-ink-muted" aria-live="polite">
          {changed.length === 0 ? t('noChanges') : t('changes', { count: changed.length })}
        </p>
      </div>
    </Card>
  );
}
