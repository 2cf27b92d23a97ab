'use client';

import { useTranslations } from 'next-intl';
import { Alert } from '../components/alert';

/** Recovery codes, shown once after enrolment. */
export function RecoveryCodes({ codes }: { codes: readonly string[] }) {
  const t = useTranslations('auth');
  return (
    <>
      <Alert tone="warning" title={t('recoveryShownOnce')} live="polite">
        {t('recoveryWarning')}
      </Alert>
      <ul className="grid grid-cols-1 gap-2 font-mono text-lg sm:grid-cols-2" aria-label={t('recoveryCodes')}>
        {codes.map((code) => (
          <li key={code} className="rounded-control border border-border-subtle bg-canvas px-2 py-1">
            {code}
          </li>
        ))}
      </ul>
    </>
  );
}
