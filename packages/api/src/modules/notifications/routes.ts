import {
  envelope,
  listNotificationsQuerySchema,
  markedReadSchema,
  notificationPreferenceSchema,
  notificationViewSchema,
  pagedEnvelope,
  unreadCountSchema,
  updateNotificationPreferencesBodySchema,
} from '@caretracker/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../plugins/request-context';
import type { ModuleDeps } from '../module-deps';
import { createInboxService } from './inbox';

const idParams = z.object({ id: z.uuid() });
const tags = ['notifications'];

/** The caller's own notification inbox and preferences. */
export const notificationsRoutes: FastifyPluginAsyncZod<{ deps: ModuleDeps }> = async (app, { deps }) => {
  const inbox = createInboxService(deps);
  app.addHook('onRequest', app.requireAuth);

  app.get(
    '',
    {
      schema: {
        tags,
        summary: 'My notifications, newest first (`unreadOnly=true` for the unread ones)',
        querystring: listNotificationsQuerySchema,
        response: { 200: pagedEnvelope(notificationViewSchema) },
      },
    },
    async (request) => ({ success: true as const, ...(await inbox.list(actorOf(request), request.query)) }),
  );

  app.get(
    '/unread-count',
    {
      schema: {
        tags,
        summary: 'How many of my notifications are unread',
        response: { 200: envelope(unreadCountSchema) },
      },
    },
    async (request) => ({ success: true as const, data: { unread: await inbox.unreadCount(actorOf(request)) } }),
  );

  app.post(
    '/read-all',
    {
      schema: {
        tags,
        summary: 'Mark every notification of mine read',
        response: { 200: envelope(markedReadSchema) },
      },
    },
    async (request) => ({ success: true as const, data: await inbox.markAllRead(actorOf(request)) }),
  );

  app.post(
    '/:id/read',
    {
      schema: {
        tags,
        summary: 'Mark one of my notifications read',
        params: idParams,
        response: { 200: envelope(notificationViewSchema) },
      },
    },
    async (request) => ({ success: true as const, data: await inbox.markRead(actorOf(request), request.params.id) }),
  );

  app.get(
    '/preferences',
    {
      schema: {
        tags,
        summary: 'My setting per category and channel (IN_APP: ON/OFF; EMAIL: ON/OFF/DIGEST)',
        response: { 200: envelope(z.array(notificationPreferenceSchema)) },
      },
    },
    async (request) => ({ success: true as const, data: await inbox.preferences(actorOf(request)) }),
  );

  app.put(
    '/preferences',
    {
      schema: {
        tags,
        summary: 'Change some of my settings; emergencies cannot be turned off (422)',
        body: updateNotificationPreferencesBodySchema,
        response: { 200: envelope(z.array(notificationPreferenceSchema)) },
      },
    },
    async (request) => ({
      success: true as const,
      data: await inbox.updatePreferences(actorOf(request), request.body),
    }),
  );
};
