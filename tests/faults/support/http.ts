// The few API calls the fault cases make, with the outcome of each request kept (status, or the
// network error when the process died under it).
export interface Outcome {
  status: number | null;
  error?: string;
  retryAfter?: string | null;
  body?: unknown;
}

export async function call(
  base: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string>; timeoutMs?: number } = {},
): Promise<Outcome> {
  try {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: {
        ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...options.headers,
      },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: AbortSignal.timeout(options.timeoutMs ?? 20_000),
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON
    }
    return { status: response.status, retryAfter: response.headers.get('retry-after'), body };
  } catch (error) {
    return { status: null, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
}

export async function login(base: string, who: { email: string; password: string }): Promise<string> {
  const outcome = await call(base, 'POST', '/auth/login', { body: { ...who, tokenDelivery: 'body' } });
  const data = (outcome.body as { data?: { accessToken?: string } } | undefined)?.data;
  if (outcome.status !== 200 || !data?.accessToken) {
    throw new Error(`login as ${who.email}: ${outcome.status} ${JSON.stringify(outcome.body)}`);
  }
  return data.accessToken;
}

/** The body the care worker app sends at check-out; follow-up flagged so each one notifies the supervisors. */
export const checkOutBody = (visitId: string) => ({
  lat: 41.88,
  lng: -87.63,
  accuracyM: 12,
  notes: `Fault suite check-out of ${visitId}`,
  followUpRequired: true,
  followUpNote: 'Asked for a call back about the shopping list',
});

export const checkOutKey = (visitId: string) => `faults-checkout-${visitId}`;

export function checkOut(base: string, token: string, visitId: string): Promise<Outcome> {
  return call(base, 'POST', `/visits/${visitId}/checkout`, {
    token,
    body: checkOutBody(visitId),
    headers: { 'idempotency-key': checkOutKey(visitId) },
  });
}

/** Runs `tasks` with at most `width` at a time. */
export async function pool<T>(width: number, tasks: Array<() => Promise<T>>): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < tasks.length) {
        const index = next++;
        results[index] = await tasks[index]!();
      }
    }),
  );
  return results;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
