import { envelope, fileViewSchema, findTextDefect, listFilesQuerySchema, pagedEnvelope } from '@caretracker/shared';
import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { UnsupportedMediaTypeError, ValidationError } from '../../errors/app-errors';
import { actorOf } from '../../plugins/request-context';
import { attachmentDisposition } from './file-names';
import type { FilesService } from './service';
import type { StagedFile } from './staging';

const idParams = z.object({ id: z.uuid() });
const tags = ['files'];
/** Per user, not per address: a care team shares an office connection. */
const UPLOADS_PER_MINUTE = 10;
const TEXT_FIELDS = new Set(['entityType', 'entityId', 'category', 'description']);

/**
 * Files: upload (multipart, streamed to a temporary file, never held in memory), download as an
 * attachment after an integrity check, list and soft delete. The service decides per file and
 * per entity what the caller may do.
 */
export const filesRoutes: FastifyPluginAsyncZod<{ service: FilesService }> = async (app, { service: files }) => {
  app.addHook('onRequest', app.requireAuth);

  // Multipart bodies are accepted by the upload route alone (its own scope); the others take JSON.
  await app.register(async (upload) => {
    await upload.register(multipart, {
      throwFileSizeLimit: false,
      limits: { files: 1, fields: 8, fieldSize: 4096, parts: 10, headerPairs: 50 },
    });

    upload.post(
      '/upload',
      {
        config: {
          rateLimit: {
            max: UPLOADS_PER_MINUTE,
            timeWindow: 60_000,
            keyGenerator: (request) =>
              request.actor ? `files-upload:${request.actor.id}` : `files-upload:${request.ip}`,
          },
        },
        schema: {
          tags,
          summary: 'Upload one file (multipart: file, entityType, entityId, category, description)',
          description:
            'At most FILE_UPLOAD_MAX_SIZE bytes (413); typed by its content: PDF, JPEG, PNG, WebP, HEIC, DOCX or XLSX, ' +
            "and the name's extension must agree (415). 10 uploads a minute per user (429).",
          consumes: ['multipart/form-data'],
          response: {
            201: envelope(fileViewSchema),
          },
        },
      },
      async (request, reply) => {
        if (!request.isMultipart()) throw new UnsupportedMediaTypeError('Send the file as multipart/form-data');
        const fields: Record<string, string> = {};
        let staged: StagedFile | null = null;
        let fileName = '';
        try {
          for await (const part of request.parts({ limits: { fileSize: files.maxBytes + 1 } })) {
            if (part.type === 'file') {
              if (part.fieldname !== 'file') throw unexpectedField(part.fieldname);
              fileName = part.filename;
              staged = await files.receive(part.file);
              if (part.file.truncated) staged.tooLarge = true;
              // The upload is refused: stop reading the rest of the body.
              if (staged.tooLarge) break;
            } else {
              if (!TEXT_FIELDS.has(part.fieldname)) throw unexpectedField(part.fieldname);
              fields[part.fieldname] = String(part.value);
              // The rule every JSON string meets (plugins/text-input.ts).
              const defect = findTextDefect(fields[part.fieldname], `body.${part.fieldname}`);
              if (defect) throw new ValidationError(`Invalid request: ${defect.field}`, [defect]);
            }
          }
          if (!staged)
            throw new ValidationError('Invalid request: body.file', [{ field: 'body.file', message: 'is required' }]);
          const data = await files.upload(actorOf(request), { staged, fileName, fields });
          reply.status(201);
          return { success: true as const, data };
        } finally {
          await files.discard(staged);
        }
      },
    );
  });

  app.get(
    '',
    {
      schema: {
        tags,
        summary: 'Files the caller may see, newest first; filter by entityType and entityId',
        querystring: listFilesQuerySchema,
        response: { 200: pagedEnvelope(fileViewSchema) },
      },
    },
    async (request) => ({ success: true as const, ...(await files.list(actorOf(request), request.query)) }),
  );

  app.get(
    '/:id',
    {
      schema: {
        tags,
        summary: 'Download a file as an attachment (its SHA-256 is checked first; a mismatch answers 500)',
        params: idParams,
        produces: ['application/octet-stream'],
        response: { 200: z.unknown().describe('The file bytes') },
      },
    },
    async (request, reply) => {
      const { file, body } = await files.download(actorOf(request), request.params.id);
      return reply
        .status(200)
        .headers({
          'content-type': file.mimeType,
          'content-length': String(file.sizeBytes),
          'content-disposition': attachmentDisposition(file.originalName),
          'x-content-type-options': 'nosniff',
          'cache-control': 'private, no-store',
          'content-security-policy': "default-src 'none'; sandbox",
          'x-file-sha256': file.sha256,
        })
        .send(body);
    },
  );

  app.delete(
    '/:id',
    {
      schema: {
        tags,
        summary: 'Soft-delete a file (the uploader, a supervisor of the team or an admin); audited',
        params: idParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await files.remove(actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
};

function unexpectedField(name: string) {
  const field = `body.${name.slice(0, 50)}`;
  return new ValidationError(`Invalid request: ${field}`, [{ field, message: 'is not a known field' }]);
}
