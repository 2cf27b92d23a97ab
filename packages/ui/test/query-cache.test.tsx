import { QueryClient, useQuery } from '@tanstack/react-query';
import { persistQueryClientRestore, persistQueryClientSave } from '@tanstack/react-query-persist-client';
import { cleanup, render, screen } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  cachePersistOptions,
  clearOfflineCache,
  createCachePersister,
  OfflineQueryProvider,
  useCacheAge,
} from '../src/offline';
import { type RunningApi, startApi } from './helpers/api';
import { createCareTeam, type TestUser } from './helpers/care';
import { type Link, openLink } from './helpers/link';

interface VisitList {
  data: Array<{ id: string; status: string }>;
}

const visitsKey = ['visits', 'list', {}];

/** A screen of the worker app: the visit list, whether it could reach the API, and the data's age. */
function VisitsScreen({ load }: { load: () => Promise<VisitList> }) {
  const visits = useQuery({ queryKey: visitsKey, queryFn: load });
  const age = useCacheAge();
  return (
    <main>
      <p>{visits.data ? `${visits.data.data.length} visits` : 'no data'}</p>
      <p>{visits.isError ? 'offline' : 'online'}</p>
      <p data-testid="age">{age ?? 'none'}</p>
    </main>
  );
}

describe('read cache persisted to IndexedDB', () => {
  let api: RunningApi;
  let link: Link;
  let databases = 0;

  beforeAll(async () => {
    api = await startApi();
    link = await openLink(api.port);
  });
  afterEach(() => cleanup());
  afterAll(async () => {
    await link?.close();
    await api?.close();
  });

  const fetchVisits = (user: TestUser) => async () => {
    const response = await fetch(`${link.httpUrl}/visits`, { headers: user.headers });
    if (!response.ok) throw new Error(`GET /visits answered ${response.status}`);
    return (await response.json()) as VisitList;
  };
  // As the apps configure it: queries live at least as long as the persisted cache.
  const newClient = () => new QueryClient({ defaultOptions: { queries: { gcTime: Infinity, retry: false } } });

  /** A session that loaded the worker's visits from the API and saved its cache. */
  async function sessionThatSawVisits(user: TestUser, dbName: string) {
    const client = newClient();
    await client.fetchQuery({ queryKey: visitsKey, queryFn: fetchVisits(user) });
    await client.fetchQuery({
      queryKey: ['auth', 'mfa-setup'],
      queryFn: () => ({ secret: 'S3CRET' }),
      meta: { persist: false },
    });
    const persister = createCachePersister({ dbName, throttleTime: 0 });
    await persistQueryClientSave({ queryClient: client, ...cachePersistOptions(persister) });
    return { client, persister, fetchedAt: client.getQueryState(visitsKey)!.dataUpdatedAt };
  }

  it('shows the last data after a reload while the API is unreachable, with the time it was fetched', async () => {
    const team = await createCareTeam(api.app);
    const dbName = `cache-${++databases}`;
    const { fetchedAt } = await sessionThatSawVisits(team.worker, dbName);

    // The page is reloaded with no connection: the new QueryClient starts empty.
    link.setMode('down');
    render(
      <OfflineQueryProvider client={newClient()} persister={createCachePersister({ dbName })}>
        <VisitsScreen load={fetchVisits(team.worker)} />
      </OfflineQueryProvider>,
    );
    expect(await screen.findByText('1 visits')).toBeTruthy();
    expect(await screen.findByText('offline')).toBeTruthy();
    expect(screen.getByTestId('age').textContent).toBe(String(fetchedAt));
    link.setMode('up');
  });

  it('keeps the last data through a second reload offline (a failed refetch is not written over it)', async () => {
    const team = await createCareTeam(api.app);
    const dbName = `cache-${++databases}`;
    const { fetchedAt } = await sessionThatSawVisits(team.worker, dbName);

    // First reload offline: the data comes back, its refetch fails, and the cache is saved again.
    link.setMode('down');
    const offline = newClient();
    const persister = createCachePersister({ dbName, throttleTime: 0 });
    await persistQueryClientRestore({ queryClient: offline, ...cachePersistOptions(persister) });
    await offline.refetchQueries({ queryKey: visitsKey }).catch(() => undefined);
    expect(offline.getQueryState(visitsKey)?.status).toBe('error');
    await persistQueryClientSave({ queryClient: offline, ...cachePersistOptions(persister) });
    link.setMode('up');

    // Second reload: still the last answer, with the time it was fetched, not an error.
    const again = newClient();
    await persistQueryClientRestore({ queryClient: again, ...cachePersistOptions(createCachePersister({ dbName })) });
    expect(again.getQueryData<VisitList>(visitsKey)?.data).toHaveLength(1);
    expect(again.getQueryState(visitsKey)).toMatchObject({ status: 'success', error: null, dataUpdatedAt: fetchedAt });
  });

  it('never writes queries marked persist: false, and drops a cache from an older data version', async () => {
    const team = await createCareTeam(api.app);
    const dbName = `cache-${++databases}`;
    await sessionThatSawVisits(team.worker, dbName);

    const restored = newClient();
    await persistQueryClientRestore({
      queryClient: restored,
      ...cachePersistOptions(createCachePersister({ dbName })),
    });
    expect(restored.getQueryData<VisitList>(visitsKey)?.data).toHaveLength(1);
    expect(restored.getQueryData(['auth', 'mfa-setup'])).toBeUndefined();

    const upgraded = newClient();
    await persistQueryClientRestore({
      queryClient: upgraded,
      ...cachePersistOptions(createCachePersister({ dbName }), { version: '2' }),
    });
    expect(upgraded.getQueryData(visitsKey)).toBeUndefined();
  });

  it('sign-out removes the cached data from memory and from the device', async () => {
    const team = await createCareTeam(api.app);
    const dbName = `cache-${++databases}`;
    const { client, persister } = await sessionThatSawVisits(team.worker, dbName);
    await clearOfflineCache(client, persister);
    expect(client.getQueryData(visitsKey)).toBeUndefined();

    const next = newClient();
    await persistQueryClientRestore({ queryClient: next, ...cachePersistOptions(createCachePersister({ dbName })) });
    expect(next.getQueryData(visitsKey)).toBeUndefined();
  });
});
