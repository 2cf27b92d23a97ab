import { expect, it } from 'vitest';
import { startApp } from './helpers/app';
import { createVisitRow } from './helpers/care-factories';
import { createTeam, createUser } from './helpers/factories';

// The embedded mode (no DATABASE_URL) runs on PGlite: one connection, so nothing may wait on an open transaction.
it('embedded PGlite: emergency, conversation, receipts, search, inbox, digest and escalation jobs', async () => {
  const t = await startApp({ engine: 'pglite' });
  try {
    const team = await createTeam(t.app);
    await createUser(t.app, { role: 'ADMIN' });
    const visit = await createVisitRow(t.app, {
      clientId: team.client.id,
      workerId: team.worker.id,
      start: new Date(),
    });
    const raised = await t.app.inject({
      method: 'POST',
      url: '/emergencies',
      headers: team.worker.headers,
      payload: { visitId: visit.id },
    });
    expect(raised.statusCode, raised.body).toBe(201);
    const convo = await t.app.inject({
      method: 'POST',
      url: '/conversations',
      headers: team.supervisor.headers,
      payload: { clientId: team.client.id, subject: 's', message: 'insulin dose changed' },
    });
    expect(convo.statusCode, convo.body).toBe(201);
    const id = convo.json().data.id;
    const msgs = await t.app.inject({
      method: 'GET',
      url: `/conversations/${id}/messages`,
      headers: team.client.headers,
    });
    expect(msgs.statusCode, msgs.body).toBe(200);
    const read = await t.app.inject({
      method: 'POST',
      url: `/conversations/${id}/read`,
      headers: team.client.headers,
      payload: {},
    });
    expect(read.json().data.unreadCount).toBe(0);
    const search = await t.app.inject({
      method: 'GET',
      url: '/messages/search?q=insulin',
      headers: team.client.headers,
    });
    expect(search.json().data).toHaveLength(1);
    const list = await t.app.inject({ method: 'GET', url: '/notifications', headers: team.client.headers });
    expect(list.json().data).toHaveLength(1);
    for (const name of ['notification-digest', 'emergency-escalation']) {
      await t.app.deps.jobs.find((j) => j.name === name)!.run(new Date(Date.now() + 2 * 3600_000));
    }
    const detail = await t.app.inject({
      method: 'GET',
      url: `/emergencies/${raised.json().data.id}`,
      headers: team.supervisor.headers,
    });
    expect(detail.json().data.timeline.map((e: { type: string }) => e.type)).toEqual([
      'RAISED',
      'NOTIFIED',
      'ESCALATED',
    ]);
  } finally {
    await t.close();
  }
  // A new PGlite database, every migration and two job runs: slow on a loaded 2-core machine.
}, 120_000);
