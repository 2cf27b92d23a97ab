import { z } from 'zod';

/** `GET /admin/system`: the admin's system screen in one request. */
const check = z
  .object({ status: z.enum(['healthy', 'unhealthy']), message: z.string().optional() })
  .catchall(z.unknown());

export const queueCountsSchema = z.object({
  queue: z.string(),
  waiting: z.number().int(),
  active: z.number().int(),
  delayed: z.number().int(),
  failed: z.number().int(),
  completed: z.number().int(),
});

export const jobFailureSchema = z.object({
  /** The queue it failed on (`jobs`, `email`, `in-process`): with `id`, what `POST /admin/jobs/:queue/:id/retry` takes. */
  queue: z.string(),
  job: z.string(),
  id: z.string().nullable(),
  error: z.string(),
  attempts: z.number().int(),
  failedAt: z.string(),
  requestId: z.string().nullable(),
});

export const systemViewSchema = z.object({
  /** unhealthy when any part is. */
  status: z.enum(['healthy', 'unhealthy']),
  checkedAt: z.string(),
  api: z.object({
    status: z.literal('healthy'),
    version: z.string(),
    environment: z.string(),
    node: z.string(),
    startedAt: z.string(),
    uptimeSeconds: z.number().int(),
    rssBytes: z.number().int(),
    heapUsedBytes: z.number().int(),
    agencyTimeZone: z.string(),
  }),
  database: check,
  redis: check,
  disk: check,
  memory: check,
  /** Background jobs: which runner, and each queue's jobs by state (none when no runner is started). */
  queues: z.object({
    status: z.enum(['healthy', 'unhealthy']),
    runner: z.enum(['in-process', 'bullmq']).nullable(),
    counts: z.array(queueCountsSchema),
    message: z.string().optional(),
  }),
  /** The newest failed runs (at most 20; `GET /admin/jobs/failed` for more). */
  failedJobs: z.array(jobFailureSchema),
});
export type SystemView = z.infer<typeof systemViewSchema>;
