// The scenarios beyond the worker's day, the visit detail, the office list and the report: the
// client's visit history, the supervisor's overview, budget detail, search, and sign-in (reported
// apart: bcrypt-bound by design). Each with its baseline route (baseline.mts,
// baseline-query-code.mts). Used by run.mts.
import type pg from 'pg';

export interface Target {
  path: string;
  token?: string;
  method?: 'GET' | 'POST';
  body?: unknown;
}
export interface Scenario {
  name: string;
  label: string;
  connections: number;
  api: Target[];
  baseline: Target[];
  /** Not a read scenario: its ratio is reported but not held to the ≥ 0.6 target. */
  apart?: boolean;
}

/** Words in the large seed's visit notes and client names (packages/database/src/seed/large). */
export const SEARCH_TERMS = ['Adams', 'Olga Adams', 'lunch', 'mailbox', 'rested'];

export const PASSWORD = 'Garden-Lantern-Visit-42';

interface People {
  db: pg.Client;
  clients: Array<{ id: string; token: string }>;
  supervisors: Array<{ id: string; token: string }>;
  admin: { id: string; token: string };
  /** The clients' current budget ids (created by `ensureBudgets`). */
  budgets: Map<string, string>;
  now: Date;
}

/** Seeded accounts of a role, in a stable order. */
export async function seededAccounts(db: pg.Client, prefix: 'client' | 'supervisor', limit: number) {
  const rows = await db.query(
    `select id, email from users where email like $1 and deleted_at is null order by id limit $2`,
    [`${prefix}-%@bench.caretracker.dev`, limit],
  );
  return rows.rows as Array<{ id: string; email: string }>;
}

/** The large seed has no budgets: one monthly budget for this month per bench client, made through the API once. */
export async function ensureBudgets(
  db: pg.Client,
  apiUrl: string,
  adminToken: string,
  clientIds: string[],
  today: string,
): Promise<Map<string, string>> {
  const found = async () =>
    new Map(
      (
        await db.query(
          `select client_id, id from budgets where client_id = any($1) and deleted_at is null
           and period_start <= $2 and period_end >= $2`,
          [clientIds, today],
        )
      ).rows.map((row: { client_id: string; id: string }) => [row.client_id, row.id]),
    );
  const existing = await found();
  for (const clientId of clientIds.filter((id) => !existing.has(id))) {
    const response = await fetch(`${apiUrl}/budgets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
      body: JSON.stringify({
        clientId,
        periodType: 'MONTHLY',
        periodStart: `${today.slice(0, 8)}01`,
        totalCents: 400_000,
        fundingSource: 'Medicaid waiver',
        allocations: [
          { category: 'PERSONAL_CARE', amountCents: 300_000 },
          { category: 'TRANSPORTATION', amountCents: 50_000 },
        ],
      }),
    });
    if (!response.ok) throw new Error(`budget for ${clientId}: ${response.status} ${await response.text()}`);
  }
  return found();
}

export function moreScenarios(people: People): Scenario[] {
  const day = 86_400_000;
  // The portal's past visits: 90 days back to a day ahead (apps/web/lib/portal-data.ts).
  const from = new Date(people.now.getTime() - 90 * day).toISOString();
  const to = new Date(people.now.getTime() + day).toISOString();
  const history = people.clients.map((c) => ({
    api: { path: `/visits?dateFrom=${from}&dateTo=${to}&limit=100`, token: c.token },
    baseline: { path: `/history?client=${c.id}&from=${from}&to=${to}` },
  }));
  const overview = people.supervisors.map((s) => ({
    api: { path: '/office/overview', token: s.token },
    baseline: { path: `/overview?user=${s.id}&role=SUPERVISOR` },
  }));
  const budget = people.clients
    .filter((c) => people.budgets.has(c.id))
    .map((c) => {
      const id = people.budgets.get(c.id)!;
      return { api: { path: `/budgets/${id}`, token: c.token }, baseline: { path: `/budget?id=${id}&role=CLIENT` } };
    });
  const search = SEARCH_TERMS.map((q) => ({
    api: { path: `/search?q=${encodeURIComponent(q)}`, token: people.admin.token },
    baseline: { path: `/search?q=${encodeURIComponent(q)}&user=${people.admin.id}&role=ADMIN` },
  }));
  const split = (pairs: Array<{ api: Target; baseline: Target }>) => ({
    api: pairs.map((p) => p.api),
    baseline: pairs.map((p) => p.baseline),
  });
  return [
    {
      name: 'history-50',
      label: "client's visit history (90 days), 50 connections",
      connections: 50,
      ...split(history),
    },
    { name: 'overview-1', label: "supervisor's overview counts, 1 connection", connections: 1, ...split(overview) },
    { name: 'overview-20', label: "supervisor's overview counts, 20 connections", connections: 20, ...split(overview) },
    { name: 'budget-50', label: 'budget detail (the client), 50 connections', connections: 50, ...split(budget) },
    { name: 'search-5', label: 'search (admin, notes and names), 5 connections', connections: 5, ...split(search) },
  ];
}

/** Sign-in with the password (bcrypt 12): reported apart, against a baseline doing the lookup and the comparison. */
export function loginScenario(emails: string[]): Scenario {
  const targets = emails.map((email) => ({
    path: '/auth/login',
    method: 'POST' as const,
    body: { email, password: PASSWORD, tokenDelivery: 'body' },
  }));
  return {
    name: 'login-4',
    label: 'sign-in with password (bcrypt 12), 4 connections — apart',
    connections: 4,
    api: targets,
    baseline: targets.map((t) => ({ ...t, path: '/login', body: { email: t.body.email, password: PASSWORD } })),
    apart: true,
  };
}
