'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import type { AppKey } from '../apps';
import { Alert } from '../components/alert';
import { Button } from '../components/button';
import { Link } from '../components/link';
import { LoadingState } from '../components/skeleton';
import { useVerifyEmail } from '../data/account';
import { PublicPage } from './public-page';

/**
 * /verify-email?token=…: the page the confirmation email opens. The address is confirmed by a tap,
 * not on load, so a mail scanner that opens links does not spend the single-use token.
 */
export function VerifyEmailView({ app }: { app: AppKey }) {
  const t = useTranslations('account.verify');
  const [token, setToken] = useState<string | null | undefined>(undefined);
  // Read after hydration: the query string is not part of the server render.
  useEffect(() => setToken(new URLSearchParams(window.location.search).get('token')), []);
  const verify = useVerifyEmail();

  let body: React.ReactNode;
  if (token === undefined) body = <LoadingState lines={2} />;
  else if (!token || token.length < 16) {
    body = (
      <Alert tone="error" title={t('missingTitle')}>
        {t('missingBody')}
      </Alert>
    );
  } else if (verify.isSuccess) {
    body = (
      <>
        <Alert tone="success" live="polite" title={t('doneTitle')}>
          {t('doneBody')}
        </Alert>
        <Link href="/">{t('continue')}</Link>
      </>
    );
  } else {
    body = (
      <>
        <p className="text-ink">{t('intro')}</p>
        {verify.isError && (
          <Alert tone="error" title={t('failedTitle')}>
            {t('failedBody')}
          </Alert>
        )}
        <Button isPending={verify.isPending} onPress={() => verify.mutate(token)} className="self-start">
          {t('submit')}
        </Button>
      </>
    );
  }

  return (
    <PublicPage app={app}>
      <div className="flex flex-col gap-4">
        <h1 className="font-bold text-2xl text-ink">{t('title')}</h1>
        {body}
      </div>
    </PublicPage>
  );
}
