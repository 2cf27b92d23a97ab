import {
  conversationSummarySchema,
  conversationViewSchema,
  createConversationBodySchema,
  envelope,
  listConversationsQuerySchema,
  listMessagesQuerySchema,
  markConversationReadBodySchema,
  markReadResultSchema,
  messageSearchHitSchema,
  messageViewSchema,
  pagedEnvelope,
  participantBodySchema,
  postMessageBodySchema,
  searchMessagesQuerySchema,
} from '@caretracker/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../plugins/request-context';
import type { MessagesService } from './service';

const idParams = z.object({ id: z.uuid() });
const participantParams = z.object({ id: z.uuid(), userId: z.uuid() });
const tags = ['messages'];

/** Conversations and messages; the service decides per conversation who may read and write. */
export const messagesRoutes: FastifyPluginAsyncZod<{ service: MessagesService }> = async (app, { service }) => {
  app.addHook('onRequest', app.requireAuth);

  app.get(
    '/conversations',
    {
      schema: {
        tags,
        summary: 'Conversations I take part in, most recently active first, with my unread count',
        querystring: listConversationsQuerySchema,
        response: { 200: pagedEnvelope(conversationSummarySchema) },
      },
    },
    async (request) => ({ success: true as const, ...(await service.list(actorOf(request), request.query)) }),
  );

  app.post(
    '/conversations',
    {
      schema: {
        tags,
        summary: 'Open a conversation about a client with their care team (staff, or the client about themself)',
        body: createConversationBodySchema,
        response: { 201: envelope(conversationViewSchema) },
      },
    },
    async (request, reply) => {
      const data = await service.create(actorOf(request), request.body);
      reply.status(201);
      return { success: true as const, data };
    },
  );

  app.get(
    '/conversations/:id',
    {
      schema: {
        tags,
        summary: 'One conversation with its participants and their read receipts',
        params: idParams,
        response: { 200: envelope(conversationViewSchema) },
      },
    },
    async (request) => ({ success: true as const, data: await service.get(actorOf(request), request.params.id) }),
  );

  app.get(
    '/conversations/:id/messages',
    {
      schema: {
        tags,
        summary: 'A page of the thread: page 1 is the newest, each page oldest to newest, with who has read each',
        params: idParams,
        querystring: listMessagesQuerySchema,
        response: { 200: pagedEnvelope(messageViewSchema) },
      },
    },
    async (request) => ({
      success: true as const,
      ...(await service.messages(actorOf(request), request.params.id, request.query)),
    }),
  );

  app.post(
    '/conversations/:id/messages',
    {
      schema: {
        tags,
        summary: 'Post a message (participants); the others are notified',
        params: idParams,
        body: postMessageBodySchema,
        response: { 201: envelope(messageViewSchema) },
      },
    },
    async (request, reply) => {
      const data = await service.post(actorOf(request), request.params.id, request.body);
      reply.status(201);
      return { success: true as const, data };
    },
  );

  app.post(
    '/conversations/:id/read',
    {
      schema: {
        tags,
        summary: 'Move my read receipt to a message, or to the newest one',
        params: idParams,
        body: markConversationReadBodySchema.nullish(),
        response: { 200: envelope(markReadResultSchema) },
      },
    },
    async (request) => ({
      success: true as const,
      data: await service.markRead(actorOf(request), request.params.id, request.body?.upToMessageId),
    }),
  );

  app.post(
    '/conversations/:id/participants',
    {
      schema: {
        tags,
        summary: 'Add someone: the client, their care team, an admin, or a family contact (supervisor or admin)',
        params: idParams,
        body: participantBodySchema,
        response: { 200: envelope(conversationViewSchema) },
      },
    },
    async (request) => ({
      success: true as const,
      data: await service.addParticipant(actorOf(request), request.params.id, request.body.userId),
    }),
  );

  app.delete(
    '/conversations/:id/participants/:userId',
    {
      schema: {
        tags,
        summary: 'Remove someone; they lose access to the thread (supervisor or admin)',
        params: participantParams,
        response: { 200: envelope(conversationViewSchema) },
      },
    },
    async (request) => ({
      success: true as const,
      data: await service.removeParticipant(actorOf(request), request.params.id, request.params.userId),
    }),
  );

  app.get(
    '/messages/search',
    {
      schema: {
        tags,
        summary: 'Full-text search of the messages in my conversations (web-search syntax)',
        querystring: searchMessagesQuerySchema,
        response: { 200: pagedEnvelope(messageSearchHitSchema) },
      },
    },
    async (request) => ({ success: true as const, ...(await service.search(actorOf(request), request.query)) }),
  );
};
