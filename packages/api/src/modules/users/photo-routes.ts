import { envelope, setUserPhotoBodySchema, userPhotoViewSchema } from '@caretracker/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../plugins/request-context';
import type { UserPhotosService } from './photo-service';

const idParams = z.object({ id: z.uuid() });
const tags = ['users'];

/** A person's photo (who is coming, on the client portal): set, clear and serve. */
export const userPhotoRoutes: FastifyPluginAsyncZod<{ photos: UserPhotosService }> = async (app, { photos }) => {
  app.addHook('onRequest', app.requireAuth);

  app.put(
    '/:id/photo',
    {
      schema: {
        tags,
        summary: 'Set a photo: a JPEG, PNG or WebP uploaded as a PROFILE file of this person (the person or an admin)',
        params: idParams,
        body: setUserPhotoBodySchema,
        response: { 200: envelope(userPhotoViewSchema) },
      },
    },
    async (request) => ({
      success: true as const,
      data: await photos.set(actorOf(request), request.params.id, request.body.fileId),
    }),
  );

  app.delete(
    '/:id/photo',
    {
      schema: {
        tags,
        summary: 'Clear the photo (the person or an admin)',
        params: idParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await photos.clear(actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/:id/photo',
    {
      schema: {
        tags,
        summary:
          'The photo: to the person, those who see their record, and clients the person visits or cares for (others 404)',
        params: idParams,
        produces: ['image/jpeg', 'image/png', 'image/webp'],
        response: { 200: z.unknown().describe('The image bytes') },
      },
    },
    async (request, reply) => {
      const { file, body } = await photos.open(actorOf(request), request.params.id);
      return reply
        .status(200)
        .headers({
          'content-type': file.mimeType,
          'content-length': String(file.sizeBytes),
          'x-content-type-options': 'nosniff',
          'cache-control': 'private, no-store',
          'content-security-policy': "default-src 'none'; sandbox",
        })
        .send(body);
    },
  );
};
