import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SecurityApp, startSecurityApp } from '../support/app';
import { hasPostgres } from '../support/database';
import { recordAttack } from '../support/ledger';
import { createWorld, type World } from '../support/world';

/**
 * HIPAA 164.312(a)(2)(iv): what a copy of the database (a dump, a backup, a stolen disk) holds.
 * Clients' identifiers are written through the API the way the office does, then every row of
 * every table is read as text, no column opened: no MRN, date of birth or insurance number shows.
 */
describe.skipIf(!hasPostgres())('data at rest', () => {
  let server: SecurityApp;
  let world: World;
  beforeAll(async () => {
    server = await startSecurityApp();
    world = await createWorld(server.app);
  });
  afterAll(() => server?.close());

  it('no table holds a client’s MRN, date of birth or insurance number in clear', async () => {
    const { app } = server;
    const seat = world.at.own;
    const changed = { dateOfBirth: '1931-11-30', medicalRecordNumber: `MRN-REST-${seat.client.id.slice(0, 6)}` };
    const insurance = { provider: 'Willamette Mutual', policyNumber: `WM-${seat.client.id.slice(0, 8)}` };
    const update = await app.inject({
      method: 'PUT',
      url: `/users/${seat.client.id}`,
      headers: seat.supervisor!.headers,
      payload: { profile: { ...changed, insurance } },
    });
    expect(update.statusCode, update.body).toBe(200);

    const tables = (await app.deps.db.execute(
      sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`,
    )) as unknown as { rows: Array<{ table_name: string }> };
    const clear = [
      ...Object.values(world.at).flatMap((other) => [other.phi.mrn, other.phi.dateOfBirth]),
      changed.dateOfBirth,
      changed.medicalRecordNumber,
      insurance.policyNumber,
    ];
    const found: string[] = [];
    for (const { table_name: table } of tables.rows) {
      const dump = (await app.deps.db.execute(
        sql`select coalesce(string_agg(t::text, E'\n'), '') as text from ${sql.identifier(table)} t`,
      )) as unknown as { rows: Array<{ text: string }> };
      const text = dump.rows[0]?.text ?? '';
      for (const value of clear) if (text.includes(value)) found.push(`${value} in ${table}`);
    }
    for (const value of clear)
      recordAttack(
        'data at rest',
        `identifier ${value} read from a table copy`,
        !found.some((f) => f.startsWith(value)),
      );
    expect(tables.rows.length).toBeGreaterThan(20);
    expect(found).toEqual([]);

    // The API still reads them back for those allowed to.
    const read = await app.inject({
      method: 'GET',
      url: `/users/${seat.client.id}`,
      headers: seat.supervisor!.headers,
    });
    expect(read.json().data.profile).toMatchObject({ ...changed, insurance });
  });
});
