// The audit log's codes as the screen words them: each action the API writes has a sentence
// (`audit.actions.*`), each record type a name (`audit.entities.*`), and the action filter offers
// kinds of action ("viewed", "changed"…) that stand for lists of codes.

export const AUDIT_ACTION_KINDS = {
  viewed: ['PHI_READ', 'FILE_DOWNLOADED', 'AUDIT_TRAIL_READ'],
  created: [
    'USER_CREATED',
    'VISIT_CREATED',
    'VISIT_SERIES_CREATED',
    'CARE_PLAN_CREATED',
    'BUDGET_CREATED',
    'EXPENSE_CREATED',
    'CONVERSATION_CREATED',
    'MESSAGE_CREATED',
    'FILE_UPLOADED',
    'MEDICATION_RECORDED',
    'CARE_PLAN_GOAL_PROGRESS_RECORDED',
  ],
  changed: [
    'USER_UPDATED',
    'VISIT_UPDATED',
    'VISIT_RESCHEDULED',
    'VISIT_CANCELLED',
    'VISIT_MISSED_FLAGGED',
    'VISIT_CHANGE_REQUESTED',
    'CARE_PLAN_UPDATED',
    'CARE_PLAN_STATUS_CHANGED',
    'CARE_PLAN_APPROVED',
    'BUDGET_UPDATED',
    'BUDGET_OVERRIDE',
    'CARE_TEAM_ASSIGNED',
    'CARE_TEAM_CHANGED',
    'CARE_TEAM_ENDED',
    'FAMILY_MEMBER_LINKED',
    'FAMILY_MEMBER_UNLINKED',
    'CONVERSATION_PARTICIPANT_ADDED',
    'CONVERSATION_PARTICIPANT_REMOVED',
    'NOTIFICATION_PREFERENCES_UPDATED',
    'JOB_RETRIED',
  ],
  reviewed: ['VISIT_REVIEWED', 'EVV_EXCEPTION_RESOLVED'],
  visitWork: ['VISIT_CHECKED_IN', 'VISIT_CHECKED_OUT'],
  deleted: ['USER_DELETED', 'VISIT_DELETED', 'FILE_DELETED', 'USER_PURGED', 'RETENTION_PURGE'],
  exported: ['EXPORT'],
  emergencies: [
    'EMERGENCY_RAISED',
    'EMERGENCY_REPEATED',
    'EMERGENCY_NOTIFIED',
    'EMERGENCY_ESCALATED',
    'EMERGENCY_UPDATE',
    'EMERGENCY_ACKNOWLEDGED',
    'EMERGENCY_RESOLVED',
  ],
  breakGlass: ['BREAK_GLASS_OPENED', 'BREAK_GLASS_CLOSED'],
  signIn: [
    'LOGIN_SUCCESS',
    'LOGIN_FAILURE',
    'LOGOUT',
    'MFA_ENABLED',
    'MFA_DISABLED',
    'MFA_FAILURE',
    'PASSWORD_CHANGED',
    'PASSWORD_RESET',
    'PASSWORD_RESET_REQUESTED',
    'EMAIL_VERIFIED',
    'SESSION_ENDED',
    'OTHER_SESSIONS_ENDED',
    'ACCOUNT_LOCKED',
    'ACCOUNT_UNLOCKED',
  ],
  refused: ['PERMISSION_DENIED', 'ACCESS_TOKEN_REJECTED', 'REFRESH_TOKEN_REUSE', 'FILE_INTEGRITY_FAILURE'],
  auditChecks: ['AUDIT_VERIFIED'],
} as const;

export type AuditActionKind = keyof typeof AUDIT_ACTION_KINDS;
export const AUDIT_ACTION_KIND_LIST = Object.keys(AUDIT_ACTION_KINDS) as AuditActionKind[];

/** Every action the screen has a sentence for; any other code reads as "did something (other)". */
export const KNOWN_AUDIT_ACTIONS: ReadonlySet<string> = new Set(Object.values(AUDIT_ACTION_KINDS).flat());

export const AUDIT_ENTITY_LIST = [
  'user',
  'visit',
  'visit_series',
  'evv_exception',
  'care_plan',
  'care_team',
  'budget',
  'expense',
  'emergency_alert',
  'conversation',
  'message',
  'file',
  'medication_administration',
  'visit_medications',
  'report',
  'session',
  'audit_log',
  'search',
  'retention',
  'job',
] as const;
const KNOWN_ENTITIES: ReadonlySet<string> = new Set(AUDIT_ENTITY_LIST);

export const AUDIT_OUTCOME_LIST = ['SUCCESS', 'FAILURE', 'DENIED'] as const;
export const AUDIT_ROLE_LIST = ['ADMIN', 'SUPERVISOR', 'WORKER', 'CLIENT'] as const;

export const actionKey = (action: string) => (KNOWN_AUDIT_ACTIONS.has(action) ? action : 'OTHER');
export const entityKey = (entityType: string) => (KNOWN_ENTITIES.has(entityType) ? entityType : 'other');
export const roleKey = (role: string | null | undefined) =>
  role && (AUDIT_ROLE_LIST as readonly string[]).includes(role) ? role : 'other';

/** Where the admin app shows the record an entry is about, if it has a screen for it. */
export function recordHref(entry: {
  entityType: string;
  entityId: string | null;
  metadata: unknown;
  subject: { role: string } | null;
}): string | null {
  const id = entry.entityId;
  const metadata = (entry.metadata ?? {}) as Record<string, unknown>;
  switch (entry.entityType) {
    case 'user':
      if (!id || !entry.subject) return null;
      return entry.subject.role === 'CLIENT' ? `/clients/${id}` : `/people/${id}`;
    case 'visit':
      return id ? `/visits/${id}` : null;
    case 'evv_exception':
    case 'visit_medications':
      return typeof metadata.visitId === 'string' ? `/visits/${metadata.visitId}` : null;
    case 'care_plan':
      return id ? `/care-plans/${id}` : null;
    case 'budget':
      return id ? `/budgets/${id}` : null;
    case 'emergency_alert':
      return id ? `/emergencies/${id}` : null;
    default:
      return null;
  }
}
