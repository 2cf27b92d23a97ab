import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from './helpers/app';
import { allocateBudget, budgetTeam, expenseBody, expensesIn } from './helpers/budgets';
import { createTeam, type TestUser } from './helpers/factories';
import { samples, upload } from './helpers/files';
import { expectError } from './helpers/http';

describe("budgets: an expense's receipt is a file of the budget's own client", () => {
  let t: TestApp;
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'caretracker-receipts-'));
    t = await startApp({ config: { FILE_STORAGE_PATH: root } });
  });
  afterAll(async () => {
    await t?.close();
    await rm(root, { recursive: true, force: true });
  });

  const addExpense = (user: TestUser, budgetId: string, receiptFileId: string) =>
    t.app.inject({
      method: 'POST',
      url: `/budgets/${budgetId}/expenses`,
      headers: user.headers,
      payload: { ...expenseBody(500), receiptFileId },
    });
  const receiptOn = async (user: TestUser, clientId: string) => {
    const answer = await upload(t.app, user, {
      entityType: 'CLIENT',
      entityId: clientId,
      name: 'receipt.pdf',
      content: samples.pdf(),
    });
    expect(answer.statusCode, answer.body).toBe(201);
    return answer.json().data.id as string;
  };

  it("takes the client's own receipt, refuses another client's file or a made-up id, and writes nothing then", async () => {
    const home = await budgetTeam(t.app);
    const other = await createTeam(t.app);
    const budget = await allocateBudget(t.app, home.admin, home.client.id);
    const own = await receiptOn(home.supervisor, home.client.id);
    const strangers = await receiptOn(other.supervisor, other.client.id);

    // Another team's client's document: the supervisor may not see it, the admin may but it is not this client's.
    for (const [who, fileId] of [
      [home.supervisor, strangers],
      [home.admin, strangers],
      [home.supervisor, randomUUID()],
    ] as const) {
      const refused = expectError(await addExpense(who, budget.id, fileId), 422, 'UNPROCESSABLE');
      expect(refused.details?.[0]?.field).toBe('body.receiptFileId');
    }
    expect(await expensesIn(t.app, budget.id)).toHaveLength(0);

    const taken = await addExpense(home.supervisor, budget.id, own);
    expect(taken.statusCode, taken.body).toBe(201);
    expect((await expensesIn(t.app, budget.id)).map((row) => row.receiptFileId)).toEqual([own]);
  });
});
