export const dynamic = 'force-dynamic';

/** Liveness for start scripts, containers and load balancers. */
export function GET() {
  return Response.json(
    { status: 'healthy', service: 'mobile-web', timestamp: new Date().toISOString() },
    { headers: { 'cache-control': 'no-store' } },
  );
}
