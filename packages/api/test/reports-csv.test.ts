import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from './helpers/app';
import { createUser } from './helpers/factories';
import { insertBudget, insertExpense } from './helpers/report-factories';
import { insertVisit } from './helpers/visits';

const PAYLOAD = "-2+3+cmd|' /C calc'!A0";
const at = (iso: string) => new Date(`${iso}Z`);

describe('report CSVs cannot carry formulas', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp();
  });
  afterAll(() => t.close());

  const csvOf = async (user: { headers: Record<string, string> }, url: string) => {
    const response = await t.app.inject({ method: 'GET', url, headers: { ...user.headers, accept: 'text/csv' } });
    expect(response.statusCode, response.body).toBe(200);
    return parse(response.body, { columns: true }) as Array<Record<string, string>>;
  };

  it(`a worker named ${PAYLOAD} reaches the timesheets CSV as text`, async () => {
    const supervisor = await createUser(t.app, { role: 'SUPERVISOR' });
    const worker = await createUser(t.app, {
      role: 'WORKER',
      supervisorId: supervisor.id,
      firstName: PAYLOAD,
      lastName: 'Smith',
    });
    const client = await createUser(t.app, { role: 'CLIENT', supervisorId: supervisor.id });
    await insertVisit(t.app, {
      client,
      worker,
      start: at('2019-04-01T09:00:00'),
      end: at('2019-04-01T10:00:00'),
      status: 'COMPLETED',
      actualStart: at('2019-04-01T09:00:00'),
      actualEnd: at('2019-04-01T10:00:00'),
    });
    const rows = await csvOf(worker, '/reports/timesheets?from=2019-04-01&to=2019-04-07');
    const day = rows.find((row) => row.Date === '2019-04-01');
    expect(day?.Worker).toBe(`'${PAYLOAD} Smith`);
    expect(day?.Hours).toBe('1.00');
  });

  it('in the budget report, a client named like a formula is text and an over-spent remainder a negative number', async () => {
    const supervisor = await createUser(t.app, { role: 'SUPERVISOR' });
    const client = await createUser(t.app, {
      role: 'CLIENT',
      supervisorId: supervisor.id,
      firstName: '@SUM(1+1)',
      lastName: 'Adams',
    });
    const { id: budgetId } = await insertBudget(t.app, {
      clientId: client.id,
      periodStart: '2019-04-01',
      periodEnd: '2019-04-30',
      totalCents: 10_000,
      allocations: { PERSONAL_CARE: 10_000 },
    });
    await insertExpense(t.app, { budgetId, category: 'PERSONAL_CARE', amountCents: 11_250, status: 'APPROVED' });
    const rows = await csvOf(client, '/reports/budgets?asOf=2019-04-10');
    const total = rows.find((row) => row.Category === 'TOTAL');
    expect(total?.Client).toBe("'@SUM(1+1) Adams");
    expect(total?.['Remaining $']).toBe('-12.50');
  });
});
