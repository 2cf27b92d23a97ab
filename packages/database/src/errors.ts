/**
 * What a failed query may tell the logs: the SQL text (placeholders, never values), the SQLSTATE
 * code and its class, and the names the database reports (constraint, table, column). Never the
 * parameters, the database's `detail` (which quotes the row: `Key (email)=(…) already exists`)
 * or its message (which quotes the input: `invalid input syntax for type uuid: "…"`). Works for
 * pg and PGlite errors, bare or wrapped by Drizzle (`DrizzleQueryError`: query, params, cause).
 */
export interface QueryFailure {
  query?: string;
  code?: string;
  condition?: string;
  constraint?: string;
  table?: string;
  column?: string;
  routine?: string;
  /** Only for errors of the driver or the network (ECONNREFUSED…), which quote no data. */
  driverMessage?: string;
}

/** SQLSTATE classes (PostgreSQL appendix A) an operator meets; the code itself is always logged. */
const SQLSTATE_CLASSES: Record<string, string> = {
  '08': 'connection_exception',
  '22': 'data_exception',
  '23': 'integrity_constraint_violation',
  '25': 'invalid_transaction_state',
  '28': 'invalid_authorization',
  '40': 'transaction_rollback',
  '42': 'syntax_error_or_access_rule_violation',
  '53': 'insufficient_resources',
  '54': 'program_limit_exceeded',
  '55': 'object_not_in_prerequisite_state',
  '57': 'operator_intervention',
  '58': 'system_error',
  XX: 'internal_error',
};

type ErrorLike = Record<string, unknown>;

const SQLSTATE = /^[0-9A-Z]{5}$/;
const text = (value: unknown) => (typeof value === 'string' && value.length > 0 ? value : undefined);
const isObject = (value: unknown): value is ErrorLike => value !== null && typeof value === 'object';

function chainOf(error: unknown): ErrorLike[] {
  const chain: ErrorLike[] = [];
  let current: unknown = error;
  while (isObject(current) && chain.length < 10 && !chain.includes(current)) {
    chain.push(current);
    current = current.cause;
  }
  return chain;
}

/** The loggable facts of a failed query anywhere in the error's cause chain, or null for other errors. */
export function queryFailureOf(error: unknown): QueryFailure | null {
  const chain = chainOf(error);
  const wrapper = chain.find((link) => typeof link.query === 'string' && 'params' in link);
  const reported = chain.find(
    (link) => typeof link.code === 'string' && SQLSTATE.test(link.code) && 'severity' in link,
  );
  if (!wrapper && !reported) return null;
  const failure: QueryFailure = { query: text(wrapper?.query) ?? text(reported?.internalQuery) };
  if (reported) {
    const code = reported.code as string;
    Object.assign(failure, {
      code,
      condition: SQLSTATE_CLASSES[code.slice(0, 2)],
      constraint: text(reported.constraint),
      table: text(reported.table),
      column: text(reported.column),
      routine: text(reported.routine),
    });
  } else {
    const cause = wrapper ? chain[chain.indexOf(wrapper) + 1] : undefined;
    Object.assign(failure, { code: text(cause?.code), driverMessage: text(cause?.message) });
  }
  return Object.fromEntries(Object.entries(failure).filter(([, value]) => value !== undefined)) as QueryFailure;
}

/** Node's socket errors when the database cannot be reached. */
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
]);
/** SQLSTATEs of a server going away or not taking connections: shutdown, crash, starting up, full. */
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);
/** What pg says when a connection dies under a query, or none can be had in time. */
const UNAVAILABLE_MESSAGES = [
  /^Connection terminated/,
  /^timeout exceeded when trying to connect/,
  /is not queryable/,
  /^Client was closed and is not queryable/,
];

/**
 * Whether the error means the database is out of reach (refused, cut, shutting down or restarting),
 * which the client should retry shortly — not a fault of the request or of the code.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  return chainOf(error).some((link) => {
    const code = text(link.code);
    if (code && (UNREACHABLE_CODES.has(code) || UNAVAILABLE_SQLSTATES.has(code) || /^08[0-9A-Z]{3}$/.test(code))) {
      return true;
    }
    const message = text(link.message);
    return message !== undefined && UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(message));
  });
}
