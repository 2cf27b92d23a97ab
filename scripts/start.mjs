#!/usr/bin/env node
// `pnpm start`: migrate and seed the database, build the apps if needed, then run the API and
// the three apps until Ctrl-C. Without DATABASE_URL the API uses embedded PGlite under ./data.
import {
  API,
  APPS,
  assertPortsFree,
  buildApps,
  DEMO_LOGINS,
  DEMO_PASSWORD,
  DEMO_TOTP_SECRET,
  log,
  runStep,
  startStack,
  stopAll,
} from './lib/services.mjs';

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
let children = [];
let stopping = false;

async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  log('start', 'stopping…');
  await stopAll(children);
  process.exit(code);
}

process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));

function printWelcome() {
  const lines = [
    '',
    'CareTracker is running:',
    `  API               http://localhost:${API.port}`,
    ...APPS.map((app) => `  ${app.title.padEnd(17)} http://localhost:${app.port}`),
    '',
    `Demo logins (password for all: ${DEMO_PASSWORD})`,
    ...DEMO_LOGINS.map((user) => {
      const app = APPS.find((candidate) => candidate.name === user.app);
      return `  ${user.email.padEnd(28)} ${user.role.padEnd(11)} ${user.name.padEnd(12)} → ${app?.title} :${app?.port}`;
    }),
    `  The admin account uses two-step verification: add the TOTP secret ${DEMO_TOTP_SECRET}`,
    '  to an authenticator app to get its 6-digit codes.',
    '',
    'Press Ctrl-C to stop everything.',
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

try {
  await assertPortsFree();
  await runStep('db', 'pnpm', ['--filter', '@caretracker/database', 'migrate'], { env });
  await runStep('db', 'pnpm', ['--filter', '@caretracker/database', 'seed'], { env });
  await buildApps(env, { force: process.env.FORCE_BUILD === '1' });
  children = await startStack(env);
  printWelcome();
  // If any service dies, stop the rest: a half-running stack only confuses.
  const first = await Promise.race(children.map((child) => child.exited.then((code) => ({ child, code }))));
  if (!stopping) {
    log(first.child.label, `exited with ${first.code}; stopping the others`);
    await shutdown(1);
  }
} catch (error) {
  log('start', `failed: ${error instanceof Error ? error.message : error}`);
  await shutdown(1);
}
