'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useLocale, useTranslations } from 'next-intl';
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { Button } from '../components/button';
import { Card } from '../components/card';
import { Radio, RadioGroup } from '../components/radio-group';
import { LoadingState } from '../components/skeleton';
import { toast } from '../components/toast';
import { useApi } from '../data/api-context';
import { useErrorMessage } from '../data/error-message';
import { keys } from '../data/keys';
import {
  DEFAULT_TIME_ZONE,
  LOCALES,
  type Locale,
  TEXT_SIZE_COOKIE,
  TEXT_SIZES,
  type TextSize,
  textSizeFrom,
} from '../i18n/locales';
import { setTextSize } from '../i18n/preferences-cookies';
import { useFormat } from '../i18n/use-format';
import { LANGUAGE_NAMES, useSwitchLocale } from '../shell/language-switch';
import { PageHeader } from '../shell/page-header';
import { useSession } from '../shell/session';
import { useAccountCrumbs } from './account-sections';

function readTextSize(): TextSize {
  if (typeof document === 'undefined') return 'normal';
  const cookie = document.cookie.split('; ').find((part) => part.startsWith(`${TEXT_SIZE_COOKIE}=`));
  return textSizeFrom(cookie?.split('=')[1]);
}

/** /account/preferences: language and time zone (saved to the profile), text size (this device). */
export function PreferencesView() {
  const t = useTranslations('account.preferences');
  const crumbs = useAccountCrumbs();
  return (
    <>
      <PageHeader title={t('title')} breadcrumbs={crumbs} description={t('summary')} />
      <div className="flex flex-col gap-6">
        <LanguageCard />
        <TimeZoneCard />
        <TextSizeCard />
      </div>
    </>
  );
}

function useSaveProfile() {
  const api = useApi();
  const queryClient = useQueryClient();
  const { me } = useSession();
  return async (profile: Record<string, string>) => {
    await api.request('PUT', `/users/${me.id}`, { profile });
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: keys.me }),
      queryClient.invalidateQueries({ queryKey: keys.users.detail(me.id) }),
    ]);
  };
}

function LanguageCard() {
  const t = useTranslations('account.preferences');
  const locale = useLocale();
  const describe = useErrorMessage();
  const saveProfile = useSaveProfile();
  // The choice shows at once; the page follows when the server components re-render in it.
  const [chosen, setChosen] = useState<Locale>(locale as Locale);
  useEffect(() => setChosen(locale as Locale), [locale]);
  const { switchTo, pending } = useSwitchLocale(async (next) => {
    try {
      // No "saved" toast: the page turning into the language is the answer (a toast would still
      // be in the old one).
      await saveProfile({ preferredLanguage: next });
    } catch (error) {
      toast.error(t('notSaved'), describe(error));
    }
  });
  return (
    <Card title={t('language')} description={t('languageHint')}>
      <RadioGroup
        label={t('language')}
        value={chosen}
        isDisabled={pending}
        onChange={(value) => {
          setChosen(value as Locale);
          switchTo(value as Locale);
        }}
      >
        {LOCALES.map((option) => (
          <Radio key={option} value={option}>
            <span lang={option}>{LANGUAGE_NAMES[option]}</span>
          </Radio>
        ))}
      </RadioGroup>
    </Card>
  );
}

// The zone list is a ComboBox (type to filter ~400 zones); its code loads after the page.
const ComboBox = lazy(() => import('../components/combo-box').then((module) => ({ default: module.ComboBox })));

function TimeZoneCard() {
  const t = useTranslations('account.preferences');
  const { me } = useSession();
  const format = useFormat();
  const describe = useErrorMessage();
  const saveProfile = useSaveProfile();
  const [zone, setZone] = useState<string>(me.timezone ?? DEFAULT_TIME_ZONE);
  const [saving, setSaving] = useState(false);
  const options = useMemo(
    () => Intl.supportedValuesOf('timeZone').map((id) => ({ id, label: id.replaceAll('_', ' ') })),
    [],
  );
  const save = async () => {
    setSaving(true);
    try {
      await saveProfile({ timezone: zone });
      toast.success(t('zoneSaved'));
    } catch (error) {
      toast.error(t('notSaved'), describe(error));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Card title={t('timeZone')} description={t('timeZoneHint', { now: format.dateTime(new Date()) })}>
      <div className="flex max-w-md flex-col gap-4">
        <Suspense fallback={<LoadingState lines={1} />}>
          <ComboBox
            label={t('timeZone')}
            options={options}
            selectedKey={zone}
            onSelectionChange={(key) => key && setZone(String(key))}
          />
        </Suspense>
        <Button
          onPress={save}
          isPending={saving}
          isDisabled={zone === (me.timezone ?? DEFAULT_TIME_ZONE)}
          className="self-start"
        >
          {t('saveZone')}
        </Button>
      </div>
    </Card>
  );
}

function TextSizeCard() {
  const t = useTranslations('account.preferences');
  const [size, setSize] = useState<TextSize>('normal');
  // Read after hydration: the server rendered the page before it knew this device's choice.
  useEffect(() => setSize(readTextSize()), []);
  return (
    <Card title={t('textSize')} description={t('textSizeHint')}>
      <RadioGroup
        label={t('textSize')}
        value={size}
        onChange={(value) => {
          const next = textSizeFrom(value);
          setSize(next);
          setTextSize(next);
          toast.success(t('textSizeSaved'));
        }}
      >
        {TEXT_SIZES.map((option) => (
          <Radio key={option} value={option}>
            {t(`textSizes.${option}`)}
          </Radio>
        ))}
      </RadioGroup>
    </Card>
  );
}
