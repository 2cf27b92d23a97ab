'use client';

import type { UserView } from '@caretracker/shared';
import { CREATABLE_ROLES } from '@caretracker/shared/permissions';
import {
  Badge,
  Button,
  ButtonLink,
  DataTable,
  EmptyState,
  Link,
  type Option,
  Select,
  type TableColumn,
  TextField,
} from '@caretracker/ui/components';
import { QueryView } from '@caretracker/ui/data';
import { PageHeader, useSession } from '@caretracker/ui/shell';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import { usePeople } from '@/lib/office-api';
import { fullName } from '@/lib/vocabulary';

const PAGE_SIZE = 25;
type Kind = 'CLIENT' | 'WORKER' | 'SUPERVISOR';

function PeopleTable({ rows, kind }: { rows: UserView[]; kind: Kind }) {
  const t = useTranslations('people');
  const columns: TableColumn<UserView>[] = [
    {
      id: 'name',
      label: t('columns.name'),
      isRowHeader: true,
      sortValue: (user) => `${user.lastName} ${user.firstName}`,
      render: (user) => (
        <Link href={kind === 'CLIENT' ? `/clients/${user.id}` : `/people/${user.id}`}>{fullName(user)}</Link>
      ),
    },
    { id: 'email', label: t('columns.email'), render: (user) => user.email ?? '' },
    { id: 'phone', label: t('columns.phone'), render: (user) => user.profile?.phone ?? '' },
    {
      id: 'state',
      label: t('columns.state'),
      render: (user) => (
        <span className="flex flex-wrap gap-1">
          <Badge tone={user.isActive === false ? 'neutral' : 'success'}>
            {t(user.isActive === false ? 'inactive' : 'active')}
          </Badge>
          {kind !== 'CLIENT' && user.mfaEnabled !== undefined && (
            <Badge tone={user.mfaEnabled ? 'info' : 'neutral'}>{t(user.mfaEnabled ? 'mfaOn' : 'mfaOff')}</Badge>
          )}
        </span>
      ),
    },
  ];
  return (
    <DataTable
      label={t(`tableLabel.${kind}`)}
      columns={columns}
      rows={rows}
      empty={<EmptyState title={t('emptyTitle')}>{t('emptyBody')}</EmptyState>}
    />
  );
}

export function PeopleScreen() {
  const t = useTranslations('people');
  const { me } = useSession();
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const kinds: Kind[] = me.role === 'ADMIN' ? ['CLIENT', 'WORKER', 'SUPERVISOR'] : ['CLIENT', 'WORKER'];
  const requested = params.get('role') as Kind | null;
  const kind: Kind = requested && kinds.includes(requested) ? requested : 'CLIENT';
  const search = params.get('q') ?? '';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const [typed, setTyped] = useState(search);
  useEffect(() => setTyped(search), [search]);

  const go = (changes: { role?: Kind; q?: string; page?: number }) => {
    const next = new URLSearchParams();
    next.set('role', changes.role ?? kind);
    const q = changes.q ?? search;
    if (q) next.set('q', q);
    const nextPage = changes.page ?? 1;
    if (nextPage > 1) next.set('page', String(nextPage));
    router.replace(`${pathname}?${next.toString()}`, { scroll: false });
  };
  // Search as the user types, once they pause.
  useEffect(() => {
    if (typed.trim() === search) return;
    const timer = window.setTimeout(() => go({ q: typed.trim() }), 350);
    return () => window.clearTimeout(timer);
  });

  const query = usePeople({ role: kind, search: search || undefined, page, limit: PAGE_SIZE });
  const kindOptions: Option[] = kinds.map((value) => ({ id: value, label: t(`kinds.${value}`) }));

  return (
    <div aria-busy={query.isPending || query.isFetching}>
      <PageHeader
        title={t('title')}
        description={t(me.role === 'ADMIN' ? 'descriptionAdmin' : 'descriptionTeam')}
        actions={
          (CREATABLE_ROLES[me.role] as readonly string[]).includes(kind) ? (
            <ButtonLink href={`/people/new?role=${kind}`}>{t(`add.${kind}`)}</ButtonLink>
          ) : undefined
        }
      />
      <search aria-label={t('filters')} className="mb-4 grid grid-cols-1 gap-3 sm:grid-cols-2">
        <Select
          label={t('who')}
          options={kindOptions}
          selectedKey={kind}
          onSelectionChange={(key) => go({ role: String(key) as Kind, q: '' })}
        />
        <TextField label={t('search')} hint={t('searchHint')} type="search" value={typed} onChange={setTyped} />
      </search>
      <QueryView query={query}>
        {(answer) => (
          <>
            <p className="mb-2 text-ink" aria-live="polite" data-testid="people-count">
              {t('count', { count: answer.pagination.total })}
            </p>
            <PeopleTable rows={answer.data} kind={kind} />
            <nav aria-label={t('paging')} className="mt-4 flex flex-wrap items-center gap-3">
              <Button variant="secondary" isDisabled={page <= 1} onPress={() => go({ page: page - 1 })}>
                {t('previous')}
              </Button>
              <span>{t('pageOf', { page, pages: Math.max(1, answer.pagination.totalPages) })}</span>
              <Button
                variant="secondary"
                isDisabled={page >= answer.pagination.totalPages}
                onPress={() => go({ page: page + 1 })}
              >
                {t('next')}
              </Button>
            </nav>
          </>
        )}
      </QueryView>
    </div>
  );
}
