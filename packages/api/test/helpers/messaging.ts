import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { assignToCareTeam, createTeam, createUser, type TestUser } from './factories';

export type Team = Awaited<ReturnType<typeof createTeam>>;
export type Method = 'GET' | 'POST' | 'DELETE';

/**
 * Team A (with a backup worker and a family contact: a CLIENT-role account in the client's team),
 * an unrelated team B, and an admin.
 */
export async function createMessagingCast(app: FastifyInstance) {
  const team = await createTeam(app);
  const backup = await createUser(app, { role: 'WORKER', supervisorId: team.supervisor.id });
  await assignToCareTeam(app, team.client.id, backup.id, 'BACKUP');
  const family = await createUser(app, { role: 'CLIENT', supervisorId: team.supervisor.id });
  return {
    a: { ...team, backup, family } as Team & { backup: TestUser; family: TestUser },
    b: await createTeam(app),
    admin: await createUser(app, { role: 'ADMIN' }),
  };
}

/** Calls as a user; `ok` asserts the status and returns the body; `open`/`post` create threads and messages. */
export function messagingClient(app: () => FastifyInstance) {
  const call = (user: TestUser, method: Method, url: string, payload?: object) =>
    app().inject({ method, url, headers: user.headers, ...(payload ? { payload } : {}) });
  const ok = async (user: TestUser, method: Method, url: string, payload?: object, status = 200) => {
    const response = await call(user, method, url, payload);
    expect(response.statusCode, response.body).toBe(status);
    return response.json();
  };
  const open = async (user: TestUser, payload: object) => (await ok(user, 'POST', '/conversations', payload, 201)).data;
  const post = async (user: TestUser, id: string, body: string, attachmentFileIds?: string[]) =>
    (
      await ok(
        user,
        'POST',
        `/conversations/${id}/messages`,
        { body, ...(attachmentFileIds ? { attachmentFileIds } : {}) },
        201,
      )
    ).data;
  return { call, ok, open, post };
}
