import { createVisitRow } from '@caretracker/api/test/helpers/care-factories';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { type LiveUpdatesOptions, useLiveUpdates, type WebSocketConstructor } from '../src/live';
import { type RunningApi, startApi } from './helpers/api';
import { createCareTeam, position, type TestUser } from './helpers/care';
import { type Link, openLink } from './helpers/link';

const CAPACITY = 4;
/** A visit on screen that no event of these tests is about: only a refetch invalidates it. */
const UNTOUCHED = '00000000-0000-4000-8000-000000000000';
const SLOW = { timeout: 15_000 };

/** The queries a supervisor's screens hold; each test asks which of them an event invalidated. */
function screenQueries(visitIds: string[]) {
  return [
    ['visits', 'list', { from: 'today' }],
    ...visitIds.map((id) => ['visits', 'detail', id]),
    ['workers', 'available', { day: 'today' }],
    ['budgets', 'detail', 'b-1'],
    ['notifications', 'list'],
  ];
}

function seed(queryClient: QueryClient, keys: unknown[][]) {
  for (const key of keys) queryClient.setQueryData(key, { seeded: true });
}
const invalidated = (queryClient: QueryClient, keys: unknown[][]) =>
  keys.filter((key) => queryClient.getQueryState(key)?.isInvalidated).map((key) => JSON.stringify(key));

describe('useLiveUpdates against the real API’s WebSocket server', () => {
  let api: RunningApi;
  let link: Link;

  beforeAll(async () => {
    api = await startApi({ realtime: { heartbeatMs: 200, replayCapacity: CAPACITY } });
    link = await openLink(api.port);
  });
  afterEach(() => cleanup());
  afterAll(async () => {
    await link?.close();
    await api?.close();
  });

  function renderLive(user: TestUser, queryClient: QueryClient, options: Partial<LiveUpdatesOptions> = {}) {
    const wrapper = ({ children }: { children: ReactNode }) => (
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    );
    return renderHook(
      () =>
        useLiveUpdates({
          url: link.wsUrl,
          channels: ['visits'],
          WebSocket: WebSocket as unknown as WebSocketConstructor,
          token: () => user.token,
          backoff: { baseMs: 20, maxMs: 200 },
          ...options,
        }),
      { wrapper },
    );
  }

  const post = async (user: TestUser, url: string, payload: object = {}) => {
    const response = await api.app.inject({ method: 'POST', url, headers: user.headers, payload });
    expect(response.statusCode, response.body).toBe(200);
  };

  it('invalidates exactly the queries an event changes', async () => {
    const team = await createCareTeam(api.app);
    const other = await createVisitRow(api.app, {
      clientId: team.client.id,
      workerId: team.worker.id,
      start: new Date(Date.now() + 86_400_000),
    });
    const queryClient = new QueryClient();
    const keys = screenQueries([team.visit.id, other.id]);
    seed(queryClient, keys);
    const { result } = renderLive(team.supervisor, queryClient);
    await waitFor(() => expect(result.current.visits).toBe('live'), SLOW);

    await post(team.worker, `/visits/${team.visit.id}/checkin`, position(new Date().toISOString()));
    await waitFor(() => expect(invalidated(queryClient, keys)).not.toEqual([]), SLOW);
    expect(invalidated(queryClient, keys)).toEqual([
      JSON.stringify(['visits', 'list', { from: 'today' }]),
      JSON.stringify(['visits', 'detail', team.visit.id]),
    ]);
  });

  it('reconnects after the connection drops and replays the event it missed', async () => {
    const team = await createCareTeam(api.app);
    const queryClient = new QueryClient();
    const keys = screenQueries([team.visit.id, UNTOUCHED]);
    seed(queryClient, keys);
    const statuses: string[] = [];
    const { result } = renderLive(team.supervisor, queryClient);
    await waitFor(() => expect(result.current.visits).toBe('live'), SLOW);

    link.setMode('down');
    link.cut();
    await waitFor(() => expect(result.current.visits).toBe('reconnecting'), SLOW);
    statuses.push(result.current.visits ?? '');
    // While the phone is in the tunnel the office confirms the visit.
    await post(team.supervisor, `/visits/${team.visit.id}/confirm`);
    expect(invalidated(queryClient, keys)).toEqual([]);

    link.setMode('up');
    await waitFor(() => expect(invalidated(queryClient, keys)).toHaveLength(4), SLOW);
    expect(invalidated(queryClient, keys)).toEqual([
      JSON.stringify(['visits', 'list', { from: 'today' }]),
      JSON.stringify(['visits', 'detail', team.visit.id]),
      JSON.stringify(['workers', 'available', { day: 'today' }]),
      JSON.stringify(['budgets', 'detail', 'b-1']),
    ]);
    await waitFor(() => expect(result.current.visits).toBe('live'), SLOW);
    expect(statuses).toEqual(['reconnecting']);
  });

  it('honours refetch when it missed more than the replay log holds: everything on the channel reloads', async () => {
    const team = await createCareTeam(api.app);
    const visits = [];
    for (let day = 1; day <= CAPACITY + 2; day++) {
      visits.push(
        await createVisitRow(api.app, {
          clientId: team.client.id,
          workerId: team.worker.id,
          start: new Date(Date.now() + day * 86_400_000),
        }),
      );
    }
    const queryClient = new QueryClient();
    const keys = screenQueries([team.visit.id, UNTOUCHED]);
    seed(queryClient, keys);
    const { result } = renderLive(team.supervisor, queryClient);
    await waitFor(() => expect(result.current.visits).toBe('live'), SLOW);

    link.setMode('down');
    link.cut();
    await waitFor(() => expect(result.current.visits).toBe('reconnecting'), SLOW);
    for (const visit of visits) await post(team.supervisor, `/visits/${visit.id}/confirm`);

    link.setMode('up');
    // None of these visits is on screen, yet everything the visits channel covers reloads; the inbox does not.
    await waitFor(() => expect(invalidated(queryClient, keys)).toHaveLength(5), SLOW);
    expect(invalidated(queryClient, keys)).toContain(JSON.stringify(['visits', 'detail', UNTOUCHED]));
    expect(invalidated(queryClient, keys)).not.toContain(JSON.stringify(['notifications', 'list']));
  });

  it('goes quiet while the browser is offline and catches up when it is back online', async () => {
    const team = await createCareTeam(api.app);
    const queryClient = new QueryClient();
    const keys = screenQueries([team.visit.id, UNTOUCHED]);
    seed(queryClient, keys);
    const { result } = renderLive(team.supervisor, queryClient);
    await waitFor(() => expect(result.current.visits).toBe('live'), SLOW);
    act(() => {
      window.dispatchEvent(new Event('offline'));
    });
    expect(result.current.visits).toBe('offline');
    // The socket is closed on purpose: this change reaches the page only through the replay.
    await post(team.supervisor, `/visits/${team.visit.id}/confirm`);
    act(() => {
      window.dispatchEvent(new Event('online'));
    });
    await waitFor(() => expect(invalidated(queryClient, keys)).toHaveLength(4), SLOW);
    expect(invalidated(queryClient, keys)).not.toContain(JSON.stringify(['visits', 'detail', UNTOUCHED]));
    expect(result.current.visits).toBe('live');
  });

  it('stops with signed-out when the server ends the session and it cannot be renewed', async () => {
    const team = await createCareTeam(api.app);
    let renewals = 0;
    const { result } = renderLive(team.supervisor, new QueryClient(), {
      renewSession: async () => {
        renewals++;
        return false;
      },
    });
    await waitFor(() => expect(result.current.visits).toBe('live'), SLOW);
    const logout = await api.app.inject({
      method: 'POST',
      url: '/auth/logout',
      headers: team.supervisor.headers,
      payload: {},
    });
    expect(logout.statusCode, logout.body).toBe(200);
    await waitFor(() => expect(result.current.visits).toBe('signed-out'), SLOW);
    expect(renewals).toBe(1);
  });
});

