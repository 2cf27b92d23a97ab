'use client';

import type { Role } from '@caretracker/shared';
import { useTranslations } from 'next-intl';
import { type AppKey, type AppUrls, appForRole } from '../apps';
import { Card } from '../components/card';
import { Link } from '../components/link';

/** A user of another role signed in here: say whose app this is and link to theirs. */
export function NotForYourRole({ app, role, appUrls }: { app: AppKey; role: Role; appUrls: AppUrls }) {
  const t = useTranslations();
  const right = appForRole(role);
  return (
    <>
      <h1 className="mb-6 font-bold text-3xl text-ink">{t('shell.notForYourRole')}</h1>
      <Card title={t('shell.appIsFor', { app: t(`apps.${app}.name`), audience: t(`apps.${app}.audience`) })}>
        <p className="mb-4 text-ink">
          {t('shell.yourRole', { role: t(`roles.${role}`).toLowerCase(), app: t(`apps.${right}.name`) })}
        </p>
        <Link href={appUrls[right]}>{t('shell.goToApp', { app: t(`apps.${right}.name`) })}</Link>
      </Card>
    </>
  );
}
