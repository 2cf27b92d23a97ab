import { createDatabase, type DatabaseHandle, migrateDatabase, schema, seedDemo } from '@caretracker/database';
import { isNull } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app';
import { testConfig } from '../src/config/config';

/**
 * The demo agency must read back through the real API for every role: what the seed writes
 * has to satisfy the same response schemas as what the API writes.
 */
describe('demo data through the API', () => {
  let database: DatabaseHandle;
  let app: FastifyInstance;
  const headersFor = new Map<string, Record<string, string>>();

  beforeAll(async () => {
    database = createDatabase({ dataDir: 'memory://' });
    await migrateDatabase(database);
    await seedDemo(database.db, { bcryptRounds: 4 });
    app = await buildApp(testConfig(), { database });
    const people = await database.db.select().from(schema.users).where(isNull(schema.users.deletedAt));
    for (const person of people) {
      const session = await app.deps.sessions.open(database.db, { id: person.id, role: person.role });
      headersFor.set(person.email, { authorization: `Bearer ${session.accessToken}` });
    }
  }, 120_000);
  afterAll(async () => {
    await app.close();
    await database.close();
  });

  const get = async (email: string, url: string) => {
    const response = await app.inject({ method: 'GET', url, headers: headersFor.get(email) });
    expect(response.statusCode, `${email} GET ${url}: ${response.body.slice(0, 300)}`).toBe(200);
    return response.json();
  };

  it.each(['admin@caretracker.dev', 'supervisor@caretracker.dev', 'worker@caretracker.dev', 'client@caretracker.dev'])(
    '%s reads every user, care plan and visit it can see, each in detail',
    async (email) => {
      const users = await get(email, '/users?limit=100');
      expect(users.data.length).toBeGreaterThan(0);
      for (const user of users.data) await get(email, `/users/${user.id}`);

      const plans = await get(email, '/careplans?limit=100');
      for (const plan of plans.data) {
        await get(email, `/careplans/${plan.id}`);
        if (email.startsWith('admin') || email.startsWith('supervisor'))
          await get(email, `/careplans/${plan.id}/versions`);
      }

      const visits = await get(email, '/visits?limit=100');
      expect(visits.data.length).toBeGreaterThan(0);
      for (const visit of visits.data.slice(0, 25)) {
        await get(email, `/visits/${visit.id}`);
        await get(email, `/visits/${visit.id}/medications`);
      }
    },
    120_000,
  );

  it('the admin sees the whole agency: 2 supervisors, 8 workers, 20 clients, 20 active plans', async () => {
    const count = async (role: string) =>
      (await get('admin@caretracker.dev', `/users?role=${role}&limit=1`)).pagination.total;
    expect(await count('SUPERVISOR')).toBe(2);
    expect(await count('WORKER')).toBe(8);
    expect(await count('CLIENT')).toBe(20);
    expect((await get('admin@caretracker.dev', '/careplans?status=ACTIVE&limit=1')).pagination.total).toBe(20);
  });
});
