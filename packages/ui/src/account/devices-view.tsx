'use client';

import type { MySession } from '@caretracker/shared';
import { useTranslations } from 'next-intl';
import { Alert } from '../components/alert';
import { Button } from '../components/button';
import { Card } from '../components/card';
import { EmptyState } from '../components/states';
import { toast } from '../components/toast';
import { useEndOtherSessions, useEndSession, useMySessions } from '../data/account';
import { useErrorMessage } from '../data/error-message';
import { QueryView } from '../data/query-view';
import { useFormat } from '../i18n/use-format';
import { PageHeader } from '../shell/page-header';
import { useAccountCrumbs } from './account-sections';

const MINUTE_MS = 60_000;

/** "Chrome on Android", "Firefox", "A phone", "A device": the session's device in plain words. */
function useDeviceName() {
  const t = useTranslations('account.devices');
  return (session: MySession) => {
    if (session.browser && session.os) return t('browserOn', { browser: session.browser, os: session.os });
    if (session.browser ?? session.os) return session.browser ?? session.os ?? '';
    return session.mobile ? t('unknownPhone') : t('unknownDevice');
  };
}

/** /account/devices: where this account is signed in; sign out one other device or all of them. */
export function DevicesView() {
  const t = useTranslations('account.devices');
  const crumbs = useAccountCrumbs();
  const sessions = useMySessions();
  return (
    <>
      <PageHeader title={t('title')} breadcrumbs={crumbs} description={t('summary')} />
      <QueryView query={sessions}>{(data) => <DeviceLists sessions={data} />}</QueryView>
    </>
  );
}

function DeviceLists({ sessions }: { sessions: readonly MySession[] }) {
  const t = useTranslations('account.devices');
  const describe = useErrorMessage();
  const endOthers = useEndOtherSessions();
  const current = sessions.filter((session) => session.current);
  const others = sessions.filter((session) => !session.current);

  const signOutOthers = () =>
    endOthers.mutate(undefined, {
      onSuccess: ({ endedSessions }) => toast.success(t('endedOthers', { count: endedSessions })),
    });

  return (
    <div className="flex flex-col gap-6">
      <Card title={t('thisDevice')}>
        <ul className="flex flex-col gap-3">
          {current.map((session) => (
            <DeviceRow key={session.id} session={session} />
          ))}
        </ul>
      </Card>
      <Card
        title={t('otherDevices')}
        actions={
          others.length > 0 ? (
            <Button variant="danger" isPending={endOthers.isPending} onPress={signOutOthers}>
              {t('signOutOthers')}
            </Button>
          ) : undefined
        }
      >
        {endOthers.isError && (
          <Alert tone="error" className="mb-4">
            {describe(endOthers.error)}
          </Alert>
        )}
        {others.length === 0 ? (
          <EmptyState title={t('noOthersTitle')} icon="user">
            {t('noOthers')}
          </EmptyState>
        ) : (
          <ul className="flex flex-col gap-3">
            {others.map((session) => (
              <DeviceRow key={session.id} session={session} canSignOut />
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}

function DeviceRow({ session, canSignOut = false }: { session: MySession; canSignOut?: boolean }) {
  const t = useTranslations('account.devices');
  const format = useFormat();
  const describe = useErrorMessage();
  const deviceName = useDeviceName();
  const end = useEndSession();
  const name = deviceName(session);
  const now = Date.now();
  // Within the last minute (or a clock a moment ahead) is "just now", never "in 0 seconds".
  const when = (iso: string) => {
    const at = new Date(iso).getTime();
    return now - at < MINUTE_MS ? t('justNow') : format.relative(at, new Date(now));
  };
  const usedSinceSignIn = new Date(session.lastUsedAt).getTime() - new Date(session.createdAt).getTime() >= MINUTE_MS;
  const facts = [
    t('signedIn', { when: when(session.createdAt) }),
    ...(usedSinceSignIn ? [t('lastUsed', { when: when(session.lastUsedAt) })] : []),
    ...(session.current ? [t('thisDeviceNote')] : []),
  ];
  return (
    <li className="flex flex-col gap-3 rounded-card border border-border-subtle p-4 sm:flex-row sm:items-center sm:justify-between">
      <div className="flex flex-col">
        <span className="font-bold text-ink">{name}</span>
        <span className="text-ink-muted">{facts.join(' · ')}</span>
        {end.isError && (
          <Alert tone="error" className="mt-2">
            {describe(end.error)}
          </Alert>
        )}
      </div>
      {canSignOut && (
        <Button
          variant="secondary"
          aria-label={t('signOutDevice', { device: name })}
          isPending={end.isPending}
          onPress={() => end.mutate(session.id, { onSuccess: () => toast.success(t('endedOne', { device: name })) })}
          className="self-start sm:self-center"
        >
          {t('signOut')}
        </Button>
      )}
    </li>
  );
}
