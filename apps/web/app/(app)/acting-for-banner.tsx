'use client';

import { Icon } from '@caretracker/ui/components';
import { useSession } from '@caretracker/ui/shell';
import { useTranslations } from 'next-intl';

/**
 * A family member signs in with their own login and sees the client's records: every screen says
 * whose they are (PRODUCT.md "family"). Nothing shows for the client themself.
 */
export function ActingForBanner() {
  const t = useTranslations('portal.actingFor');
  const { me } = useSession();
  if (!me.actsFor) return null;
  const client = `${me.actsFor.firstName} ${me.actsFor.lastName}`;
  return (
    <section
      aria-label={t('title', { name: client })}
      data-testid="acting-for"
      className="sticky top-0 z-10 -mx-4 -mt-6 mb-6 flex items-start gap-3 border-brand border-b-2 bg-brand-soft px-4 py-3 md:-mx-8 md:px-8"
    >
      <Icon name="user" aria-hidden="true" className="mt-1 size-6 shrink-0 text-brand" />
      <div>
        <p className="font-bold text-ink text-lg">{t('title', { name: client })}</p>
        <p className="text-ink-muted">
          {t('body', { self: `${me.firstName} ${me.lastName}`, name: me.actsFor.firstName })}
        </p>
      </div>
    </section>
  );
}
