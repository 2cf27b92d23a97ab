import { createHash, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { fileStoragePath } from '@caretracker/api/src/config/config';
import { snapshotOf } from '@caretracker/api/src/modules/careplans/shape';
import { createLocalStorage, storageKeyFor } from '@caretracker/api/src/modules/files/storage';
import { schema } from '@caretracker/database';
import { and, eq } from 'drizzle-orm';
import type { Position, World } from './world';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
let slot = 0;

/** A time slot no other record of the run uses, so no two visits of a worker ever overlap. */
export function freshSlot(when: 'future' | 'past'): { start: Date; end: Date } {
  slot += 1;
  const offset = 40 * DAY + slot * 3 * HOUR;
  const start = new Date(Date.now() + (when === 'future' ? offset : -offset));
  return { start, end: new Date(start.getTime() + HOUR) };
}

/** A UTC date string `days` from today. */
export const isoDay = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);

let period = 0;
/** A week no other budget of the run covers (one budget per client per period). */
export function freshPeriod(): { start: string; end: string } {
  period += 1;
  return { start: isoDay(400 + period * 7), end: isoDay(400 + period * 7 + 6) };
}

type VisitStatus = (typeof schema.visits.$inferInsert)['status'];

export async function visitAt(
  world: World,
  position: Position,
  options: { status?: VisitStatus; when?: 'future' | 'past'; carePlanId?: string; seriesId?: string } = {},
) {
  const seat = world.at[position];
  const { start, end } = freshSlot(options.when ?? 'future');
  const [visit] = await world.app.deps.db
    .insert(schema.visits)
    .values({
      clientId: seat.client.id,
      workerId: seat.worker.id,
      carePlanId: options.carePlanId ?? null,
      seriesId: options.seriesId ?? null,
      status: options.status ?? 'SCHEDULED',
      serviceType: 'PERSONAL_CARE',
      scheduledStart: start,
      scheduledEnd: end,
      notes: `${seat.phi.note} visit`,
      privateNotes: `${seat.phi.note} private`,
      locationLat: 45.5,
      locationLng: -122.6,
      ...(options.status === 'IN_PROGRESS' || options.status === 'COMPLETED'
        ? { actualStart: start, checkInAt: start, checkInLat: 45.5, checkInLng: -122.6 }
        : {}),
      ...(options.status === 'COMPLETED' ? { actualEnd: end, checkOutAt: end } : {}),
    })
    .returning();
  if (!visit) throw new Error('visit insert failed');
  world.remember(position, visit.id);
  return visit;
}

/** A visit with one open EVV exception (checked in far from home). */
export async function evvExceptionAt(world: World, position: Position) {
  const visit = await visitAt(world, position, { status: 'IN_PROGRESS', when: 'past' });
  const [exception] = await world.app.deps.db
    .insert(schema.evvExceptions)
    .values({ visitId: visit.id, type: 'CHECKIN_OUTSIDE_GEOFENCE', detail: { distanceM: 900 } })
    .returning();
  if (!exception) throw new Error('exception insert failed');
  world.remember(position, exception.id);
  return { visit, exception };
}

type PlanStatus = (typeof schema.carePlans.$inferInsert)['status'];

export async function carePlanAt(world: World, position: Position, status: PlanStatus = 'ACTIVE') {
  const { db } = world.app.deps;
  const seat = world.at[position];
  // One ACTIVE plan per client: an earlier one steps down to ON_HOLD first (also before a draft is approved).
  if (status === 'ACTIVE' || status === 'DRAFT') {
    await db
      .update(schema.carePlans)
      .set({ status: 'ON_HOLD' })
      .where(and(eq(schema.carePlans.clientId, seat.client.id), eq(schema.carePlans.status, 'ACTIVE')));
  }
  const [plan] = await db
    .insert(schema.carePlans)
    .values({
      clientId: seat.client.id,
      status,
      title: `Plan ${seat.phi.note}`,
      activities: [{ code: 'bathing', name: 'Bathing', instructions: null }],
      diagnosisCodes: ['E11.9'],
      requiredSkills: [],
      startsOn: isoDay(-30),
      nextReviewOn: isoDay(60),
    })
    .returning();
  if (!plan) throw new Error('care plan insert failed');
  const [goal] = await db
    .insert(schema.carePlanGoals)
    .values({ carePlanId: plan.id, description: 'Walk to the mailbox', measure: 'steps', targetValue: 200 })
    .returning();
  const [medication, asNeeded] = await db
    .insert(schema.carePlanMedications)
    .values([
      { carePlanId: plan.id, name: 'Metformin', dose: '500 mg', route: 'ORAL', times: ['08:00'] },
      {
        carePlanId: plan.id,
        name: 'Paracetamol',
        dose: '500 mg',
        route: 'ORAL',
        prn: true,
        prnIndication: 'pain',
        position: 1,
      },
    ])
    .returning();
  if (!goal || !medication || !asNeeded) throw new Error('care plan lists insert failed');
  // Two versions, as the API writes them, so there is something to compare.
  const snapshot = snapshotOf(plan, [goal], [medication, asNeeded]);
  await db.insert(schema.carePlanVersions).values([
    { carePlanId: plan.id, version: 1, snapshot: { ...snapshot, version: 1 }, changeSummary: 'Drafted' },
    { carePlanId: plan.id, version: 2, snapshot: { ...snapshot, title: `${plan.title} (reviewed)`, version: 2 } },
  ]);
  const [current] = await db
    .update(schema.carePlans)
    .set({ version: 2 })
    .where(eq(schema.carePlans.id, plan.id))
    .returning();
  if (!current) throw new Error('care plan update failed');
  world.remember(position, plan.id, goal.id, medication.id, asNeeded.id);
  return { plan: current, goal, medication, asNeeded };
}

