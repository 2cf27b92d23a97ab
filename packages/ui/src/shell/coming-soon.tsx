'use client';

import { useTranslations } from 'next-intl';
import { Badge } from '../components/badge';
import { Card } from '../components/card';

export interface ComingSoonProps {
  title: string;
  intro: string;
  /** The screens that are planned, already in the user's language. */
  features: readonly string[];
}

/** An honest placeholder: names the screens that are coming and says plainly they are not built yet. */
export function ComingSoon({ title, intro, features }: ComingSoonProps) {
  const t = useTranslations('shell');
  return (
    <Card title={title} actions={<Badge tone="info">{t('comingSoon')}</Badge>}>
      <p className="mb-3 text-ink">{intro}</p>
      <p className="mb-2 font-semibold text-ink-muted">{t('comingSoonList')}</p>
      <ul className="list-disc space-y-1 pl-6 text-ink">
        {features.map((feature) => (
          <li key={feature}>{feature}</li>
        ))}
      </ul>
    </Card>
  );
}
