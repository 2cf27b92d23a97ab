import { sql } from 'drizzle-orm';
import { integer, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Timestamps are always `timestamptz`, stored in UTC. */
export const tstz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** The id every table uses: a random uuid made by the database. */
export const id = () => uuid('id').primaryKey().default(sql`gen_random_uuid()`);

/**
 * Bookkeeping columns every domain table carries: who and when for create/update,
 * soft delete, and a version for optimistic concurrency.
 */
export const bookkeeping = () => ({
  createdAt: tstz('created_at').notNull().defaultNow(),
  updatedAt: tstz('updated_at').notNull().defaultNow(),
  createdBy: uuid('created_by'),
  updatedBy: uuid('updated_by'),
  deletedAt: tstz('deleted_at'),
  version: integer('version').notNull().default(1),
});
