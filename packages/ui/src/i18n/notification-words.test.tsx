import type { NotificationView } from '@caretracker/shared';
import { cleanup, render, screen } from '@testing-library/react';
import { NextIntlClientProvider } from 'next-intl';
import { afterEach, describe, expect, it } from 'vitest';
import { formats } from './formats';
import en from './messages/en.json';
import es from './messages/es.json';
import { useNotificationWords } from './notification-words';

afterEach(cleanup);

type Stored = Pick<NotificationView, 'title' | 'body' | 'messageKey' | 'messageParams'>;

// As the API stores a cancellation for a worker in New York: the English text, and the key with its values.
const CANCELLED: Stored = {
  title: 'Visit cancelled',
  body: 'Reason: Client in hospital',
  messageKey: 'visitCancelled',
  messageParams: { reason: 'Client in hospital', start: '2026-12-03T15:00:00.000Z', timeZone: 'America/New_York' },
};

function Shown({ notification }: { notification: Stored }) {
  const words = useNotificationWords()(notification);
  return (
    <p>
      {words.title} — {words.body}
    </p>
  );
}

function renderIn(locale: 'en' | 'es', notification: Stored) {
  render(
    <NextIntlClientProvider locale={locale} messages={locale === 'en' ? en : es} formats={formats} timeZone="UTC">
      <Shown notification={notification} />
    </NextIntlClientProvider>,
  );
}

describe('notification texts in the reader’s language', () => {
  it('a Spanish worker reads the cancellation in Spanish, at the time in their zone', () => {
    renderIn('es', CANCELLED);
    // 15:00 UTC is 10:00 in New York.
    expect(screen.getByRole('paragraph').textContent).toBe(
      'Visita cancelada — La visita del jue, 3 dic, 10:00 se canceló. Motivo: Client in hospital',
    );
  });

  it('an English reader gets the English wording of the same key', () => {
    renderIn('en', CANCELLED);
    expect(screen.getByRole('paragraph').textContent).toBe(
      'Visit cancelled — The visit on Thu, Dec 3, 10:00 AM was cancelled. Reason: Client in hospital',
    );
  });

  it('an older row without a key, or with a key this app does not know, shows the stored text', () => {
    renderIn('es', { title: 'Visit cancelled', body: 'Reason: moved', messageKey: null, messageParams: null });
    expect(screen.getByRole('paragraph').textContent).toBe('Visit cancelled — Reason: moved');
    cleanup();
    renderIn('es', { ...CANCELLED, messageKey: 'somethingNewer' });
    expect(screen.getByRole('paragraph').textContent).toBe('Visit cancelled — Reason: Client in hospital');
  });
});
