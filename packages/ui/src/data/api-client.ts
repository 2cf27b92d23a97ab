import type { LoginResult, Me } from '@caretracker/shared';

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
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

interface RequestOptions {
  /** On 401, refresh the session once and retry (default true, except for auth calls). */
  refreshOnUnauthorized?: boolean;
}

export interface ApiClient {
  request<T>(method: Method, path: string, body?: unknown, options?: RequestOptions): Promise<T>;
  login(email: string, password: string): Promise<LoginResult>;
  verifyMfa(mfaToken: string, code: string): Promise<AuthenticatedSession>;
  setupMfa(mfaToken: string): Promise<MfaSetup>;
  enableMfa(mfaToken: string, code: string): Promise<MfaEnableResult>;
  me(): Promise<Me>;
  refresh(): Promise<void>;
  logout(): Promise<void>;
}

interface ErrorBody {
  error?: string;
  message?: string;
  details?: unknown;
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

function toApiError(response: Response, body: unknown): ApiError {
  const err = (body ?? {}) as ErrorBody;
  const retryAfter = Number(response.headers.get('retry-after'));
  return new ApiError(
    response.status,
    err.error ?? `HTTP_${response.status}`,
    err.message ?? `The request failed (${response.status}).`,
    err.details,
    Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
  );
}

/** Typed client for the CareTracker API; the browser sends the httpOnly session cookies. */
export function createApiClient(baseUrl: string): ApiClient {
  const root = baseUrl.replace(/\/+$/, '');
  // One refresh at a time: refresh tokens rotate, and replaying a used one ends the session.
  let refreshing: Promise<void> | null = null;

  async function send(method: Method, path: string, body: unknown): Promise<Response> {
    const init: RequestInit = { method, credentials: 'include', headers: { accept: 'application/json' } };
    if (method !== 'GET' && method !== 'DELETE') {
      init.headers = { accept: 'application/json', 'content-type': 'application/json' };
      init.body = JSON.stringify(body ?? {});
    }
    try {
      return await fetch(`${root}${path}`, init);
    } catch {
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
    let response = await send(method, path, body);
    if (response.status === 401 && refreshOnUnauthorized) {
      const refreshed = await refresh().then(
        () => true,
        () => false,
      );
      if (refreshed) response = await send(method, path, body);
    }
    const json = await readJson(response);
    if (!response.ok) throw toApiError(response, json);
    return (json as { data: T } | undefined)?.data as T;
  }

  return {
    request,
    login: (email, password) => request<LoginResult>('POST', '/auth/login', { email, password }),
    verifyMfa: (mfaToken, code) => request<AuthenticatedSession>('POST', '/auth/mfa/verify', { mfaToken, code }),
    setupMfa: (mfaToken) => request<MfaSetup>('POST', '/auth/mfa/setup', { mfaToken }),
    enableMfa: (mfaToken, code) => request<MfaEnableResult>('POST', '/auth/mfa/enable', { mfaToken, code }),
    me: () => request<Me>('GET', '/auth/me', undefined, { refreshOnUnauthorized: true }),
    refresh,
    logout: async () => {
      await request<unknown>('POST', '/auth/logout', {});
    },
  };
}
