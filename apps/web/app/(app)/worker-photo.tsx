'use client';

import { Icon } from '@caretracker/ui/components';
import { useApi } from '@caretracker/ui/data';
import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useEffect, useMemo } from 'react';

interface Person {
  id: string;
  firstName: string;
  lastName: string;
  hasPhoto?: boolean;
}

/**
 * Who is coming, as a 64 px round picture: their photo (fetched with the session's credentials,
 * the API serves it only to those who may see it) or, without one, their initials.
 */
export function WorkerPhoto({ person }: { person: Person | null }) {
  const t = useTranslations('portal.home');
  const api = useApi();
  const photo = useQuery({
    queryKey: ['user-photo', person?.id],
    enabled: Boolean(person?.hasPhoto),
    staleTime: 5 * 60_000,
    queryFn: ({ signal }) => api.blob(`/users/${person?.id ?? ''}/photo`, { signal }),
  });
  const url = useMemo(() => (photo.data ? URL.createObjectURL(photo.data) : null), [photo.data]);
  useEffect(() => () => (url ? URL.revokeObjectURL(url) : undefined), [url]);

  if (person && url) {
    return (
      // biome-ignore lint/performance/noImgElement: a blob URL from the session's own fetch; next/image cannot load it.
      <img
        src={url}
        alt={t('photoOf', { name: `${person.firstName} ${person.lastName}` })}
        width={64}
        height={64}
        loading="lazy"
        className="size-16 shrink-0 rounded-full object-cover"
        data-testid="worker-photo"
      />
    );
  }
  return (
    <span
      aria-hidden="true"
      data-testid={person ? 'worker-initials' : undefined}
      className="flex size-16 shrink-0 items-center justify-center rounded-full bg-brand-soft font-bold text-2xl text-brand-strong"
    >
      {person ? `${person.firstName[0] ?? ''}${person.lastName[0] ?? ''}` : <Icon name="user" />}
    </span>
  );
}
