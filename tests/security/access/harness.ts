import { randomUUID } from 'node:crypto';
import { type AccessRecordKind, accessOutcome, type Role } from '@caretracker/shared';
import type { FastifyInstance } from 'fastify';
import { changedTables, tableChecksums } from '../support/checksum';
import { recordAttack } from '../support/ledger';
import { type Person, POSITIONS, type Position, SCOPE_OF, type World } from '../support/world';

export type Outcome = 'allow' | 'forbidden' | 'hidden';
export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
export type RouteKey = `${Method} /${string}`;

export interface Call {
  method: Method;
  url: string;
  payload?: unknown;
  headers?: Record<string, string>;
}

export interface Ctx {
  world: World;
  position: Position;
  caller: Person;
  role: Role;
  /** The call is expected to succeed: build a record it may use up. */
  fresh: boolean;
}

/** An endpoint about a record (in its path, its query or its body) at one of the world's positions. */
export interface RecordEntry<T> {
  route: RouteKey;
  /** A second entry for the same route names what it tries differently (e.g. a conversation's file). */
  variant?: string;
  kind: AccessRecordKind;
  action: string | ((role: Role) => string);
  at: (ctx: Ctx) => Promise<T>;
  call: (target: T, ctx: Ctx) => Call;
  /** Status of an allowed call (default 200). */
  ok?: number | readonly number[];
  /**
   * How a record the caller may not see shows: `absent` (404, or a blanket 403 that does not depend
   * on the record), `filtered` (a list without it), `refused` (the body names it: 403, 404 or 422).
   */
  hides?: 'absent' | 'filtered' | 'refused';
  /** An id an allowed answer must contain, and a filtered one must not. */
  listed?: (target: T) => string;
  /** Positions that mean something for this endpoint (default all four). */
  positions?: readonly Position[];
  /** Where a state of the record, not the matrix, decides (say why at the entry). */
  outcome?: (role: Role, position: Position) => Outcome | undefined;
}

/** An endpoint about the caller alone (their session, inbox, preferences): signed in or not. */
export interface SelfEntry {
  route: RouteKey;
  kind: 'self';
  call: (ctx: Ctx) => Call;
  ok?: number | readonly number[];
}

/** An endpoint anyone may call (health, sign-in, docs); its defences are the authentication suite's. */
export interface PublicEntry {
  route: RouteKey;
  kind: 'public';
  call: () => Call;
  ok: readonly number[];
}

// biome-ignore lint/suspicious/noExplicitAny: the table holds entries of many record types.
export type Entry = RecordEntry<any> | SelfEntry | PublicEntry;

/** Keeps `T` of an entry's record builder and its call in step. */
export const record = <T>(entry: RecordEntry<T>): RecordEntry<T> => entry;

const ROLES: readonly Role[] = ['CLIENT', 'WORKER', 'SUPERVISOR', 'ADMIN'];
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const statuses = (ok: number | readonly number[] | undefined, fallback: number) =>
  ok === undefined ? [fallback] : typeof ok === 'number' ? [ok] : ok;

/** Positions a role may see anything of: the leakage check holds every other position's ids back. */
function visiblePositions(role: Role): readonly Position[] {
  if (role === 'ADMIN') return POSITIONS;
  return role === 'SUPERVISOR' ? ['own', 'sameTeam'] : ['own'];
}

async function send(app: FastifyInstance, call: Call, caller: Person | null) {
  return app.inject({
    method: call.method,
    url: call.url,
    headers: { ...(caller ? caller.headers : {}), ...call.headers },
    ...(call.payload === undefined
      ? {}
      : { payload: Buffer.isBuffer(call.payload) ? call.payload : (call.payload as object) }),
  });
}

/**
 * Ids, names and PHI of positions the caller may not see that an answer names, beyond what the
 * request itself sent.
 */
function leakedIds(world: World, role: Role, call: Call, body: string): string[] {
  const sent = `${decodeURIComponent(call.url)} ${Buffer.isBuffer(call.payload) ? call.payload.toString('latin1') : JSON.stringify(call.payload ?? null)}`;
  const visible = new Set(visiblePositions(role));
  const named = new Set((body.match(UUID) ?? []).map((id) => id.toLowerCase()));
  return POSITIONS.filter((position) => !visible.has(position)).flatMap((position) => {
    const { client, worker, phi } = world.at[position];
    const values = [client.lastName, worker.lastName, phi.mrn, phi.note].filter((value) => body.includes(value));
    return [...[...world.idsAt[position]].filter((id) => named.has(id)), ...values].filter(
      (value) => !sent.includes(value),
    );
  });
}

export interface CaseResult {
  role: Role | 'ANONYMOUS';
  position: Position | '-';
  expected: Outcome | 'unauthenticated';
  status: number;
  problem: string | null;
}

