'use client';

import type { EmergencyView, FileView, TimesheetReport, VisitMedicationsView, VisitView } from '@caretracker/shared';
import { dateInZone, dayBoundsInZone } from '@caretracker/shared/time-zone';
import type { VisitBriefing } from '@caretracker/shared/worker-day';
import { keys, useApi } from '@caretracker/ui/data';
import { useFormat } from '@caretracker/ui/i18n';
import type { NotificationHref } from '@caretracker/ui/notifications';
import { queryOptions, useQuery } from '@tanstack/react-query';

export type DayView = 'today' | 'tomorrow' | 'week';

/** A calendar date (YYYY-MM-DD) moved by whole days. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The local dates a view covers, in the worker's zone: today, tomorrow, or the 7 days from today. */
export function datesOf(view: DayView, timeZone: string, now = new Date()): string[] {
  const today = dateInZone(now, timeZone);
  if (view === 'today') return [today];
  if (view === 'tomorrow') return [addDays(today, 1)];
  return Array.from({ length: 7 }, (_, i) => addDays(today, i));
}

type Api = ReturnType<typeof useApi>;

/** The query of the worker's own visits overlapping the dates (GET /visits answers only the caller's). */
export function scheduleQuery(api: Api, dates: string[], timeZone: string) {
  const from = dayBoundsInZone(dates[0]!, timeZone).start.toISOString();
  const to = dayBoundsInZone(dates[dates.length - 1]!, timeZone).end.toISOString();
  const filters = { dateFrom: from, dateTo: to, limit: 100 };
  return queryOptions({
    queryKey: keys.visits.list(filters),
    queryFn: async ({ signal }) => {
      const list = await api.get<VisitView[]>('/visits', filters, { signal });
      return [...list].sort((a, b) => a.scheduledStart.localeCompare(b.scheduledStart));
    },
  });
}

/** The worker's own visits overlapping the dates (one request). */
export function useSchedule(dates: string[], timeZone: string) {
  return useQuery(scheduleQuery(useApi(), dates, timeZone));
}

/**
 * The visit with the client's briefing, the care plan and the last visit's notes: one request
 * (GET /visits/:id/briefing). Under the visit's detail key, so live events about the visit refresh it.
 */
export function briefingQuery(api: Api, visitId: string) {
  return queryOptions({
    queryKey: [...keys.visits.detail(visitId), 'briefing'],
    queryFn: ({ signal }) => api.get<VisitBriefing>(`/visits/${visitId}/briefing`, undefined, { signal }),
  });
}

export function useBriefing(visitId: string) {
  return useQuery(briefingQuery(useApi(), visitId));
}

/** The doses due in the visit (GET /visits/:id/medications). */
export function medicationsQuery(api: Api, visitId: string) {
  return queryOptions({
    queryKey: keys.visits.medications(visitId),
    queryFn: ({ signal }) => api.get<VisitMedicationsView>(`/visits/${visitId}/medications`, undefined, { signal }),
  });
}

export function useMedications(visitId: string, enabled: boolean) {
  return useQuery({ ...medicationsQuery(useApi(), visitId), enabled });
}

/** One emergency alert with its timeline (GET /emergencies/:id: the worker's own). */
export function emergencyQuery(api: Api, alertId: string) {
  return queryOptions({
    queryKey: keys.emergencies.detail(alertId),
    queryFn: ({ signal }) => api.get<EmergencyView>(`/emergencies/${alertId}`, undefined, { signal }),
  });
}

export function useEmergency(alertId: string | null) {
  return useQuery({
    ...emergencyQuery(useApi(), alertId ?? ''),
    enabled: Boolean(alertId),
    // Live events refresh it at once; the interval is the fallback while nobody has answered.
    refetchInterval: (query) => (query.state.data?.acknowledgedAt ? false : 15_000),
  });
}

export function useTimesheet(from: string, to: string, timeZone: string) {
  const api = useApi();
  const filters = { from, to, timeZone };
  return useQuery({
    queryKey: keys.reports.report('timesheets', filters),
    queryFn: ({ signal }) => api.get<TimesheetReport>('/reports/timesheets', filters, { signal }),
  });
}

/** One line of an address as people write it ("12 Oak St, Portland 97201"). */
export function addressLine(location: Record<string, unknown> | null | undefined): string | null {
  if (!location) return null;
  const parts = [location.line1, location.line2, [location.city, location.postalCode].filter(Boolean).join(' ')]
    .filter((part) => typeof part === 'string' && part.trim() !== '')
    .map(String);
  return parts.length ? parts.join(', ') : null;
}

/** A directions link: `geo:` on phones that handle it is not universal, so a maps search URL that every phone opens. */
export function directionsUrl(lat: number | null, lng: number | null, address: string | null): string | null {
  if (lat !== null && lng !== null) return `https://www.google.com/maps/dir/?api=1&destination=${lat},${lng}`;
  if (address) return `https://www.google.com/maps/dir/?api=1&destination=${encodeURIComponent(address)}`;
  return null;
}

/** The worker's time zone from the profile (the agency's until one is set). */
export function useZone(): string {
  return useFormat().timeZone ?? 'America/Los_Angeles';
}

/** Where a notification leads in this app (the visit it is about), or null. */
export const notificationHref: NotificationHref = ({ entityType, entityId }) => {
  if (entityType === 'visit' && entityId) return `/visits/${entityId}`;
  if (entityType === 'conversation' && entityId) return `/messages?c=${entityId}`;
  return null;
};

/** The photos linked to the visit (GET /files of the visit). */
export function useVisitPhotos(visitId: string, enabled: boolean) {
  const api = useApi();
  const filters = { entityType: 'VISIT', entityId: visitId, limit: 100 };
  return useQuery({
    queryKey: keys.files.list(filters),
    queryFn: ({ signal }) => api.get<FileView[]>('/files', filters, { signal }),
    enabled,
  });
}
