import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OutboxProvider, useOutbox } from '../src/offline';
import { type RunningApi, startApi } from './helpers/api';
import { createCareTeam, messageBodies, type TestUser } from './helpers/care';
import { type Link, openLink } from './helpers/link';

describe('useOutbox in a page (jsdom) against the real API', () => {
  let api: RunningApi;
  let link: Link;
  let databases = 0;

  beforeAll(async () => {
    api = await startApi();
    link = await openLink(api.port);
  });
  afterAll(async () => {
    await link?.close();
    await api?.close();
  });

  function renderOutbox(user: TestUser, queryClient: QueryClient) {
    const options = {
      baseUrl: link.httpUrl,
      userId: user.id,
      headers: () => user.headers,
      dbName: `use-outbox-${++databases}`,
      backoff: { baseMs: 60_000, maxMs: 60_000 },
    };
    const wrapper = ({ children }: { children: ReactNode }) => (
      <QueryClientProvider client={queryClient}>
        <OutboxProvider options={options}>{children}</OutboxProvider>
      </QueryClientProvider>
    );
    return renderHook(() => useOutbox(), { wrapper });
  }

  it('shows what waits offline, sends it when the browser is back online, and refreshes the queries it names', async () => {
    const team = await createCareTeam(api.app);
    const queryClient = new QueryClient();
    const thread = ['conversations', 'detail', team.conversationId];
    const unrelated = ['visits', 'list'];
    queryClient.setQueryData(thread, { messages: [] });
    queryClient.setQueryData(unrelated, []);
    const { result, unmount } = renderOutbox(team.worker, queryClient);
    await waitFor(() => expect(result.current.ready).toBe(true));

    link.setMode('down');
    await act(() =>
      result.current.enqueue({
        method: 'POST',
        path: `/conversations/${team.conversationId}/messages`,
        body: { body: 'Sent from the driveway' },
        kind: 'message.post',
        invalidates: [thread],
      }),
    );
    // It tried by itself, failed on the network, and shows the item waiting.
    await waitFor(() => expect(result.current.pending[0]).toMatchObject({ attempts: 1 }));
    expect(result.current.pending[0]?.lastError?.code).toBe('NETWORK_ERROR');

    link.setMode('up');
    act(() => {
      window.dispatchEvent(new Event('online'));
    });
    await waitFor(() => expect(result.current.pending).toEqual([]));
    expect(await messageBodies(api.app, team.conversationId)).toEqual(['Sent from the driveway']);
    await waitFor(() => expect(queryClient.getQueryState(thread)?.isInvalidated).toBe(true));
    expect(queryClient.getQueryState(unrelated)?.isInvalidated).toBe(false);
    unmount();
  });

  it('lists a refused change as a conflict until the user discards it', async () => {
    const team = await createCareTeam(api.app);
    const { result, unmount } = renderOutbox(team.worker, new QueryClient());
    await waitFor(() => expect(result.current.ready).toBe(true));
    await act(() =>
      result.current.enqueue({
        method: 'POST',
        path: `/conversations/${team.conversationId}/messages`,
        body: { body: '' },
        kind: 'message.post',
      }),
    );
    await waitFor(() => expect(result.current.conflicts).toHaveLength(1));
    expect(result.current.conflicts[0]?.conflict).toMatchObject({ status: 400, code: 'VALIDATION_ERROR' });
    await act(() => result.current.discard(result.current.conflicts[0]!.id));
    await waitFor(() => expect(result.current.conflicts).toEqual([]));
    expect(await messageBodies(api.app, team.conversationId)).toEqual([]);
    unmount();
  });
});
