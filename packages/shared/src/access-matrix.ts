import {
  CREATABLE_ROLES,
  canDeleteUsers,
  canReadAudit,
  canUnlockAccounts,
  USER_READ,
  USER_WRITE,
  type UserRelation,
} from './permissions';
import type { Role } from './roles';
import { VISIT_ACTIONS, VISIT_WRITABLE_FIELDS } from './visit-permissions';

/**
 * PRODUCT.md "Roles and what they may do", per kind of record: which records each role sees at all
 * (outside them a record does not exist for the caller: 404) and what it may do with one it sees
 * (anything else: 403). The user and visit rows are built from the finer matrices in
 * `permissions.ts` and `visit-permissions.ts`; the security suite asks this table about every
 * endpoint, role and record.
 */

/**
 * How a record stands to the caller: `own` is theirs (a client's own, a worker's assigned client or
 * own visit, a supervisor's team's), `team` is elsewhere in the caller's team (a co-worker's or
 * another client's in the same supervisor's team), `other` is outside it.
 */
export type RecordScope = 'own' | 'team' | 'other';
export const RECORD_SCOPES: readonly RecordScope[] = ['own', 'team', 'other'];

interface RecordRules {
  /** The scopes of records each role sees at all. */
  sees: Record<Role, readonly RecordScope[]>;
  /** What each role may do with a record it sees. */
  may: Record<Role, readonly string[]>;
}

const everywhere: readonly RecordScope[] = RECORD_SCOPES;
const ownOnly: readonly RecordScope[] = ['own'];
const ownTeam: readonly RecordScope[] = ['own', 'team'];

/** The relation of `permissions.ts` that a scope means for each role. */
export function userRelationOf(role: Role, scope: RecordScope): UserRelation {
  if (role === 'ADMIN') return 'none';
  if (scope === 'other') return 'none';
  if (role === 'SUPERVISOR') return 'team';
  if (scope === 'team') return 'none';
  return role === 'CLIENT' ? 'self' : 'assigned';
}

const ROLES: readonly Role[] = ['CLIENT', 'WORKER', 'SUPERVISOR', 'ADMIN'];
const perRole = <T>(build: (role: Role) => T) =>
  Object.fromEntries(ROLES.map((role) => [role, build(role)])) as Record<Role, T>;

const userSees = perRole((role) =>
  RECORD_SCOPES.filter((scope) => (USER_READ[role][userRelationOf(role, scope)] ?? []).length > 0),
);

/** Visit work beyond the lifecycle actions: EVV calls and doses by the assigned worker, exceptions by the office, ratings and change requests by the client. */
const VISIT_WORK: Record<Role, readonly string[]> = {
  // The client's word on their own visits (modules/visit-feedback).
  CLIENT: ['rate', 'requestChange'],
  WORKER: ['checkIn', 'checkOut', 'recordDose'],
  SUPERVISOR: ['recordDose', 'resolveException'],
  ADMIN: ['recordDose', 'resolveException'],
};

/** Who may ask for which report: visits all roles; budgets not workers; timesheets not clients; the EVV export the office. */
export const REPORT_ROLES: Record<'visits' | 'budgets' | 'timesheets' | 'evv', readonly Role[]> = {
  visits: ['ADMIN', 'SUPERVISOR', 'WORKER', 'CLIENT'],
  budgets: ['ADMIN', 'SUPERVISOR', 'CLIENT'],
  timesheets: ['ADMIN', 'SUPERVISOR', 'WORKER'],
  evv: ['ADMIN', 'SUPERVISOR'],
};

