import { randomUUID } from 'node:crypto';
import { createDatabase, type DatabaseHandle, migrateDatabase, schema } from '@caretracker/database';
import { eq, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildApp } from '../src/app';
import { testConfig } from '../src/config/config';
import { type Engine, engines } from './helpers/app';

// The database's disk full (PostgreSQL cannot extend a table file: SQLSTATE 53100 disk_full) is
// the server's storage, not a bug: the answer is 507 in the shared shape with Retry-After, and the
// transaction it broke left nothing behind. The fault suite fills a real disk under PostgreSQL;
// here the database itself raises the same condition inside a write.
describe.each(engines())('a full database disk (%s)', (engine: Engine) => {
  let app: FastifyInstance;
  let database: DatabaseHandle | undefined;
  const subject = `disk-full-${randomUUID()}`;

  beforeAll(async () => {
    if (engine === 'pglite') {
      database = createDatabase({ dataDir: 'memory://' });
      await migrateDatabase(database);
    }
    const config = testConfig(
      engine === 'postgres' ? { DATABASE_URL: inject('databaseUrl')!, DATABASE_POOL_SIZE: '2' } : {},
    );
    app = await buildApp(config, { database });
    // A write that runs out of room half-way, as an INSERT does when its table cannot grow.
    app.post('/test-only/full-disk-write', async () => {
      await app.deps.db.transaction(async (tx) => {
        await tx
          .insert(schema.emailOutbox)
          .values({ toAddress: 'nobody@test.caretracker.dev', subject, textBody: 'x', status: 'LOGGED' });
        await tx.execute(
          sql.raw(
            `do $$ begin raise exception 'could not extend file: No space left on device' using errcode = 'disk_full'; end $$`,
          ),
        );
      });
      return { ok: true };
    });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('answers 507 in the shared error shape, with Retry-After, and keeps nothing of the write', async () => {
    const response = await app.inject({ method: 'POST', url: '/test-only/full-disk-write' });
    expect(response.statusCode).toBe(507);
    expect(response.headers['retry-after']).toBe('30');
    const body = response.json();
    expect(body).toMatchObject({ success: false, error: 'SERVICE_UNAVAILABLE' });
    expect(body.message).toMatch(/no room to store this/);
    expect(body.message).not.toMatch(/extend file|device/);
    const left = await app.deps.db.select().from(schema.emailOutbox).where(eq(schema.emailOutbox.subject, subject));
    expect(left).toEqual([]);
  });
});
