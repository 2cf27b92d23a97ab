'use client';

import type { OfficeVisitItem, ScheduleBoard } from '@caretracker/shared';
import { Alert, Badge, Button, type Option, Select, todayIn } from '@caretracker/ui/components';
import { QueryView } from '@caretracker/ui/data';
import { useFormat } from '@caretracker/ui/i18n';
import { PageHeader } from '@caretracker/ui/shell';
import { type CalendarDate, parseDate, startOfWeek } from '@internationalized/date';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useLocale, useTranslations } from 'next-intl';
import { useRef, useState } from 'react';
import { useSchedule } from '@/lib/office-api';
import { fullName, standing } from '@/lib/vocabulary';
import { LazyNewVisitDialog, LazyVisitActionDialog } from './lazy';
import { useDropMove, useSlotDrop, useVisitDrag } from './schedule-drag';

interface Slot {
  day: string;
  workerId: string | null;
  workerName: string | null;
}

interface Lane {
  id: string;
  worker: ScheduleBoard['lanes'][number]['worker'] | null;
  visits: OfficeVisitItem[];
}

/** The calendar day (in the board's zone) a visit starts on, as YYYY-MM-DD. */
function dayOf(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(iso),
  );
}

function VisitChip({ visit, onOpen }: { visit: OfficeVisitItem; onOpen: (visit: OfficeVisitItem) => void }) {
  const t = useTranslations('schedule');
  const tv = useTranslations('visits');
  const format = useFormat();
  const movable = visit.status === 'SCHEDULED' || visit.status === 'CONFIRMED';
  const { key, tone } = standing(visit);
  const label = t('chip', {
    start: format.time(visit.scheduledStart),
    end: format.time(visit.scheduledEnd),
    client: fullName(visit.client),
  });
  const { dragProps, isDragging } = useVisitDrag(visit, label, movable);
  return (
    <li>
      <button
        type="button"
        {...dragProps}
        onClick={() => onOpen(visit)}
        data-testid="board-visit"
        data-visit-id={visit.id}
        className={`flex min-h-11 w-full flex-col items-start rounded-control border-2 border-border bg-surface px-2 py-1 text-left text-ink text-sm hover:bg-canvas ${movable ? 'cursor-grab' : ''} ${isDragging ? 'opacity-50' : ''}`}
      >
        <span className="font-semibold">{label}</span>
        {(visit.attention === 'LATE' || visit.attention === 'MISSED' || !movable) && (
          <Badge tone={tone}>{tv(key)}</Badge>
        )}
      </button>
    </li>
  );
}

function Cell({
  visits,
  label,
  onOpen,
  onBook,
  onDropVisit,
}: {
  visits: OfficeVisitItem[];
  label: string;
  onOpen: (visit: OfficeVisitItem) => void;
  /** Absent on days already past (the API books no visit in the past). */
  onBook?: () => void;
  /** A visit card dropped here; absent where nothing can be booked. */
  onDropVisit?: (visitId: string) => void;
}) {
  const t = useTranslations('schedule');
  const ref = useRef<HTMLTableCellElement>(null);
  const { dropProps, isDropTarget } = useSlotDrop(ref, onDropVisit);
  return (
    <td
      ref={ref}
      {...dropProps}
      aria-label={label}
      data-drop-target={isDropTarget || undefined}
      className={`min-w-36 border border-border-subtle p-1 align-top ${isDropTarget ? 'bg-brand-soft outline-2 outline-brand -outline-offset-2' : ''}`}
    >
      {visits.length > 0 && (
        <ul className="mb-1 flex flex-col gap-1">
          {visits.map((visit) => (
            <VisitChip key={visit.id} visit={visit} onOpen={onOpen} />
          ))}
        </ul>
      )}
      {onBook && (
        <button
          type="button"
          onClick={onBook}
          aria-label={t('bookHere', { slot: label })}
          className="min-h-11 w-full rounded-control border border-border-subtle border-dashed px-2 text-ink-muted text-sm hover:bg-canvas hover:text-ink"
        >
          <span aria-hidden="true">+ </span>
          {t('bookButton')}
        </button>
      )}
    </td>
  );
}

