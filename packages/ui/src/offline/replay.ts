import type { OutboxItem, OutboxProblem } from './outbox-store';

/** What one attempt to deliver an item came to. */
export type ReplayOutcome =
  /** The API applied it (now, or earlier with the same Idempotency-Key: `replayed`). */
  | { kind: 'applied'; status: number; data: unknown; replayed: boolean }
  /** The API refused it: the user has to decide (retry, edit or discard). */
  | { kind: 'conflict'; problem: OutboxProblem }
  /** Worth trying again later: network down, 5xx, 429, or the first attempt still running. */
  | { kind: 'retry'; problem: OutboxProblem; retryAfterMs?: number }
  /** The session ended: nothing is sent until the user signs in again. */
  | { kind: 'signed-out'; problem: OutboxProblem };

export interface ReplayTransport {
  /** API root, e.g. `http://localhost:4000`. */
  baseUrl: string;
  fetch?: typeof fetch;
  /** Extra headers per attempt (a bearer token outside the browser); the apps use the session cookies. */
  headers?: () => Record<string, string>;
  /** Renews the session after a 401 (the API client's `refresh`); the attempt is then repeated once. */
  refresh?: () => Promise<void>;
}

interface ErrorBody {
  error?: string;
  message?: string;
  details?: unknown;
  data?: unknown;
}

const NETWORK_PROBLEM: OutboxProblem = {
  status: 0,
  code: 'NETWORK_ERROR',
  message: 'The CareTracker service could not be reached.',
};

async function readBody(response: Response): Promise<ErrorBody> {
  const text = await response.text().catch(() => '');
  if (!text) return {};
  try {
    return JSON.parse(text) as ErrorBody;
  } catch {
    return {};
  }
}

function retryAfterMs(response: Response): number | undefined {
  const seconds = Number(response.headers.get('retry-after'));
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : undefined;
}

/** Statuses that say "not now" rather than "no": the same request may well succeed later. */
const TRANSIENT = new Set([408, 425, 429]);

/**
 * Sorts an answer into applied / conflict / retry / signed-out. A 409 that carries Retry-After is
 * the API saying the first attempt with this Idempotency-Key is still running: wait, do not resolve.
 * A DELETE answered 404 after an attempt whose answer was lost has already done its work.
 */
export function classify(item: OutboxItem, response: Response, body: ErrorBody): ReplayOutcome {
  const problem: OutboxProblem = {
    status: response.status,
    code: body.error ?? `HTTP_${response.status}`,
    message: body.message ?? `The request failed (${response.status}).`,
    ...(body.details === undefined ? {} : { details: body.details }),
  };
  const replayed = response.headers.get('idempotent-replayed') === 'true';
  if (response.ok) return { kind: 'applied', status: response.status, data: body.data, replayed };
  if (response.status === 404 && item.method === 'DELETE' && item.lastError?.status === 0) {
    return { kind: 'applied', status: 404, data: undefined, replayed: true };
  }
  if (response.status === 401) return { kind: 'signed-out', problem };
  const after = retryAfterMs(response);
  if (response.status >= 500 || TRANSIENT.has(response.status) || (response.status === 409 && after)) {
    return { kind: 'retry', problem, ...(after ? { retryAfterMs: after } : {}) };
  }
  return { kind: 'conflict', problem };
}

/** The request body of an item: its multipart form (the browser sets the boundary), or its JSON. */
function bodyOf(item: OutboxItem): { headers: Record<string, string>; body?: BodyInit } {
  if (item.form && item.method !== 'DELETE') {
    const form = new FormData();
    for (const [name, value] of Object.entries(item.form.fields)) form.append(name, value);
    form.append(item.form.file.field, item.form.file.blob, item.form.file.name);
    return { headers: {}, body: form };
  }
  if (item.body === undefined || item.method === 'DELETE') return { headers: {} };
  return { headers: { 'content-type': 'application/json' }, body: JSON.stringify(item.body) };
}

async function attempt(item: OutboxItem, transport: ReplayTransport): Promise<Response | null> {
  const send = transport.fetch ?? fetch;
  const { headers, body } = bodyOf(item);
  try {
    return await send(`${transport.baseUrl.replace(/\/+$/, '')}${item.path}`, {
      method: item.method,
      credentials: 'include',
      headers: {
        accept: 'application/json',
        ...headers,
        'idempotency-key': item.idempotencyKey,
        ...transport.headers?.(),
      },
      ...(body === undefined ? {} : { body }),
    });
  } catch {
    return null;
  }
}

/** Sends one item with its Idempotency-Key; on 401 renews the session once and sends it again. */
export async function replayItem(item: OutboxItem, transport: ReplayTransport): Promise<ReplayOutcome> {
  let response = await attempt(item, transport);
  if (response?.status === 401 && transport.refresh) {
    const renewed = await transport.refresh().then(
      () => true,
      () => false,
    );
    if (renewed) response = await attempt(item, transport);
  }
  if (!response) return { kind: 'retry', problem: NETWORK_PROBLEM };
  return classify(item, response, await readBody(response));
}
