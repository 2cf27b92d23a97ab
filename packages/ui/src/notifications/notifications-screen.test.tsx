import type { NotificationView } from '@caretracker/shared';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { NextIntlClientProvider } from 'next-intl';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiProvider } from '../data/api-context';
import { formats } from '../i18n/formats';
import en from '../i18n/messages/en.json';
import es from '../i18n/messages/es.json';
import { NotificationsScreen } from './notifications-screen';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const EMERGENCY = {
  id: '11111111-1111-4111-8111-111111111111',
  title: 'Emergency',
  body: 'stored text',
  messageKey: 'emergencyRaised',
  messageParams: {
    client: 'Pat Taylor',
    raiser: 'Jordan Lee',
    raisedBy: 'WORKER',
    at: '2026-12-02T17:05:00.000Z',
    timeZone: 'America/Los_Angeles',
  },
  entityType: 'emergency_alert',
  entityId: '22222222-2222-4222-8222-222222222222',
  urgent: true,
  readAt: null,
  createdAt: '2026-12-02T17:05:00.000Z',
} as unknown as NotificationView;

function setUp(locale: 'en' | 'es', rows: NotificationView[]) {
  const calls: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = String(input);
      calls.push(`${init?.method ?? 'GET'} ${new URL(url).pathname}`);
      const data = url.includes('/notifications?') ? rows : {};
      return new Response(JSON.stringify({ success: true, data }), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      });
    }),
  );
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <NextIntlClientProvider
      locale={locale}
      messages={locale === 'en' ? en : es}
      formats={formats}
      timeZone="America/Los_Angeles"
    >
      <QueryClientProvider client={queryClient}>
        <ApiProvider apiUrl="http://api.test">
          <NotificationsScreen
            hrefFor={({ entityType, entityId }) =>
              entityType === 'emergency_alert' ? `/emergencies/${entityId}` : null
            }
            emptyBody="Nothing yet."
          />
        </ApiProvider>
      </QueryClientProvider>
    </NextIntlClientProvider>,
  );
  return calls;
}

describe('the shared notifications screen', () => {
  it('words a notification from its key, links to its record, and marks it read when opened', async () => {
    const calls = setUp('en', [EMERGENCY]);
    const link = await screen.findByRole('link', { name: /^Emergency: Pat Taylor/ });
    expect(link.getAttribute('href')).toBe(`/emergencies/${EMERGENCY.entityId}`);
    expect(link.textContent).toContain('Jordan Lee raised an emergency alert during a visit with Pat Taylor');
    expect(link.textContent).toContain('New');
    expect(screen.getByText('1 unread')).toBeTruthy();
    link.addEventListener('click', (event) => event.preventDefault());
    await userEvent.click(link);
    await waitFor(() => expect(calls).toContain(`POST /notifications/${EMERGENCY.id}/read`));
  });

  it('marks all read, and reads in Spanish', async () => {
    const calls = setUp('es', [EMERGENCY]);
    expect(await screen.findByRole('link', { name: /^Emergencia: Pat Taylor/ })).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Marcar todo como leído' }));
    await waitFor(() => expect(calls).toContain('POST /notifications/read-all'));
  });

  it('says so when there are none', async () => {
    setUp('en', []);
    expect(await screen.findByText('No notifications')).toBeTruthy();
    expect(screen.getByText('Nothing yet.')).toBeTruthy();
  });
});
