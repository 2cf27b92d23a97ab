import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

export type RealtimeMetrics = ReturnType<typeof createRealtimeMetrics>;

/** Live-update figures for `/metrics`, on the application's registry. */
export function createRealtimeMetrics(registry: Registry) {
  return {
    sockets: new Gauge({
      name: 'caretracker_websocket_connections',
      help: 'WebSocket connections open on this process, by channel',
      labelNames: ['channel'] as const,
      registers: [registry],
    }),
    published: new Counter({
      name: 'caretracker_realtime_events_published_total',
      help: 'Live-update events published by this process, by type',
      labelNames: ['type'] as const,
      registers: [registry],
    }),
    publishFailures: new Counter({
      name: 'caretracker_realtime_publish_failures_total',
      help: 'Live-update events that could not be published (the change itself was committed)',
      registers: [registry],
    }),
    delivered: new Counter({
      name: 'caretracker_realtime_events_delivered_total',
      help: 'Event frames sent to sockets on this process (live and replayed), by channel',
      labelNames: ['channel'] as const,
      registers: [registry],
    }),
    fanout: new Histogram({
      name: 'caretracker_realtime_fanout_seconds',
      help: 'Time to hand one event to every socket on this process that may receive it',
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25],
      registers: [registry],
    }),
    dropped: new Counter({
      name: 'caretracker_websocket_dropped_total',
      help: 'Sockets this process closed: missed heartbeat, ended session, or too slow to read',
      labelNames: ['reason'] as const,
      registers: [registry],
    }),
  };
}