/** A budget for a week of its own, all personal care, with one expense waiting for approval. */
export async function budgetAt(world: World, position: Position) {
  const { db } = world.app.deps;
  const seat = world.at[position];
  const week = freshPeriod();
  const [budget] = await db
    .insert(schema.budgets)
    .values({
      clientId: seat.client.id,
      periodType: 'WEEKLY',
      periodStart: week.start,
      periodEnd: week.end,
      totalCents: 500_000,
      fundingSource: 'Medicaid waiver',
      approvalLimitCents: 1_000,
    })
    .returning();
  if (!budget) throw new Error('budget insert failed');
  await db
    .insert(schema.budgetAllocations)
    .values({ budgetId: budget.id, category: 'PERSONAL_CARE', amountCents: 500_000 });
  const [expense] = await db
    .insert(schema.expenses)
    .values({
      budgetId: budget.id,
      category: 'PERSONAL_CARE',
      amountCents: 5_000,
      description: 'Shower chair',
      incurredOn: week.start,
      status: 'PENDING',
    })
    .returning();
  if (!expense) throw new Error('expense insert failed');
  world.remember(position, budget.id, expense.id);
  return { budget, expense, week };
}

/** A conversation about the seat's client between the client, their worker and their supervisor, with one message. */
export async function conversationAt(world: World, position: Position) {
  const { db } = world.app.deps;
  const seat = world.at[position];
  const [conversation] = await db
    .insert(schema.conversations)
    .values({ clientId: seat.client.id, subject: `About ${seat.phi.note}`, lastMessageAt: new Date() })
    .returning();
  if (!conversation) throw new Error('conversation insert failed');
  const members = [seat.client, seat.worker, seat.supervisor].filter((person) => person !== null);
  await db
    .insert(schema.conversationParticipants)
    .values(members.map((person) => ({ conversationId: conversation.id, userId: person.id })));
  const [message] = await db
    .insert(schema.messages)
    .values({ conversationId: conversation.id, senderId: seat.worker.id, body: `${seat.phi.note} message` })
    .returning();
  if (!message) throw new Error('message insert failed');
  world.remember(position, conversation.id, message.id);
  return { conversation, message };
}

export async function emergencyAt(world: World, position: Position) {
  const seat = world.at[position];
  const [alert] = await world.app.deps.db
    .insert(schema.emergencyAlerts)
    .values({ clientId: seat.client.id, raisedBy: seat.client.id, message: `${seat.phi.note} fell` })
    .returning();
  if (!alert) throw new Error('alert insert failed');
  world.remember(position, alert.id);
  return alert;
}

/** An in-app notification for one user (the caller's own, or the seat client's). */
export async function notificationFor(world: World, position: Position, userId: string) {
  const [row] = await world.app.deps.db
    .insert(schema.notifications)
    .values({ userId, category: 'VISIT_STATUS', title: 'Visit confirmed', body: 'A visit was confirmed' })
    .returning();
  if (!row) throw new Error('notification insert failed');
  world.remember(position, row.id);
  return row;
}

/** A live break-glass grant of a supervisor on a throwaway client outside every team. */
export async function breakGlassGrantOf(world: World, position: Position, supervisorId: string) {
  const { db } = world.app.deps;
  const [target] = await db
    .insert(schema.users)
    .values({
      email: `glass-${randomUUID().slice(0, 8)}@security.caretracker.dev`,
      passwordHash: 'x',
      role: 'CLIENT',
      firstName: 'Glass',
      lastName: 'Target',
    })
    .returning();
  if (!target) throw new Error('target insert failed');
  await db.insert(schema.profiles).values({ userId: target.id });
  const [grant] = await db
    .insert(schema.breakGlassGrants)
    .values({
      supervisorId,
      targetUserId: target.id,
      reason: 'Client fell and the on-call supervisor needs the record',
      expiresAt: new Date(Date.now() + 3_600_000),
    })
    .returning();
  if (!grant) throw new Error('grant insert failed');
  world.remember(position, grant.id);
  return grant;
}

