import type { LoginResult, Me } from '@caretracker/shared';
import { SAVED_AT_HEADER } from '../offline/saved-at';

// Types only from @caretracker/shared: the apps stay free of zod at run time (smaller JS).
export type AuthenticatedSession = Extract<LoginResult, { status: 'authenticated' }>;
export interface MfaSetup {
  secret: string;
  otpauthUrl: string;
}
export interface MfaEnableResult {
  recoveryCodes: string[];
  session?: AuthenticatedSession;
}

/** A failed call: the API's error code and message, or NETWORK_ERROR when it was not reached. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly retryAfterSeconds?: number,
    /** A 401 after the session could not be refreshed: the user must sign in again. */
    readonly sessionEnded = false,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions {
  /** On 401, refresh the session once and retry (default true, except for auth calls). */
  refreshOnUnauthorized?: boolean;
  /** Cancels the call (TanStack Query passes one per query). */
  signal?: AbortSignal;
  /** Sent as Idempotency-Key on a POST, so a retried or replayed call is applied once. */
  idempotencyKey?: string;
  /** Answer the whole body (`data` with its `page`, `asOf`…) instead of its `data` field. */
  envelope?: boolean;
}

/** Query-string values; undefined and null are left out. */
export type Query = Record<string, string | number | boolean | null | undefined>;

/** A call that has not answered after this long fails as a network error instead of spinning forever. */
export const REQUEST_TIMEOUT_MS = 20_000;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null) params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}${path.includes('?') ? '&' : '?'}${text}` : path;
}

export interface ApiClient {
  request<T>(method: Method, path: string, body?: unknown, options?: RequestOptions): Promise<T>;
  get<T>(path: string, query?: Query, options?: RequestOptions): Promise<T>;
  /** The bytes of a GET (an image, a file) with the session's credentials; errors as `request`. */
  blob(path: string, options?: RequestOptions): Promise<Blob>;
  login(email: string, password: string): Promise<LoginResult>;
  verifyMfa(mfaToken: string, code: string): Promise<AuthenticatedSession>;
  setupMfa(mfaToken: string): Promise<MfaSetup>;
  enableMfa(mfaToken: string, code: string): Promise<MfaEnableResult>;
  me(options?: RequestOptions): Promise<Me>;
  refresh(): Promise<void>;
  logout(): Promise<void>;
}

interface ErrorBody {
  error?: string;
  message?: string;
  details?: unknown;
}

const SAVED_AT = Symbol('savedAt');

/** When the copy this data came from was saved on the device, or undefined for fresh data. */
export function copySavedAt(data: unknown): number | undefined {
  return data !== null && typeof data === 'object' ? (data as { [SAVED_AT]?: number })[SAVED_AT] : undefined;
}

/** Marks data read from a saved copy with its time (not enumerable: never serialized or compared). */
function markSavedAt(data: unknown, response: Response): void {
  const savedAt = Number(response.headers.get(SAVED_AT_HEADER));
  if (savedAt > 0 && data !== null && typeof data === 'object') Object.defineProperty(data, SAVED_AT, { value: savedAt });
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function toApiError(response: Response, body: unknown, sessionEnded = false): ApiError {
  const err = (body ?? {}) as ErrorBody;
  const retryAfter = Number(response.headers.get('retry-after'));
  return new ApiError(
    response.status,
    err.error ?? `HTTP_${response.status}`,
    err.message ?? `The request failed (${response.status}).`,
    err.details,
    Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
    sessionEnded,
  );
}

/** Typed client for the CareTracker API; the browser sends the httpOnly session cookies. */
export function createApiClient(baseUrl: string): ApiClient {
  const root = baseUrl.replace(/\/+$/, '');
  // One refresh at a time: refresh tokens rotate, and replaying a used one ends the session.
  let refreshing: Promise<void> | null = null;

  async function send(method: Method, path: string, body: unknown, options: RequestOptions = {}): Promise<Response> {
    const headers: Record<string, string> = { accept: 'application/json' };
    const init: RequestInit = { method, credentials: 'include', headers };
    if (typeof FormData !== 'undefined' && body instanceof FormData) {
      // A file upload: the browser sets the multipart content type with its boundary.
      init.body = body;
    } else if (method !== 'GET' && method !== 'DELETE') {
      headers['content-type'] = 'application/json';
      init.body = JSON.stringify(body ?? {});
    }
    if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
    const timeout = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
    // AbortSignal.any is missing in browsers before 2024: there the caller's signal wins.
    init.signal =
      options.signal && typeof AbortSignal.any === 'function'
        ? AbortSignal.any([options.signal, timeout])
        : (options.signal ?? timeout);
    try {
      return await fetch(`${root}${path}`, init);
    } catch (error) {
      // The caller cancelled (a query no longer needed): not a failure to show.
      if (options.signal?.aborted) throw error;
      throw new ApiError(
        0,
        'NETWORK_ERROR',
        'Cannot reach the CareTracker service. Check your connection and try again.',
      );
    }
  }

  async function refresh(): Promise<void> {
    refreshing ??= (async () => {
      const response = await send('POST', '/auth/refresh', {});
      if (!response.ok) throw toApiError(response, await readJson(response));
    })().finally(() => {
      refreshing = null;
    });
    return refreshing;
  }

  async function request<T>(method: Method, path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
    const refreshOnUnauthorized = options.refreshOnUnauthorized ?? !path.startsWith('/auth/');
    let response = await send(method, path, body, options);
    let sessionEnded = false;
    if (response.status === 401 && refreshOnUnauthorized) {
      const refreshed = await refresh().then(
        () => true,
        () => false,
      );
      if (refreshed) response = await send(method, path, body, options);
      // A 401 after a good refresh is the call's own answer (a wrong code), not a lost session.
      else sessionEnded = true;
    }
    const json = await readJson(response);
    if (!response.ok) throw toApiError(response, json, sessionEnded);
    const data = options.envelope ? json : (json as { data: T } | undefined)?.data;
    markSavedAt(data, response);
    return data as T;
  }

  async function blob(path: string, options: RequestOptions = {}): Promise<Blob> {
    let response = await send('GET', path, undefined, options);
    if (response.status === 401) {
      const refreshed = await refresh().then(
        () => true,
        () => false,
      );
      if (refreshed) response = await send('GET', path, undefined, options);
    }
    if (!response.ok) throw toApiError(response, await readJson(response));
    return response.blob();
  }

  return {
    request,
    blob,
    get: (path, query, options) => request('GET', withQuery(path, query), undefined, options),
    login: (email, password) => request<LoginResult>('POST', '/auth/login', { email, password }),
    verifyMfa: (mfaToken, code) => request<AuthenticatedSession>('POST', '/auth/mfa/verify', { mfaToken, code }),
    setupMfa: (mfaToken) => request<MfaSetup>('POST', '/auth/mfa/setup', { mfaToken }),
    enableMfa: (mfaToken, code) => request<MfaEnableResult>('POST', '/auth/mfa/enable', { mfaToken, code }),
    me: (options?: RequestOptions) => request<Me>('GET', '/auth/me', undefined, { ...options, refreshOnUnauthorized: true }),
    refresh,
    logout: async () => {
      await request<unknown>('POST', '/auth/logout', {});
    },
  };
}
