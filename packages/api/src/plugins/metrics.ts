import { createHash, timingSafeEqual } from 'node:crypto';
import { BlockList, isIPv4 } from 'node:net';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import { ForbiddenError } from '../errors/app-errors';

export interface MetricsAccess {
  /** `Authorization: Bearer <token>` opens /metrics from anywhere. */
  token?: string | undefined;
  /** Addresses and CIDR ranges of the monitoring network, matched against the connection's own address. */
  allowedIps: string[];
}

/** IPv4 clients of a dual-stack socket appear as ::ffff:a.b.c.d; match them as IPv4. */
function peerAddress(request: FastifyRequest): { address: string; family: 'ipv4' | 'ipv6' } | null {
  const raw = request.socket.remoteAddress;
  if (!raw) return null;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(raw)?.[1];
  const address = mapped ?? raw;
  return { address, family: isIPv4(address) ? 'ipv4' : 'ipv6' };
}

function allowList(entries: string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [address = '', prefix] = entry.split('/');
    const family = isIPv4(address) ? 'ipv4' : 'ipv6';
    if (prefix === undefined) list.addAddress(address, family);
    else list.addSubnet(address, Number(prefix), family);
  }
  return list;
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * Who reads /metrics (login counts, versions, job failures): the monitoring network by the
 * connection's own address (X-Forwarded-For is never consulted, so nothing a client sends, nor a
 * proxy in front, widens it), or anyone presenting METRICS_TOKEN.
 */
function metricsGuard(access: MetricsAccess) {
  const allowed = allowList(access.allowedIps);
  const token = access.token ? digest(access.token) : null;
  return async (request: FastifyRequest) => {
    const header = request.headers.authorization;
    if (token && header?.startsWith('Bearer ') && timingSafeEqual(digest(header.slice(7).trim()), token)) return;
    const peer = peerAddress(request);
    if (peer && allowed.check(peer.address, peer.family)) return;
    throw new ForbiddenError('Metrics are served to the monitoring network or with METRICS_TOKEN');
  };
}

/** Prometheus metrics: process defaults plus request duration by method, route and status. */
export function registerMetrics(app: FastifyInstance, access: MetricsAccess): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'caretracker_' });
  const duration = new Histogram({
    name: 'caretracker_http_request_duration_seconds',
    help: 'HTTP request duration in seconds',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  app.addHook('onResponse', async (request, reply) => {
    duration.observe(
      { method: request.method, route: request.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });
  app.get('/metrics', { schema: { hide: true }, onRequest: metricsGuard(access) }, async (_request, reply) => {
    reply.type(registry.contentType);
    return registry.metrics();
  });
  return registry;
}