describe('useLiveUpdates across an API restart (1012)', () => {
  it('waits for the hinted delay, reconnects to the new process and refetches (its replay log is new)', async () => {
    const first = await startApi();
    const link = await openLink(first.port);
    const team = await createCareTeam(first.app);
    const queryClient = new QueryClient();
    const keys = screenQueries([team.visit.id, UNTOUCHED]);
    seed(queryClient, keys);
    const wrapper = ({ children }: { children: ReactNode }) => (
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    );
    const { result } = renderHook(
      () =>
        useLiveUpdates({
          url: link.wsUrl,
          channels: ['visits'],
          WebSocket: WebSocket as unknown as WebSocketConstructor,
          token: () => team.supervisor.token,
        }),
      { wrapper },
    );
    await waitFor(() => expect(result.current.visits).toBe('live'), SLOW);
    // An event, so the client has an id to resume from.
    await first.app.inject({
      method: 'POST',
      url: `/visits/${team.visit.id}/confirm`,
      headers: team.supervisor.headers,
      payload: {},
    });
    await waitFor(() => expect(invalidated(queryClient, keys)).toHaveLength(4), SLOW);
    seed(queryClient, keys);

    // Blue-green on one database: the new process is up before the old one says 1012.
    const second = await startApi({ database: first.database });
    link.setTarget(second.port);
    await first.stop();
    await waitFor(() => expect(result.current.visits).toBe('reconnecting'), SLOW);
    await waitFor(() => expect(result.current.visits).toBe('live'), SLOW);
    await waitFor(() => expect(invalidated(queryClient, keys)).toHaveLength(5), SLOW);
    expect(invalidated(queryClient, keys)).toContain(JSON.stringify(['visits', 'detail', UNTOUCHED]));
    expect(invalidated(queryClient, keys)).not.toContain(JSON.stringify(['notifications', 'list']));

    cleanup();
    await link.close();
    await second.close();
  });
});