export const ACCESS_MATRIX = {
  user: {
    sees: userSees,
    may: perRole((role) => [
      'read',
      // Contact details of their own record (clients), of their team (supervisors), of all (admins).
      ...((USER_WRITE[role][userRelationOf(role, 'own')] ?? []).length > 0 ? ['update'] : []),
      ...(canDeleteUsers(role) ? ['delete'] : []),
      ...(canUnlockAccounts(role) ? ['unlock'] : []),
      ...(CREATABLE_ROLES[role].length > 0 ? ['create'] : []),
    ]),
  },
  // A client's care team (modules/care-teams): the office's to manage; the portal shows clients theirs.
  careTeam: {
    sees: { CLIENT: [], WORKER: [], SUPERVISOR: ownTeam, ADMIN: everywhere },
    may: {
      CLIENT: [],
      WORKER: [],
      SUPERVISOR: ['read', 'assign', 'change', 'end'],
      ADMIN: ['read', 'assign', 'change', 'end'],
    },
  },
  // A worker's photo: the worker (own), their clients (care team or a visit), the team's supervisor,
  // admins; set and cleared by the person themself or an admin.
  userPhoto: {
    sees: { CLIENT: ownOnly, WORKER: ownOnly, SUPERVISOR: ownTeam, ADMIN: everywhere },
    may: { CLIENT: ['read'], WORKER: ['read', 'update'], SUPERVISOR: ['read'], ADMIN: ['read', 'update'] },
  },
  visit: {
    sees: { CLIENT: ownOnly, WORKER: ownOnly, SUPERVISOR: ownTeam, ADMIN: everywhere },
    may: perRole((role) => [
      'read',
      'readDoses',
      ...VISIT_ACTIONS[role],
      ...(VISIT_WRITABLE_FIELDS[role].length > 0 ? ['update'] : []),
      ...VISIT_WORK[role],
    ]),
  },
  // Workers see the ACTIVE plans of their clients, clients their own plans once approved.
  carePlan: {
    sees: { CLIENT: ownOnly, WORKER: ownOnly, SUPERVISOR: ownTeam, ADMIN: everywhere },
    may: {
      CLIENT: ['read'],
      WORKER: ['read', 'recordProgress'],
      SUPERVISOR: ['read', 'readVersions', 'create', 'update', 'approve', 'setStatus', 'recordProgress'],
      ADMIN: ['read', 'readVersions', 'create', 'update', 'approve', 'setStatus', 'recordProgress'],
    },
  },
  budget: {
    sees: { CLIENT: ownOnly, WORKER: [], SUPERVISOR: ownTeam, ADMIN: everywhere },
    may: {
      CLIENT: ['read'],
      WORKER: [],
      SUPERVISOR: ['read', 'addExpense', 'decideExpense'],
      ADMIN: ['read', 'create', 'update', 'addExpense', 'decideExpense', 'override'],
    },
  },
  // Files of a visit: its client, its worker, the team's supervisor, admins.
  visitFile: {
    sees: { CLIENT: ownOnly, WORKER: ownOnly, SUPERVISOR: ownTeam, ADMIN: everywhere },
    may: {
      CLIENT: ['read', 'upload'],
      WORKER: ['read', 'upload'],
      SUPERVISOR: ['read', 'upload', 'delete'],
      ADMIN: ['read', 'upload', 'delete'],
    },
  },
  // A conversation about a client, between its care team: participants, and admins reading.
  conversation: {
    sees: { CLIENT: ownOnly, WORKER: ownOnly, SUPERVISOR: ownTeam, ADMIN: everywhere },
    may: {
      CLIENT: ['read', 'open', 'post'],
      WORKER: ['read', 'open', 'post'],
      SUPERVISOR: ['read', 'open', 'post', 'manageParticipants'],
      ADMIN: ['read', 'open', 'manageParticipants'],
    },
  },
  emergency: {
    sees: { CLIENT: ownOnly, WORKER: ownOnly, SUPERVISOR: ownTeam, ADMIN: everywhere },
    may: {
      CLIENT: ['read', 'raise'],
      WORKER: ['read', 'raise'],
      SUPERVISOR: ['read', 'respond'],
      ADMIN: ['read', 'respond'],
    },
  },
  // In-app notifications are their recipient's alone.
  notification: {
    sees: { CLIENT: ownOnly, WORKER: ownOnly, SUPERVISOR: ownOnly, ADMIN: ownOnly },
    may: perRole(() => ['read']),
  },
  // A client's family members (modules/family): admins link, list and unlink them.
  familyLink: {
    sees: { CLIENT: [], WORKER: [], SUPERVISOR: [], ADMIN: everywhere },
    may: { CLIENT: [], WORKER: [], SUPERVISOR: [], ADMIN: ['read', 'link', 'unlink'] },
  },
  // A supervisor opens a record outside the team; a grant is its supervisor's (admins see all).
  breakGlass: {
    sees: { CLIENT: [], WORKER: [], SUPERVISOR: ownOnly, ADMIN: everywhere },
    may: { CLIENT: [], WORKER: [], SUPERVISOR: ['read', 'open', 'close'], ADMIN: ['read', 'close'] },
  },
  audit: {
    sees: perRole((role) => (role === 'ADMIN' ? everywhere : canReadAudit(role) ? ownTeam : [])),
    // `trail`: one person's audit trail on their record screen; `export`: the filtered log as CSV.
    may: perRole((role) =>
      role === 'ADMIN' ? ['read', 'verify', 'export', 'trail'] : canReadAudit(role) ? ['read', 'trail'] : [],
    ),
  },
  report: {
    sees: { CLIENT: ownOnly, WORKER: ownOnly, SUPERVISOR: ownTeam, ADMIN: everywhere },
    may: perRole((role) =>
      (Object.keys(REPORT_ROLES) as (keyof typeof REPORT_ROLES)[]).filter((report) =>
        REPORT_ROLES[report].includes(role),
      ),
    ),
  },
  // The office's screens (overview, visit list, scheduling board): supervisors their team, admins the agency.
  office: {
    sees: { CLIENT: [], WORKER: [], SUPERVISOR: ownTeam, ADMIN: everywhere },
    may: { CLIENT: [], WORKER: [], SUPERVISOR: ['read'], ADMIN: ['read'] },
  },
  // The client portal's screens (home, care team): a client their own; the portal is not for staff (403).
  portal: {
    sees: { CLIENT: ownOnly, WORKER: [], SUPERVISOR: [], ADMIN: [] },
    may: { CLIENT: ['read'], WORKER: [], SUPERVISOR: [], ADMIN: [] },
  },
  system: {
    sees: { CLIENT: [], WORKER: [], SUPERVISOR: [], ADMIN: everywhere },
    may: { CLIENT: [], WORKER: [], SUPERVISOR: [], ADMIN: ['readJobs', 'retryJobs', 'readSystem'] },
  },
} as const satisfies Record<string, RecordRules>;

export type AccessRecordKind = keyof typeof ACCESS_MATRIX;

/**
 * What happens when `role` does `action` to a record of `kind` at `scope`: `allow`; `forbidden`
 * (the record is visible but the action is not the role's: 403); `hidden` (the record does not
 * exist for the caller: 404, or the role's blanket 403 that does not depend on the record).
 */
export function accessOutcome(
  kind: AccessRecordKind,
  role: Role,
  scope: RecordScope,
  action: string,
): 'allow' | 'forbidden' | 'hidden' {
  const rules: RecordRules = ACCESS_MATRIX[kind];
  if (!rules.sees[role].includes(scope)) return 'hidden';
  return rules.may[role].includes(action) ? 'allow' : 'forbidden';
}
