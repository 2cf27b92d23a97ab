import type { Database } from '@caretracker/database';
import type { Redis } from 'ioredis';
import type { Config } from '../config/config';
import type { Mailer } from '../infra/mailer';
import type { AuditService } from './audit/service';
import type { Notifier } from './notifications/service';
import type { EventBus } from './realtime/event-bus';

/** What a domain module's service is built from; app.ts passes the same object to each. */
export interface ModuleDeps {
  db: Database;
  config: Config;
  audit: AuditService;
  notifier: Notifier;
  mailer: Mailer;
  /** Null in the embedded (single-process) mode. */
  redis: Redis | null;
  /** Live updates: `events.publish` after a change (it waits for the transaction to commit). */
  events: EventBus;
}
