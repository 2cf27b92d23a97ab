import type { Database, Executor } from '@caretracker/database';
import { schema } from '@caretracker/database';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Mailer } from '../../infra/mailer';

const { notifications, users } = schema;

export interface NotificationInput {
  userIds: string[];
  category: string;
  title: string;
  body: string;
  entityType?: string;
  entityId?: string;
  /** Urgent ones are also emailed at once. */
  urgent?: boolean;
}

export type Notifier = ReturnType<typeof createNotifier>;

/**
 * Stores in-app notifications and emails the urgent ones. Pass the operation's transaction so
 * a notification exists only if the change it announces does; email goes out after the write.
 */
export function createNotifier(deps: { db: Database; mailer: Mailer }) {
  return {
    async notify(input: NotificationInput, executor: Executor = deps.db): Promise<void> {
      const userIds = [...new Set(input.userIds)];
      if (userIds.length === 0) return;
      await executor.insert(notifications).values(
        userIds.map((userId) => ({
          userId,
          category: input.category,
          title: input.title,
          body: input.body,
          entityType: input.entityType ?? null,
          entityId: input.entityId ?? null,
          urgent: input.urgent ?? false,
        })),
      );
      if (!input.urgent) return;
      const recipients = await executor
        .select({ email: users.email })
        .from(users)
        .where(and(inArray(users.id, userIds), eq(users.isActive, true), isNull(users.deletedAt)));
      for (const { email } of recipients) {
        await deps.mailer.send({
          to: email,
          subject: `CareTracker: ${input.title}`,
          text: `${input.body}\n\nOpen CareTracker for details.`,
        });
      }
    },

    /** The people to tell about a client: their supervisor, or every admin when there is none. */
    async supervisorsOf(executor: Executor, clientId: string): Promise<string[]> {
      const [client] = await executor
        .select({ supervisorId: users.supervisorId })
        .from(users)
        .where(eq(users.id, clientId));
      if (client?.supervisorId) return [client.supervisorId];
      const admins = await executor
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.role, 'ADMIN'), eq(users.isActive, true), isNull(users.deletedAt)));
      return admins.map((admin) => admin.id);
    },
  };
}
