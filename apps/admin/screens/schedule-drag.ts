'use client';

import type { OfficeVisitItem } from '@caretracker/shared';
import { toast, zonedFromIso } from '@caretracker/ui/components';
import { useFormat } from '@caretracker/ui/i18n';
import { parseDate, toCalendarDateTime, toTime, toZoned } from '@internationalized/date';
import { useTranslations } from 'next-intl';
import { type RefObject, useState } from 'react';
import { useDrag } from 'react-aria-components/useDrag';
import { useDrop } from 'react-aria-components/useDrop';
import { useVisitAction } from '@/lib/office-api';
import { fullName } from '@/lib/vocabulary';
import { useClashMessage } from './clash-message';

/** What a dragged visit card carries: its id, under a type only the board's slots accept. */
const VISIT_TYPE = 'application/x-caretracker-visit';

/** Pointer drag of a visit card. Keyboard users move it with the move dialog (the card's button). */
export function useVisitDrag(visit: OfficeVisitItem, label: string, movable: boolean) {
  const { dragProps, isDragging } = useDrag({
    getItems: () => [{ [VISIT_TYPE]: visit.id, 'text/plain': label }],
    getAllowedDropOperations: () => ['move'],
    // The card's own button opens the move dialog; no second keyboard drag mode on it.
    hasDragButton: true,
    isDisabled: !movable,
  });
  return { dragProps, isDragging };
}

/** A board cell (a worker's day, or the unassigned lane's) that takes a dropped visit card. */
export function useSlotDrop(
  ref: RefObject<HTMLTableCellElement | null>,
  onVisit: ((visitId: string) => void) | undefined,
) {
  const { dropProps, isDropTarget } = useDrop({
    ref,
    hasDropButton: true,
    isDisabled: !onVisit,
    getDropOperation: (types) => (types.has(VISIT_TYPE) ? 'move' : 'cancel'),
    onDrop: async (event) => {
      for (const item of event.items) {
        if (item.kind === 'text' && item.types.has(VISIT_TYPE)) {
          onVisit?.(await item.getText(VISIT_TYPE));
          return;
        }
      }
    },
  });
  return { dropProps, isDropTarget };
}

/**
 * A drop moves the visit at once through the same API as the move dialog: to the lane's worker
 * (or to no worker) and to the cell's day at the same time of day and length. A 409 is shown as
 * the API tells it, in the dialog's words, and nothing is retried.
 */
export function useDropMove(visits: readonly OfficeVisitItem[], workerNames: ReadonlyMap<string, string>) {
  const t = useTranslations('schedule.move');
  const timeZone = useFormat().timeZone ?? 'America/Los_Angeles';
  const { move } = useVisitAction();
  const clashMessage = useClashMessage();
  const [problem, setProblem] = useState<string | null>(null);

  const drop = (visitId: string, workerId: string | null, day: string) => {
    const visit = visits.find((candidate) => candidate.id === visitId);
    if (!visit) return;
    const time = toTime(zonedFromIso(visit.scheduledStart, timeZone));
    const start = toZoned(toCalendarDateTime(parseDate(day), time), timeZone).toDate();
    const sameWorker = (visit.worker?.id ?? null) === workerId;
    if (sameWorker && start.getTime() === Date.parse(visit.scheduledStart)) return;
    const lengthMs = Date.parse(visit.scheduledEnd) - Date.parse(visit.scheduledStart);
    const client = fullName(visit.client);
    setProblem(null);
    move.mutate(
      {
        id: visit.id,
        version: visit.version,
        workerId,
        scheduledStart: start.toISOString(),
        scheduledEnd: new Date(start.getTime() + lengthMs).toISOString(),
      },
      {
        onSuccess: () => toast.success(t('moved', { client })),
        onError: (failure) => setProblem(clashMessage(failure, workerId ? (workerNames.get(workerId) ?? '') : '')),
      },
    );
  };

  return { drop, problem, dismiss: () => setProblem(null), isPending: move.isPending };
}
