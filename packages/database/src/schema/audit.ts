import { bigint, index, jsonb, pgTable, smallint, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { id, tstz } from './columns';

/**
 * The HIPAA audit trail. Append-only and hash-chained by database triggers
 * (see the custom migrations): `seq`, `chain`, `chain_seq`, `prev_hash` and `hash` are set by the database.
 * The log is several chains (`chain`), each extended by one writer at a time, so concurrent
 * audited requests do not queue behind one lock; `seq` orders all rows, `chain_seq` counts a chain's.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: id(),
    seq: bigint('seq', { mode: 'number' }).notNull().default(0).unique(),
    chain: smallint('chain').notNull().default(1),
    /** Null on rows written before the chains (they were chain 1, numbered by `seq`). */
    chainSeq: bigint('chain_seq', { mode: 'number' }),
    occurredAt: tstz('occurred_at').notNull().defaultNow(),
    actorId: uuid('actor_id'),
    actorRole: text('actor_role'),
    action: text('action').notNull(),
    outcome: text('outcome', { enum: ['SUCCESS', 'FAILURE', 'DENIED'] })
      .notNull()
      .default('SUCCESS'),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id'),
    oldValues: jsonb('old_values'),
    newValues: jsonb('new_values'),
    metadata: jsonb('metadata'),
    dataClassification: text('data_classification').notNull(),
    ipAddress: text('ip_address'),
    userAgent: text('user_agent'),
    requestId: text('request_id'),
    prevHash: text('prev_hash').notNull().default(''),
    hash: text('hash').notNull().default(''),
  },
  (t) => [
    index('audit_log_occurred_idx').on(t.occurredAt),
    index('audit_log_actor_idx').on(t.actorId, t.occurredAt),
    index('audit_log_entity_idx').on(t.entityType, t.entityId),
    uniqueIndex('audit_log_chain_idx').on(t.chain, t.seq),
  ],
);