function Board({ board }: { board: ScheduleBoard }) {
  const t = useTranslations('schedule');
  const locale = useLocale();
  const format = useFormat();
  const timeZone = board.timeZone;
  const [open, setOpen] = useState<OfficeVisitItem | null>(null);
  const [slot, setSlot] = useState<Slot | null>(null);
  const today = todayIn(timeZone).toString();
  const days: string[] = [];
  for (let day = parseDate(board.from); day.compare(parseDate(board.to)) <= 0; day = day.add({ days: 1 })) {
    days.push(day.toString());
  }
  const lanes: Lane[] = [
    { id: 'unassigned', worker: null, visits: board.unassigned },
    ...board.lanes.map((lane) => ({ id: lane.worker.id, worker: lane.worker, visits: lane.visits })),
  ];
  const workers = board.lanes.filter((lane) => lane.worker.isActive).map((lane) => lane.worker);
  const workerNames = new Map(workers.map((worker) => [worker.id, fullName(worker)]));
  const dropMove = useDropMove(
    lanes.flatMap((lane) => lane.visits),
    workerNames,
  );
  const dayLabel = (day: string) =>
    new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' }).format(
      new Date(`${day}T12:00:00Z`),
    );

  return (
    <>
      {board.truncated && (
        <Alert tone="warning" live="polite" className="mb-4">
          {t('truncated')}
        </Alert>
      )}
      <p className="mb-2 text-ink-muted">{t('howTo')}</p>
      {dropMove.problem && (
        <Alert
          className="mb-4"
          actions={
            <Button variant="secondary" onPress={dropMove.dismiss}>
              {t('dismiss')}
            </Button>
          }
        >
          {dropMove.problem}
        </Alert>
      )}
      <div className="w-full overflow-x-auto rounded-card border border-border-subtle bg-surface">
        <table className="w-full border-collapse text-left text-ink">
          <caption className="sr-only">{t('caption', { from: format.date(board.range.start) })}</caption>
          <thead>
            <tr>
              <th scope="col" className="min-w-40 border border-border-subtle bg-canvas p-2">
                {t('workerColumn')}
              </th>
              {days.map((day) => (
                <th key={day} scope="col" className="border border-border-subtle bg-canvas p-2">
                  {dayLabel(day)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {lanes.map((lane) => {
              const name = lane.worker ? fullName(lane.worker) : t('unassigned');
              return (
                <tr key={lane.id} data-testid={`lane-${lane.id}`}>
                  <th scope="row" className="border border-border-subtle bg-canvas p-2 align-top font-semibold">
                    {name}
                    {lane.worker && !lane.worker.isActive && (
                      <span className="block font-normal text-ink-muted text-sm">{t('inactive')}</span>
                    )}
                  </th>
                  {days.map((day) => {
                    const bookable = day >= today && (!lane.worker || lane.worker.isActive);
                    return (
                      <Cell
                        key={day}
                        label={t('cell', { name, day: dayLabel(day) })}
                        visits={lane.visits.filter((visit) => dayOf(visit.scheduledStart, timeZone) === day)}
                        onOpen={setOpen}
                        onBook={
                          bookable
                            ? () =>
                                setSlot({
                                  day,
                                  workerId: lane.worker?.id ?? null,
                                  workerName: lane.worker ? fullName(lane.worker) : null,
                                })
                            : undefined
                        }
                        onDropVisit={
                          bookable ? (visitId) => dropMove.drop(visitId, lane.worker?.id ?? null, day) : undefined
                        }
                      />
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {open && <LazyVisitActionDialog visit={open} workers={workers} onClose={() => setOpen(null)} />}
      {slot && <LazyNewVisitDialog {...slot} timeZone={timeZone} onClose={() => setSlot(null)} />}
    </>
  );
}

export function ScheduleScreen() {
  const t = useTranslations('schedule');
  const locale = useLocale();
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const timeZone = useFormat().timeZone ?? 'America/Los_Angeles';
  const view = params.get('view') === 'day' ? 'day' : 'week';
  const today = todayIn(timeZone);
  let from: CalendarDate;
  try {
    from = params.get('from') ? parseDate(params.get('from')!) : today;
  } catch {
    from = today;
  }
  if (view === 'week') from = startOfWeek(from, locale === 'es' ? 'es-ES' : 'en-US');
  const days = view === 'day' ? 1 : 7;
  const query = useSchedule(from.toString(), days);

  const go = (next: { from?: CalendarDate; view?: 'day' | 'week' }) => {
    const search = new URLSearchParams();
    search.set('from', (next.from ?? from).toString());
    search.set('view', next.view ?? view);
    router.replace(`${pathname}?${search.toString()}`, { scroll: false });
  };
  const viewOptions: Option[] = [
    { id: 'week', label: t('week') },
    { id: 'day', label: t('day') },
  ];

  return (
    <div aria-busy={query.isPending || query.isFetching}>
      <PageHeader title={t('title')} description={t('description')} />
      <nav aria-label={t('navigate')} className="mb-4 flex flex-wrap items-end gap-3">
        <Button variant="secondary" onPress={() => go({ from: from.subtract({ days }) })}>
          {t(view === 'day' ? 'previousDay' : 'previousWeek')}
        </Button>
        <Button variant="secondary" onPress={() => go({ from: today })}>
          {t('today')}
        </Button>
        <Button variant="secondary" onPress={() => go({ from: from.add({ days }) })}>
          {t(view === 'day' ? 'nextDay' : 'nextWeek')}
        </Button>
        <Select
          label={t('view')}
          options={viewOptions}
          selectedKey={view}
          onSelectionChange={(key) => go({ view: key === 'day' ? 'day' : 'week' })}
          className="min-w-40"
        />
      </nav>
      <QueryView query={query}>{(board) => <Board board={board} />}</QueryView>
    </div>
  );
}
