import {
  createSecretBox,
  loadProjectEnvFile,
  migrateDatabase,
  sealPhiUnderCurrentKey,
  sealPlainTotpSecrets,
} from '@caretracker/database';
import { buildApp } from './app';
import { dataEncryptionKey, loadConfigOrExit, redisKeyPrefix } from './config/config';
import { startQueueRunner } from './modules/jobs/queue-runner';
import { startJobRunner } from './modules/jobs/runner';

// A local .env at the repository root is read when present; real environments set variables directly.
loadProjectEnvFile();

const config = loadConfigOrExit();

const app = await buildApp(config);
if (app.deps.database.kind === 'pglite') {
  // The embedded database is this process's own: bring its schema up to date before serving.
  await migrateDatabase(app.deps.database);
}
// TOTP secrets stored before sealing existed (or by an older seed) are sealed before any is read:
// the server refuses an unsealed one rather than take it as plain text.
const sealed = await sealPlainTotpSecrets(app.deps.db, createSecretBox(dataEncryptionKey(config)));
if (sealed > 0) app.log.info({ sealed }, 'sealed TOTP secrets that were stored in plain text');
// Profiles' identifiers stored in clear before encryption at rest (or under a retired key) move
// under the current key; `pnpm database:reencrypt-phi` does the same from the command line.
const resealed = await sealPhiUnderCurrentKey(app.deps.db);
if (resealed > 0) app.log.info({ profiles: resealed }, 'sealed client identifiers under the current key');

// With Redis, jobs and email delivery go through BullMQ (each run once across replicas, retried with
// backoff); without it the same handlers run on this process's timers and email is sent directly.
const { jobs, jobMetrics: metrics, mailer } = app.deps;
app.deps.jobRunner = config.REDIS_URL
  ? await startQueueRunner(jobs, {
      redisUrl: config.REDIS_URL,
      prefix: `${redisKeyPrefix(config)}:bull`,
      log: app.log,
      metrics,
      mailer,
    })
  : startJobRunner(jobs, app.log, { metrics });

let closing = false;
async function shutdown(signal: string) {
  if (closing) return;
  closing = true;
  app.log.info({ signal }, 'shutting down: no new connections, finishing in-flight requests and jobs');
  const timer = setTimeout(() => {
    app.log.error('shutdown took longer than 25 s; exiting');
    process.exit(1);
  }, 25_000);
  timer.unref();
  // Stops listening, waits for in-flight requests, then (onClose) running jobs, then closes connections.
  await app.close();
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));

await app.listen({ port: config.API_PORT, host: config.API_HOST });
