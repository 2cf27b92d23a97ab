import { getTranslations } from 'next-intl/server';
import type { AppKey } from '../apps';

/**
 * An address with no page (the apps' not-found.tsx): says so calmly and offers the way home. A
 * server component with no client code: Next.js loads the not-found boundary on every route.
 */
export async function NotFoundPage({ app }: { app: AppKey }) {
  const t = await getTranslations();
  return (
    <>
      <header className="border-border-subtle border-b bg-surface">
        <p className="mx-auto w-full max-w-6xl px-4 py-3 font-bold text-brand-strong text-lg">
          CareTracker <span className="font-normal text-ink">{t(`apps.${app}.name`)}</span>
        </p>
      </header>
      <main id="main" className="mx-auto w-full max-w-6xl px-4 py-8">
        <h1 className="mb-4 font-bold text-3xl text-ink">{t('shell.notFoundPage')}</h1>
        <p className="mb-6 max-w-prose text-ink">{t('shell.notFoundPageBody')}</p>
        <a
          href="/"
          className="inline-flex min-h-11 items-center rounded-control border-2 border-brand bg-brand px-4 py-2 font-semibold text-brand-ink"
        >
          {t('shell.goHome')}
        </a>
      </main>
    </>
  );
}
