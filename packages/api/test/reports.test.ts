import { schema } from '@caretracker/database';
import { parse } from 'csv-parse/sync';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from './helpers/app';
import { createCarePlan, createTeam, createUser, type TestUser } from './helpers/factories';
import { insertBudget, insertDose, insertEvvException, insertExpense, pdfPages } from './helpers/report-factories';
import { insertVisit } from './helpers/visits';

const at = (iso: string) => new Date(`${iso}Z`);

/**
 * A small fixed week (Mon 2019-03-04 to Sun 2019-03-10) for a fresh client and worker, plus one
 * completed visit the next Monday. The expected figures in each test are computed by hand from it.
 */
describe('reports on a fixed dataset', () => {
  let t: TestApp;
  let team: Awaited<ReturnType<typeof createTeam>>;
  let admin: TestUser;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await startApp();
    team = await createTeam(t.app);
    admin = await createUser(t.app, { role: 'ADMIN' });
    const plan = await createCarePlan(t.app, { clientId: team.client.id, status: 'ACTIVE' });
    const base = { client: team.client, worker: team.worker, rateCents: 3000 };
    const v1 = await insertVisit(t.app, {
      ...base,
      start: at('2019-03-04T09:00:00'),
      end: at('2019-03-04T10:00:00'),
      status: 'COMPLETED',
      checkInAt: at('2019-03-04T09:05:00'),
      checkInLat: 45.5,
      checkInLng: -122.6,
      checkInAccuracyM: 8,
      checkOutAt: at('2019-03-04T10:05:00'),
      checkOutLat: 45.5001,
      checkOutLng: -122.6001,
      checkOutAccuracyM: 9,
      actualStart: at('2019-03-04T09:05:00'),
      actualEnd: at('2019-03-04T10:05:00'),
    });
    const v2 = await insertVisit(t.app, {
      ...base,
      start: at('2019-03-04T14:00:00'),
      end: at('2019-03-04T15:00:00'),
      status: 'COMPLETED',
      checkInAt: at('2019-03-04T14:30:00'),
      checkInLat: 45.5,
      checkInLng: -122.6,
      checkInAccuracyM: 5,
      actualStart: at('2019-03-04T14:30:00'),
      actualEnd: at('2019-03-04T15:00:00'),
    });
    await insertVisit(t.app, {
      ...base,
      start: at('2019-03-05T09:00:00'),
      end: at('2019-03-05T10:00:00'),
      status: 'NO_SHOW',
    });
    await insertVisit(t.app, {
      ...base,
      start: at('2019-03-05T12:00:00'),
      end: at('2019-03-05T13:00:00'),
      status: 'CANCELLED',
      cancellationReason: 'Hospital appointment',
      cancelledAt: at('2019-03-05T08:00:00'),
    });
    await insertVisit(t.app, {
      ...base,
      start: at('2019-03-06T09:00:00'),
      end: at('2019-03-06T10:00:00'),
      status: 'CANCELLED',
      cancellationReason: 'Family visiting',
      cancelledAt: at('2019-03-01T08:00:00'),
    });
    await insertVisit(t.app, {
      ...base,
      start: at('2019-03-06T12:00:00'),
      end: at('2019-03-06T13:00:00'),
      status: 'SCHEDULED',
    });
    const v7 = await insertVisit(t.app, {
      ...base,
      start: at('2019-03-11T09:00:00'),
      end: at('2019-03-11T10:00:00'),
      status: 'COMPLETED',
      checkInAt: at('2019-03-11T09:00:00'),
      checkInLat: 45.5,
      checkInLng: -122.6,
      checkInAccuracyM: 5,
      actualStart: at('2019-03-11T09:00:00'),
      actualEnd: at('2019-03-11T09:45:00'),
    });
    Object.assign(ids, { v1: v1.id, v2: v2.id, v7: v7.id });
    await insertEvvException(t.app, v1.id, 'CHECKIN_OUTSIDE_GEOFENCE');
    await insertEvvException(t.app, v2.id, 'LATE_CHECKIN', {
      reasonCode: 'WORKER_LATE_TRAFFIC',
      by: team.supervisor.id,
    });
    const dose = { visitId: v1.id, medicationId: plan.medicationId, recordedBy: team.worker.id };
    await insertDose(t.app, { ...dose, outcome: 'REFUSED', at: at('2019-03-04T09:30:00') });
    await insertDose(t.app, { ...dose, outcome: 'GIVEN', at: at('2019-03-04T09:45:00') });

    const budget = await insertBudget(t.app, {
      clientId: team.client.id,
      periodStart: '2019-03-01',
      periodEnd: '2019-03-31',
      totalCents: 100_000,
      allocations: { PERSONAL_CARE: 60_000, TRANSPORTATION: 10_000 },
    });
    ids.budget = budget.id;
    await insertExpense(t.app, {
      budgetId: budget.id,
      category: 'PERSONAL_CARE',
      amountCents: 30_000,
      status: 'APPROVED',
    });
    await insertExpense(t.app, {
      budgetId: budget.id,
      category: 'PERSONAL_CARE',
      amountCents: 5_000,
      status: 'PENDING',
    });
    await insertExpense(t.app, {
      budgetId: budget.id,
      category: 'TRANSPORTATION',
      amountCents: 9_000,
      status: 'APPROVED',
    });
    await insertExpense(t.app, { budgetId: budget.id, category: 'OTHER', amountCents: 7_000, status: 'REJECTED' });
  });
  afterAll(() => t.close());

  const get = (user: TestUser, url: string, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'GET', url, headers: { ...user.headers, ...headers } });
  const week = () => `from=2019-03-04&to=2019-03-10&clientId=${team.client.id}`;
  const exportsOf = (actorId: string, report: string) =>
    t.app.deps.db
      .select()
      .from(schema.auditLog)
      .where(
        and(
          eq(schema.auditLog.action, 'EXPORT'),
          eq(schema.auditLog.actorId, actorId),
          sql`${schema.auditLog.metadata}->>'report' = ${report}`,
        ),
      );

  it('visit report: totals and daily groups match the hand-computed figures', async () => {
    const response = await get(team.supervisor, `/reports/visits?${week()}&groupBy=day`);
    expect(response.statusCode, response.body).toBe(200);
    const report = response.json().data;
    expect(report.total).toMatchObject({
      visits: 6,
      byStatus: { COMPLETED: 2, NO_SHOW: 1, CANCELLED: 2, SCHEDULED: 1, CONFIRMED: 0, IN_PROGRESS: 0 },
      cancelledLate: 1,
      completionRate: 0.5, // 2 ÷ (2 completed + 1 no-show + 1 late cancellation)
      checkedIn: 2,
      onTime: 1, // 09:05 is within 15 min; 14:30 is not
      onTimeRate: 0.5,
      averageActualMinutes: 45, // (60 + 30) ÷ 2
      evvExceptions: { total: 2, byType: { CHECKIN_OUTSIDE_GEOFENCE: 1, LATE_CHECKIN: 1, MISSED_CHECKIN: 0 } },
      refusedDoses: 1,
    });
    expect(report.groups.map((g: { period: string }) => g.period)).toEqual(['2019-03-04', '2019-03-05', '2019-03-06']);
    const [monday, tuesday, wednesday] = report.groups;
    expect(monday).toMatchObject({
      visits: 2,
      completionRate: 1,
      onTimeRate: 0.5,
      averageActualMinutes: 45,
      refusedDoses: 1,
    });
    expect(tuesday).toMatchObject({ visits: 2, completionRate: 0, cancelledLate: 1, checkedIn: 0, onTimeRate: null });
    expect(wednesday).toMatchObject({ visits: 2, completionRate: null, averageActualMinutes: null });
  });

  it('visit report by week and month: one group each starting Monday / the 1st', async () => {
    const weekly = (await get(team.supervisor, `/reports/visits?${week()}&groupBy=week`)).json().data;
    expect(weekly.groups).toHaveLength(1);
    expect(weekly.groups[0]).toMatchObject({ period: '2019-03-04', visits: 6, completionRate: 0.5 });
    const monthly = (
      await get(
        team.supervisor,
        `/reports/visits?from=2019-03-01&to=2019-03-31&clientId=${team.client.id}&groupBy=month`,
      )
    ).json().data;
    expect(monthly.groups).toEqual([expect.objectContaining({ period: '2019-03-01', visits: 7 })]);
    expect(monthly.total.averageActualMinutes).toBe(45); // (60 + 30 + 45) ÷ 3
  });

  it('visit report CSV parses back to the same numbers; the export is audited', async () => {
    const response = await get(admin, `/reports/visits?${week()}&format=csv`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    expect(response.headers['content-disposition']).toMatch(/attachment; filename="visits-.*\.csv"/);
    const records = parse(response.body, { columns: true }) as Array<Record<string, string>>;
    expect(records.map((r) => r.Period)).toEqual(['2019-03-04', '2019-03-05', '2019-03-06', 'Total']);
    expect(records.at(-1)).toMatchObject({
      Visits: '6',
      Completed: '2',
      'No-show': '1',
      Cancelled: '2',
      'Late cancel': '1',
      'Completion %': '50',
      'On time %': '50',
      'Avg minutes': '45',
      'EVV exceptions': '2',
      'Refused doses': '1',
    });
    const audited = await exportsOf(admin.id, 'visits');
    expect(audited).toHaveLength(1);
    expect(audited[0]).toMatchObject({ entityType: 'report', dataClassification: 'PHI', outcome: 'SUCCESS' });
    expect(audited[0]!.metadata).toMatchObject({
      format: 'csv',
      rowCount: 3,
      filters: { from: '2019-03-04', to: '2019-03-10', clientId: team.client.id },
    });
  });

  it('visit report PDF (by Accept header) is a real document with title, period, totals and page numbers', async () => {
    const response = await get(admin, `/reports/visits?${week()}`, { accept: 'application/pdf' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const pages = await pdfPages(response.rawPayload);
    expect(pages).toHaveLength(1);
    expect(pages[0]).toContain('Visit report');
    expect(pages[0]).toContain('2019-03-04 to 2019-03-10');
    expect(pages[0]).toMatch(/Total\s+6\s+2\s+1\s+2\s+1\s+1\s+0\s+50\s+50\s+45\s+2\s+1/);
    expect(pages[0]).toContain('Page 1 of 1');
    expect(await exportsOf(admin.id, 'visits')).toHaveLength(2);
  });

  it('timesheets: hours by day and ISO week from actual times of completed visits', async () => {
    const response = await get(team.worker, `/reports/timesheets?from=2019-03-04&to=2019-03-17`);
    expect(response.statusCode, response.body).toBe(200);
    const report = response.json().data;
    expect(report.workerId).toBe(team.worker.id);
    expect(report.workers).toHaveLength(1);
    expect(report.workers[0]).toMatchObject({
      workerId: team.worker.id,
      days: [
        { date: '2019-03-04', visits: 2, minutes: 90, hours: 1.5 },
        { date: '2019-03-11', visits: 1, minutes: 45, hours: 0.75 },
      ],
      weeks: [
        { weekStart: '2019-03-04', visits: 2, minutes: 90, hours: 1.5 },
        { weekStart: '2019-03-11', visits: 1, minutes: 45, hours: 0.75 },
      ],
      totalMinutes: 135,
      totalHours: 2.25,
    });
    expect(report.totals).toEqual({ visits: 3, minutes: 135, hours: 2.25 });

    const csv = await get(team.worker, `/reports/timesheets?from=2019-03-04&to=2019-03-17`, { accept: 'text/csv' });
    const rows = parse(csv.body, { columns: true }) as Array<Record<string, string>>;
    expect(rows.filter((r) => r.Date !== '').map((r) => [r.Date, r.Minutes, r.Hours])).toEqual([
      ['2019-03-04', '90', '1.50'],
      ['2019-03-11', '45', '0.75'],
    ]);
    expect(rows.at(-1)).toMatchObject({ Worker: 'Total', Visits: '3', Minutes: '135', Hours: '2.25' });
    expect(await exportsOf(team.worker.id, 'timesheets')).toHaveLength(1);
  });

  it('budget report: utilization by category, forecast to period end, over-threshold list', async () => {
    const response = await get(team.client, `/reports/budgets?asOf=2019-03-10`);
    expect(response.statusCode, response.body).toBe(200);
    const report = response.json().data;
    expect(report.clientId).toBe(team.client.id);
    expect(report.budgets).toHaveLength(1);
    const [budget] = report.budgets;
    // Spent 39,000 (approved); pending 5,000; committed: the SCHEDULED hour at $30 = 3,000.
    // Forecast = round(39,000 ÷ 10 elapsed days × 31) + 3,000 = 123,900.
    expect(budget).toMatchObject({
      budgetId: ids.budget,
      totalCents: 100_000,
      spentCents: 39_000,
      pendingCents: 5_000,
      committedCents: 3_000,
      remainingCents: 56_000,
      utilizationPct: 44,
      forecastCents: 123_900,
      forecastPct: 123.9,
      level: 'NONE',
    });
    const byCategory = Object.fromEntries(budget.categories.map((c: { category: string }) => [c.category, c]));
    expect(byCategory.PERSONAL_CARE).toMatchObject({
      allocatedCents: 60_000,
      spentCents: 30_000,
      pendingCents: 5_000,
      committedCents: 3_000,
      remainingCents: 25_000,
      utilizationPct: 58.3,
      forecastCents: 96_000,
      level: 'NONE',
    });
    expect(byCategory.TRANSPORTATION).toMatchObject({ utilizationPct: 90, forecastCents: 27_900, level: 'WARNING' });
    expect(byCategory.OTHER).toBeUndefined(); // a rejected expense is no spending
    expect(report.overThreshold).toEqual([
      expect.objectContaining({
        budgetId: ids.budget,
        category: 'TRANSPORTATION',
        level: 'WARNING',
        utilizationPct: 90,
      }),
    ]);

    const pdf = await get(team.client, `/reports/budgets?asOf=2019-03-10&format=pdf`);
    const [page] = await pdfPages(pdf.rawPayload);
    expect(page).toContain('Budget utilization');
    expect(page).toMatch(/All budgets\s+1000\.00\s+390\.00\s+30\.00\s+1239\.00/);
    expect(page).toContain('Page 1 of 1');
    expect(await exportsOf(team.client.id, 'budgets')).toHaveLength(1);
  });

  it('EVV export: the six elements in JSON and CSV; a change later exports with a larger sequence id', async () => {
    const response = await get(admin, `/exports/evv?from=2019-03-04&to=2019-03-10`);
    expect(response.statusCode, response.body).toBe(200);
    const exported = response.json().data;
    const mine = exported.records.filter((r: { client: { id: string } }) => r.client.id === team.client.id);
    expect(mine.map((r: { visitId: string }) => r.visitId).sort()).toEqual([ids.v1, ids.v2].sort());
    const first = mine.find((r: { visitId: string }) => r.visitId === ids.v1);
    expect(first).toMatchObject({
      service: { type: 'PERSONAL_CARE', procedureCode: 'T1019', modifiers: [] },
      client: { id: team.client.id, medicalRecordNumber: expect.stringMatching(/^MRN-/) },
      worker: { id: team.worker.id },
      serviceDate: '2019-03-04',
      startTime: '2019-03-04T09:05:00.000Z',
      endTime: '2019-03-04T10:05:00.000Z',
      calls: [
        { direction: 'IN', callType: 'GPS', at: '2019-03-04T09:05:00.000Z', lat: 45.5, lng: -122.6 },
        { direction: 'OUT', callType: 'GPS', at: '2019-03-04T10:05:00.000Z', lat: 45.5001, lng: -122.6001 },
      ],
    });
    expect(typeof first.recordCreatedAt).toBe('string');
    const second = mine.find((r: { visitId: string }) => r.visitId === ids.v2);
    expect(second.changes).toEqual([
      expect.objectContaining({ source: 'EXCEPTION', subject: 'LATE_CHECKIN', reasonCode: 'WORKER_LATE_TRAFFIC' }),
    ]);

    // A documentation correction after check-out: the visit changes, so it is sent again with a larger id.
    await t.app.deps.db.insert(schema.visitAmendments).values({
      visitId: ids.v1!,
      field: 'notes',
      oldValue: null,
      newValue: 'Corrected',
      reasonCode: 'DOCUMENTATION_CORRECTION',
      changedBy: team.supervisor.id,
    });
    await t.app.deps.db.update(schema.visits).set({ notes: 'Corrected' }).where(eq(schema.visits.id, ids.v1!));
    const later = (
      await get(admin, `/exports/evv?from=2019-03-04&to=2019-03-10&sinceSequence=${exported.lastSequence}`)
    ).json().data;
    const again = later.records.find((r: { visitId: string }) => r.visitId === ids.v1);
    expect(again.sequenceId).toBeGreaterThan(first.sequenceId);
    expect(later.records.some((r: { visitId: string }) => r.visitId === ids.v2)).toBe(false);
    expect(again.changes).toEqual([
      expect.objectContaining({ source: 'AMENDMENT', subject: 'notes', reasonCode: 'DOCUMENTATION_CORRECTION' }),
    ]);

    const csv = await get(admin, `/exports/evv?from=2019-03-04&to=2019-03-10&format=csv`);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const rows = parse(csv.body, { columns: true }) as Array<Record<string, string>>;
    const row = rows.find((r) => r.visit_id === ids.v1);
    expect(row).toMatchObject({
      sequence_id: String(again.sequenceId),
      service_type: 'PERSONAL_CARE',
      procedure_code: 'T1019',
      client_mrn: first.client.medicalRecordNumber,
      worker_id: team.worker.id,
      service_date: '2019-03-04',
      call_in_utc: '2019-03-04T09:05:00.000Z',
      call_in_type: 'GPS',
      call_in_lat: '45.5',
      call_out_utc: '2019-03-04T10:05:00.000Z',
      start_time_utc: '2019-03-04T09:05:00.000Z',
      end_time_utc: '2019-03-04T10:05:00.000Z',
      change_reason_codes: 'notes:DOCUMENTATION_CORRECTION',
    });
    expect(row!.record_created_at).not.toBe('');
    const audited = await exportsOf(admin.id, 'evv');
    expect(audited.map((a) => (a.metadata as { format: string }).format).sort()).toEqual(['csv', 'json', 'json']);
  });
});
