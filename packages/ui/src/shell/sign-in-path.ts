/** Where a signed-out visitor goes: /login, with the page they wanted so sign-in brings them back. */
export function signInPath(location: Pick<Location, 'pathname' | 'search'>, reason?: 'idle'): string {
  const params = new URLSearchParams();
  if (reason) params.set('reason', reason);
  const here = `${location.pathname}${location.search}`;
  if (location.pathname !== '/' && !location.pathname.startsWith('/login')) params.set('next', here);
  const query = params.toString();
  return query ? `/login?${query}` : '/login';
}

/** The `next` of a sign-in URL if it is a path on this app (never another site: no open redirect). */
export function safeNextPath(value: string | null | undefined): string {
  if (!value?.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/';
  return value;
}
