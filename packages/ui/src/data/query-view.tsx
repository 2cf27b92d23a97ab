'use client';

import type { UseQueryResult } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { Alert } from '../components/alert';
import { Button } from '../components/button';
import { LoadingState } from '../components/skeleton';
import { ErrorState, NotFoundState } from '../components/states';
import { useFormat } from '../i18n/use-format';
import { useErrorMessage } from './error-message';
import { isNetworkError, isNotFound, isSessionEnded } from './query-client';

export interface QueryViewProps<T> {
  query: UseQueryResult<T>;
  children: (data: T) => ReactNode;
  /** The loading placeholder (default: three skeleton lines). */
  loading?: ReactNode;
  /** When the data counts as empty, this is shown instead (an EmptyState saying what to do next). */
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  /** For a 404: the record is gone or not the user's to see (default: a calm "not found"). */
  notFound?: ReactNode;
}

/**
 * Every state of one query, so no screen can forget one: loading → skeleton; 404 → not found;
 * other failures → the reason and Retry; data → children, with a note and Retry above them when a
 * refresh failed (offline, the server down) so the last data stays readable with its age.
 */
export function QueryView<T>({ query, children, loading, isEmpty, empty, notFound }: QueryViewProps<T>) {
  const t = useTranslations('states');
  const describe = useErrorMessage();
  const format = useFormat();
  const retry = () => void query.refetch();

  if (query.data === undefined) {
    // A lost session sends the user to sign in (AppProviders); until the page goes, keep loading.
    if (query.isPending || isSessionEnded(query.error)) return <>{loading ?? <LoadingState />}</>;
    if (isNotFound(query.error)) return <>{notFound ?? <NotFoundState />}</>;
    return (
      <ErrorState
        title={isNetworkError(query.error) ? t('offlineTitle') : t('errorTitle')}
        onRetry={retry}
        isRetrying={query.isFetching}
      >
        {describe(query.error)}
      </ErrorState>
    );
  }

  const stale = query.isError && !isSessionEnded(query.error);
  return (
    <>
      {stale && (
        <Alert
          tone="warning"
          live="polite"
          className="mb-4"
          actions={
            <Button variant="secondary" onPress={retry} isPending={query.isFetching}>
              {t('retry')}
            </Button>
          }
        >
          {t('staleData', { time: format.dateTime(query.dataUpdatedAt) })} {describe(query.error)}
        </Alert>
      )}
      {isEmpty?.(query.data) && empty ? empty : children(query.data)}
    </>
  );
}
