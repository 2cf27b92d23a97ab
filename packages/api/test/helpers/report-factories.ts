import { schema } from '@caretracker/database';
import type { FastifyInstance } from 'fastify';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

type ExceptionType = (typeof schema.evvExceptions.$inferInsert)['type'];

/** An EVV exception on a visit, open or resolved with a reason code. */
export async function insertEvvException(
  app: FastifyInstance,
  visitId: string,
  type: ExceptionType,
  resolved?: { reasonCode: string; by: string },
) {
  const [row] = await app.deps.db
    .insert(schema.evvExceptions)
    .values({
      visitId,
      type,
      status: resolved ? 'RESOLVED' : 'OPEN',
      reasonCode: resolved?.reasonCode ?? null,
      resolvedBy: resolved?.by ?? null,
      resolvedAt: resolved ? new Date() : null,
    })
    .returning();
  if (!row) throw new Error('exception insert failed');
  return row;
}

/** One eMAR record on a visit. */
export async function insertDose(
  app: FastifyInstance,
  values: { visitId: string; medicationId: string; recordedBy: string; outcome: 'GIVEN' | 'REFUSED'; at: Date },
) {
  await app.deps.db.insert(schema.medicationAdministrations).values({
    visitId: values.visitId,
    medicationId: values.medicationId,
    scheduledFor: values.at,
    outcome: values.outcome,
    reason: values.outcome === 'GIVEN' ? null : 'Client declined',
    recordedBy: values.recordedBy,
  });
}

/** An active budget with category allocations, inserted directly. */
export async function insertBudget(
  app: FastifyInstance,
  values: {
    clientId: string;
    periodStart: string;
    periodEnd: string;
    totalCents: number;
    allocations: Record<string, number>;
  },
) {
  const { db } = app.deps;
  const [budget] = await db
    .insert(schema.budgets)
    .values({
      clientId: values.clientId,
      periodType: 'MONTHLY',
      periodStart: values.periodStart,
      periodEnd: values.periodEnd,
      totalCents: values.totalCents,
      fundingSource: 'Medicaid waiver',
    })
    .returning();
  if (!budget) throw new Error('budget insert failed');
  for (const [category, amountCents] of Object.entries(values.allocations)) {
    await db
      .insert(schema.budgetAllocations)
      .values({ budgetId: budget.id, category: category as 'OTHER', amountCents });
  }
  return budget;
}

export async function insertExpense(
  app: FastifyInstance,
  values: { budgetId: string; category: string; amountCents: number; status: 'APPROVED' | 'PENDING' | 'REJECTED' },
) {
  await app.deps.db.insert(schema.expenses).values({
    budgetId: values.budgetId,
    category: values.category as 'OTHER',
    amountCents: values.amountCents,
    status: values.status,
    description: 'Test expense',
    incurredOn: '2019-03-05',
  });
}

/** The text of each page of a PDF, extracted with pdf.js (no binaries). */
export async function pdfPages(data: Buffer): Promise<string[]> {
  const document = await getDocument({ data: new Uint8Array(data), disableFontFace: true, verbosity: 0 }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= document.numPages; n++) {
    const page = await document.getPage(n);
    const content = await page.getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
  }
  await document.destroy();
  return pages;
}

/** A conversation about a client with its participants and one message, inserted directly. */
export async function insertConversation(
  app: FastifyInstance,
  values: { clientId: string; participantIds: string[]; senderId: string; body: string },
) {
  const { db } = app.deps;
  const [conversation] = await db
    .insert(schema.conversations)
    .values({ clientId: values.clientId, subject: 'Care team thread' })
    .returning();
  if (!conversation) throw new Error('conversation insert failed');
  for (const userId of values.participantIds) {
    await db.insert(schema.conversationParticipants).values({ conversationId: conversation.id, userId });
  }
  const [message] = await db
    .insert(schema.messages)
    .values({ conversationId: conversation.id, senderId: values.senderId, body: values.body })
    .returning();
  if (!message) throw new Error('message insert failed');
  return { conversation, message };
}