/** Runs one endpoint for every role at every position (and signed out); returns each case with its problem, if any. */
export async function runEntry(world: World, entry: Entry): Promise<CaseResult[]> {
  const { app } = world;
  const results: CaseResult[] = [];
  if (entry.kind === 'public') {
    const response = await send(app, entry.call(), null);
    const problem = entry.ok.includes(response.statusCode) ? null : `status ${response.statusCode}: ${response.body}`;
    return [{ role: 'ANONYMOUS', position: '-', expected: 'allow', status: response.statusCode, problem }];
  }
  results.push(await anonymousCase(world, entry));
  if (entry.kind === 'self') {
    for (const role of ROLES) {
      const caller = world.callers[role];
      const call = entry.call({ world, position: 'own', caller, role, fresh: true });
      const response = await send(app, call, caller);
      const ok = statuses(entry.ok, 200).includes(response.statusCode);
      const leaked = leakedIds(world, role, call, response.body);
      const problem = !ok
        ? `status ${response.statusCode}: ${response.body.slice(0, 300)}`
        : leaked.length > 0
          ? `answer names hidden records ${leaked.join(', ')}`
          : null;
      results.push({ role, position: 'own', expected: 'allow', status: response.statusCode, problem });
    }
    return results;
  }
  for (const role of ROLES) {
    for (const position of entry.positions ?? POSITIONS) results.push(await recordCase(world, entry, role, position));
  }
  return results;
}

async function anonymousCase(world: World, entry: RecordEntry<unknown> | SelfEntry): Promise<CaseResult> {
  const ctx: Ctx = { world, position: 'own', caller: world.callers.ADMIN, role: 'ADMIN', fresh: false };
  const call = entry.kind === 'self' ? entry.call(ctx) : entry.call(await entry.at(ctx), ctx);
  const before = await tableChecksums(world.app);
  const response = await send(world.app, call, null);
  const changed = changedTables(before, await tableChecksums(world.app));
  const problem =
    response.statusCode !== 401
      ? `status ${response.statusCode} signed out: ${response.body.slice(0, 300)}`
      : changed.length > 0
        ? `wrote ${changed.join(', ')} signed out`
        : null;
  recordAttack('access matrix', `anonymous ${entry.route}`, problem === null);
  return { role: 'ANONYMOUS', position: '-', expected: 'unauthenticated', status: response.statusCode, problem };
}

async function recordCase(world: World, entry: RecordEntry<unknown>, role: Role, position: Position) {
  const action = typeof entry.action === 'function' ? entry.action(role) : entry.action;
  const expected = entry.outcome?.(role, position) ?? accessOutcome(entry.kind, role, SCOPE_OF[position], action);
  const caller = world.callers[role];
  const ctx: Ctx = { world, position, caller, role, fresh: expected === 'allow' };
  const target = await entry.at(ctx);
  const call = entry.call(target, ctx);
  const before = expected === 'allow' ? null : await tableChecksums(world.app);
  const response = await send(world.app, call, caller);
  const body = response.body;
  const problems: string[] = [];
  const leaked = leakedIds(world, role, call, body);
  if (leaked.length > 0) problems.push(`answer names hidden records ${leaked.join(', ')}`);
  const listedId = entry.listed?.(target);
  if (expected === 'allow') {
    if (!statuses(entry.ok, 200).includes(response.statusCode)) problems.push(`status ${response.statusCode}`);
    else if (listedId && !body.includes(listedId)) problems.push(`answer does not list ${listedId}`);
  } else {
    const changed = changedTables(before ?? {}, await tableChecksums(world.app));
    if (changed.length > 0) problems.push(`refused call wrote ${changed.join(', ')}`);
    problems.push(...(await refusalProblems(world, entry, expected, call, caller, response, listedId)));
  }
  const problem = problems.length > 0 ? `${problems.join('; ')}: ${body.slice(0, 300)}` : null;
  if (expected !== 'allow') recordAttack('access matrix', `${role} ${entry.route} ${position}`, problem === null);
  return { role, position, expected, status: response.statusCode, problem } satisfies CaseResult;
}

async function refusalProblems(
  world: World,
  entry: RecordEntry<unknown>,
  expected: Outcome,
  call: Call,
  caller: Person,
  response: { statusCode: number; body: string },
  listedId: string | undefined,
): Promise<string[]> {
  const status = response.statusCode;
  const hides = entry.hides ?? 'absent';
  // A body naming a record the caller may see but not use may also be refused as unprocessable.
  const forbidden = hides === 'refused' ? [403, 422] : [403];
  if (expected === 'forbidden') {
    return forbidden.includes(status) ? [] : [`status ${status}, expected ${forbidden.join(' or ')}`];
  }
  if (hides === 'filtered' && status === 200) {
    return listedId && response.body.includes(listedId) ? [`the list shows ${listedId}`] : [];
  }
  const allowed = hides === 'refused' ? [403, 404, 422] : [403, 404];
  if (!allowed.includes(status)) return [`status ${status}, expected ${allowed.join(' or ')}`];
  // A record the caller may not see must answer exactly like one that does not exist.
  const hiddenIds = POSITIONS.flatMap((position) => [...world.idsAt[position]]);
  const url = call.url.replace(UUID, (id) => (hiddenIds.includes(id.toLowerCase()) ? randomUUID() : id));
  if (url === call.url) return [];
  const missing = await send(world.app, { ...call, url }, caller);
  const shape = (r: { statusCode: number; body: string }) => {
    const parsed = JSON.parse(r.body) as { error?: string; message?: string };
    return `${r.statusCode} ${parsed.error} ${parsed.message}`;
  };
  return shape(missing) === shape(response)
    ? []
    : [`answers "${shape(response)}" but a missing record "${shape(missing)}"`];
}
