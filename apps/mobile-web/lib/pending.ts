'use client';

import type { VisitStatus } from '@caretracker/shared';
import { type OutboxItem, useOutbox } from '@caretracker/ui/offline';

/** What the outbox holds for one visit: changes the worker made that the API has not confirmed yet. */
export function pendingFor(items: readonly OutboxItem[], visitId: string) {
  const mine = items.filter((item) => item.meta?.visitId === visitId);
  return {
    checkIn: mine.find((item) => item.kind === 'checkin') ?? null,
    checkOut: mine.find((item) => item.kind === 'checkout') ?? null,
    doses: mine.filter((item) => item.kind === 'dose'),
    emergency: mine.find((item) => item.kind === 'emergency') ?? null,
    photos: mine.filter((item) => item.kind === 'photo'),
    all: mine,
  };
}

/** The status the worker should see: what the API says, moved on by their own changes still waiting to be sent. */
export function effectiveStatus(status: VisitStatus, pending: ReturnType<typeof pendingFor>): VisitStatus {
  if (pending.checkOut) return 'COMPLETED';
  if (pending.checkIn && (status === 'SCHEDULED' || status === 'CONFIRMED')) return 'IN_PROGRESS';
  return status;
}

export function useVisitPending(visitId: string) {
  const outbox = useOutbox();
  return { outbox, pending: pendingFor([...outbox.pending, ...outbox.conflicts], visitId) };
}