/** A weekly series with two future occurrences. */
export async function seriesAt(world: World, position: Position) {
  const { db } = world.app.deps;
  const seat = world.at[position];
  const first = freshSlot('future');
  const [series] = await db
    .insert(schema.visitSeries)
    .values({
      clientId: seat.client.id,
      workerId: seat.worker.id,
      serviceType: 'PERSONAL_CARE',
      recurrence: {
        frequency: 'DAILY',
        startsOn: first.start.toISOString().slice(0, 10),
        count: 2,
        startTime: '10:00',
        durationMinutes: 60,
        timeZone: 'UTC',
      },
    })
    .returning();
  if (!series) throw new Error('series insert failed');
  const occurrence = await visitAt(world, position, { seriesId: series.id });
  await visitAt(world, position, { seriesId: series.id });
  world.remember(position, series.id);
  return { series, occurrence };
}

/** A small PDF, typed by its magic bytes. */
export const PDF = Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n', 'latin1');

/** A multipart/form-data upload body: the text fields, then the file. */
export function multipart(fields: Record<string, string>, content: Buffer = PDF, name = 'care-note.pdf') {
  const boundary = `----security${randomUUID().replace(/-/g, '')}`;
  const parts: Buffer[] = [];
  for (const [field, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"\r\n\r\n${value}\r\n`));
  }
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\n` +
        'Content-Type: application/pdf\r\n\r\n',
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/**
 * A file on a fresh visit of the seat, uploaded by the admin: stored with the app's local storage
 * driver and its row written directly (the upload route allows 10 a minute per user).
 */
export async function visitFileAt(world: World, position: Position) {
  const visit = await visitAt(world, position);
  const file = await storedFile(world, position, 'VISIT', visit.id, world.admin.id);
  return { visit, file };
}

/** A file attached to a fresh conversation of the seat, uploaded by the seat's worker (a participant). */
export async function conversationFileAt(world: World, position: Position) {
  const { conversation } = await conversationAt(world, position);
  const file = await storedFile(world, position, 'MESSAGE', conversation.id, world.at[position].worker.id);
  return { conversation, file };
}

async function storedFile(
  world: World,
  position: Position,
  entityType: 'VISIT' | 'MESSAGE',
  entityId: string,
  uploadedBy: string,
) {
  const id = randomUUID();
  const key = storageKeyFor(id);
  await createLocalStorage(fileStoragePath(world.app.deps.config)).put(key, Readable.from([PDF]), PDF.length);
  const [file] = await world.app.deps.db
    .insert(schema.files)
    .values({
      id,
      uploadedBy,
      entityType,
      entityId,
      category: 'DOCUMENT',
      originalName: 'care-note.pdf',
      mimeType: 'application/pdf',
      sizeBytes: PDF.length,
      sha256: createHash('sha256').update(PDF).digest('hex'),
      storageDriver: 'local',
      storageKey: key,
    })
    .returning();
  if (!file) throw new Error('file insert failed');
  world.remember(position, file.id);
  return file;
}

/** The first bytes of a PNG: enough for a stored photo (downloads check the hash, not the type). */
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');

/**
 * The seat's worker with a photo: a PROFILE image file of theirs written to the storage driver
 * and set on their profile directly (the upload route allows 10 a minute per user).
 */
export async function workerPhotoAt(world: World, position: Position) {
  const worker = world.at[position].worker;
  const id = randomUUID();
  const key = storageKeyFor(id);
  await createLocalStorage(fileStoragePath(world.app.deps.config)).put(key, Readable.from([PNG]), PNG.length);
  await world.app.deps.db.insert(schema.files).values({
    id,
    uploadedBy: world.admin.id,
    entityType: 'PROFILE',
    entityId: worker.id,
    category: 'PHOTO',
    originalName: 'photo.png',
    mimeType: 'image/png',
    sizeBytes: PNG.length,
    sha256: createHash('sha256').update(PNG).digest('hex'),
    storageDriver: 'local',
    storageKey: key,
  });
  await world.app.deps.db.update(schema.profiles).set({ photoFileId: id }).where(eq(schema.profiles.userId, worker.id));
  world.remember(position, id);
  return { worker, fileId: id };
}
