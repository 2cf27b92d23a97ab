'use client';

import { useTranslations } from 'next-intl';
import { ComingSoon } from './coming-soon';
import { useSession } from './session';

/**
 * An app's home until its real screens land: "Welcome, Pat" and, for the user's role, what is
 * coming (the app's messages: `home.<ROLE>.title`, `.intro`, `.features` as a list).
 */
export function WelcomeScreen() {
  const t = useTranslations('home');
  const { me } = useSession();
  const role = me.role;
  return (
    <>
      <h1 className="mb-6 font-bold text-3xl text-ink">{t('welcome', { name: me.firstName })}</h1>
      {t.has(`${role}.title`) && (
        <ComingSoon
          title={t(`${role}.title`)}
          intro={t(`${role}.intro`)}
          features={t.raw(`${role}.features`) as string[]}
        />
      )}
    </>
  );
}
