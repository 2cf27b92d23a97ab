// A separate entry point (`@caretracker/ui/health`), so the apps' route handlers load no components.
import type { AppKey } from './apps';

/** The GET handler of an app's /health: liveness for start scripts, containers and load balancers. */
export function healthCheck(service: AppKey): () => Response {
  return () =>
    Response.json(
      { status: 'healthy', service, timestamp: new Date().toISOString() },
      { headers: { 'cache-control': 'no-store' } },
    );
}
