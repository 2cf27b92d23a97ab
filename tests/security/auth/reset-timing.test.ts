import { createServer, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SecurityApp, startSecurityApp } from '../support/app';
import { hasPostgres } from '../support/database';
import { recordAttack } from '../support/ledger';
import { createPerson } from '../support/world';

/**
 * Enumeration by timing on password reset, asserted by order rather than by the clock: the mail
 * server below accepts connections and never speaks. If the answer for an existing account waited
 * for the email, it would come only after the mail client gave up (the connection closed first).
 */
describe.skipIf(!hasPostgres())('authentication attacks: password reset timing', () => {
  let server: SecurityApp;
  const sockets: Socket[] = [];
  let closedBeforeAnswer = 0;
  let answered = false;
  const silentSmtp = createServer((socket) => {
    sockets.push(socket);
    socket.on('close', () => {
      if (!answered) closedBeforeAnswer += 1;
    });
  });

  beforeAll(async () => {
    await new Promise<void>((resolve) => silentSmtp.listen(0, '127.0.0.1', resolve));
    const address = silentSmtp.address();
    if (!address || typeof address === 'string') throw new Error('no port');
    server = await startSecurityApp({ SMTP_URL: `smtp://127.0.0.1:${address.port}` });
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => silentSmtp.close(resolve));
    await server?.close();
  });

  it('answers an existing account before any mail work is done, exactly as it answers a missing one', async () => {
    const worker = await createPerson(server.app, 'WORKER');
    const ask = (email: string) =>
      server.app.inject({ method: 'POST', url: '/auth/password/reset-request', payload: { email } });
    const existing = await ask(worker.email);
    answered = true;
    const missing = await ask(`nobody-${worker.id.slice(0, 8)}@security.caretracker.dev`);
    recordAttack(
      'authentication',
      'reset enumeration by timing',
      existing.statusCode === 202 && closedBeforeAnswer === 0,
    );
    expect(existing.statusCode).toBe(202);
    expect(closedBeforeAnswer).toBe(0);
    expect(existing.json().data).toEqual(missing.json().data);
  });
});
