import { createVisitRow, northOf } from '@caretracker/api/test/helpers/care-factories';
import { createTeam, type TestUser } from '@caretracker/api/test/helpers/factories';
import { schema } from '@caretracker/database';
import type { ApiApp } from './api';

export type { TestUser };
export const HOME = { lat: 45.5, lng: -122.6 };

/** A position 20 m from the client's home, as the worker's phone reports it at `capturedAt`. */
export const position = (capturedAt: string) => ({ ...northOf(HOME, 20), accuracyM: 8, capturedAt });

/** A supervisor, worker and client, a visit of theirs starting now, and a conversation about the client. */
export async function createCareTeam(app: ApiApp) {
  const team = await createTeam(app);
  const visit = await createVisitRow(app, {
    clientId: team.client.id,
    workerId: team.worker.id,
    start: new Date(Date.now() - 60_000),
  });
  const opened = await app.inject({
    method: 'POST',
    url: '/conversations',
    headers: team.worker.headers,
    payload: { clientId: team.client.id, subject: 'Visit notes' },
  });
  if (opened.statusCode !== 201) throw new Error(`conversation: ${opened.statusCode} ${opened.body}`);
  const conversationId = (opened.json() as { data: { id: string } }).data.id;
  return { ...team, visit, conversationId };
}

/** The bodies of a conversation's messages, oldest first, straight from the database. */
export async function messageBodies(app: ApiApp, conversationId: string): Promise<string[]> {
  const rows = await app.deps.db.select().from(schema.messages);
  return rows
    .filter((row) => row.conversationId === conversationId)
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
    .map((row) => row.body);
}

/** Audit rows of one action on one record: each applied change writes exactly one. */
export async function auditCount(app: ApiApp, action: string, entityId: string): Promise<number> {
  const rows = await app.deps.db.select().from(schema.auditLog);
  return rows.filter((row) => row.action === action && row.entityId === entityId).length;
}

export async function visitRow(app: ApiApp, visitId: string) {
  const rows = await app.deps.db.select().from(schema.visits);
  const row = rows.find((candidate) => candidate.id === visitId);
  if (!row) throw new Error(`no visit ${visitId}`);
  return row;
}

/** The files linked to a record (not deleted), straight from the database. */
export async function filesOf(app: ApiApp, entityId: string) {
  const rows = await app.deps.db.select().from(schema.files);
  return rows.filter((row) => row.entityId === entityId && row.deletedAt === null);
}
