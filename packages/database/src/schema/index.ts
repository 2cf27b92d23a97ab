import type { DataClassification } from '@caretracker/shared';

export * from './audit';
export * from './auth';
export * from './budgets';
export * from './care-plans';
export * from './collaboration';
export * from './notifications';
export * from './users';
export * from './visits';

/** Data classification of every table, recorded on audit rows and checked by a test. */
export const TABLE_CLASSIFICATION: Record<string, DataClassification> = {
  users: 'PII',
  profiles: 'PHI',
  care_team_assignments: 'PHI',
  family_links: 'PHI',
  sessions: 'SECURITY',
  refresh_tokens: 'SECURITY',
  password_history: 'SECURITY',
  one_time_tokens: 'SECURITY',
  mfa_recovery_codes: 'SECURITY',
  email_outbox: 'PII',
  idempotency_keys: 'INTERNAL',
  login_lockouts: 'SECURITY',
  break_glass_grants: 'SECURITY',
  care_plans: 'PHI',
  care_plan_goals: 'PHI',
  care_plan_goal_progress: 'PHI',
  care_plan_medications: 'PHI',
  care_plan_versions: 'PHI',
  visit_series: 'PHI',
  visits: 'PHI',
  evv_exceptions: 'PHI',
  visit_amendments: 'PHI',
  medication_administrations: 'PHI',
  visit_ratings: 'PHI',
  notifications: 'PHI',
  budgets: 'PHI',
  budget_allocations: 'PHI',
  expenses: 'PHI',
  conversations: 'PHI',
  conversation_participants: 'PHI',
  messages: 'PHI',
  notification_preferences: 'INTERNAL',
  emergency_alerts: 'PHI',
  emergency_alert_events: 'PHI',
  files: 'PHI',
  audit_log: 'SECURITY',
};
