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
  body: 'A visit on Thu, Dec 3, 10:00 AM was cancelled.',
  messageKey: 'visitCancelled',
  messageParams: {
    client: 'Pat Doe',
    reason: 'Client in hospital',
    start: '2026-12-03T15:00:00.000Z',
    timeZone: 'America/New_York',
  },
};

// An EVV exception for a supervisor in Madrid: a list of problem codes, worded in the reader's language.
const EXCEPTION: Stored = {
  title: 'EVV exception: late check-in and check-in away from the client’s home',
  body: 'The visit scheduled for …',
  messageKey: 'evvException',
  messageParams: {
    client: 'Pat Doe',
    start: '2026-12-03T15:00:00.000Z',
    problems: 'LATE_CHECKIN,CHECKIN_OUTSIDE_GEOFENCE',
    timeZone: 'Europe/Madrid',
  },
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
      'Visita cancelada: Pat Doe — La visita del jue, 3 dic, 10:00 se canceló. Motivo: Client in hospital',
    );
  });

  it('an English reader gets the English wording of the same key', () => {
    renderIn('en', CANCELLED);
    expect(screen.getByRole('paragraph').textContent).toBe(
      'Visit cancelled: Pat Doe — The visit on Thu, Dec 3, 10:00 AM was cancelled. Reason: Client in hospital',
    );
  });

  it('an older row without a key, or with a key this app does not know, shows the stored text', () => {
    renderIn('es', { title: 'Visit cancelled', body: 'Reason: moved', messageKey: null, messageParams: null });
    expect(screen.getByRole('paragraph').textContent).toBe('Visit cancelled — Reason: moved');
    cleanup();
    renderIn('es', { ...CANCELLED, messageKey: 'somethingNewer' });
    expect(screen.getByRole('paragraph').textContent).toBe(
      'Visit cancelled — A visit on Thu, Dec 3, 10:00 AM was cancelled.',
    );
  });

  it('names the client and words codes and plain dates in the reader’s language', () => {
    renderIn('es', EXCEPTION);
    // 15:00 UTC is 16:00 in Madrid.
    expect(screen.getByRole('paragraph').textContent).toBe(
      'Excepción EVV: Pat Doe — La visita de Pat Doe prevista para el jue, 3 dic, 16:00 necesita un código de motivo para: entrada tarde y entrada lejos del domicilio del cliente.',
    );
    cleanup();
    renderIn('en', {
      title: 'Care plan review due',
      body: 'A care plan in your team is due for review on Dec 14, 2026.',
      messageKey: 'carePlanReviewDue',
      messageParams: { client: 'Pat Doe', date: '2026-12-14', timeZone: 'Pacific/Honolulu' },
    });
    expect(screen.getByRole('paragraph').textContent).toBe(
      'Care plan review due: Pat Doe — Pat Doe’s care plan is due for review on Dec 14, 2026.',
    );
  });

  it('an emergency reads differently when a worker raised it (the code picks the sentence)', () => {
    renderIn('es', {
      title: 'Emergency alert',
      body: '…',
      messageKey: 'emergencyRaised',
      messageParams: {
        client: 'Pat Doe',
        raiser: 'Sam Lee',
        raisedBy: 'WORKER',
        at: '2026-12-03T15:00:00.000Z',
        timeZone: 'UTC',
      },
    });
    expect(screen.getByRole('paragraph').textContent).toBe(
      'Emergencia: Pat Doe — Sam Lee lanzó una alerta de emergencia durante una visita con Pat Doe el jue, 3 dic, 15:00. Ábrala para atenderla.',
    );
  });
});
