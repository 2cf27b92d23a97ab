import {
  envelope,
  searchQuerySchema,
  searchResultSchema,
  suggestionSchema,
  suggestQuerySchema,
} from '@caretracker/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../plugins/request-context';
import type { SearchService } from './service';

const tags = ['search'];

/** Search and autocomplete; the service filters every result by what the caller may read. */
export const searchRoutes: FastifyPluginAsyncZod<{ service: SearchService }> = async (app, { service }) => {
  app.addHook('onRequest', app.requireAuth);

  app.get(
    '',
    {
      schema: {
        tags,
        summary: 'Full-text search over clients (name, MRN), visit notes, care plans and messages',
        description:
          '`q` uses web-search syntax ("quoted phrase", -exclude, or). Snippets are HTML: matches in `<mark>`, everything else escaped. Audited as one PHI read listing the returned record ids.',
        querystring: searchQuerySchema,
        response: { 200: envelope(searchResultSchema) },
      },
    },
    async (request) => ({ success: true as const, data: await service.search(actorOf(request), request.query) }),
  );

  app.get(
    '/suggest',
    {
      schema: {
        tags,
        summary: 'Autocomplete: up to 10 client and worker names the caller may see',
        querystring: suggestQuerySchema,
        response: { 200: envelope(z.array(suggestionSchema)) },
      },
    },
    async (request) => ({
      success: true as const,
      data: await service.suggest(actorOf(request), request.query.q),
    }),
  );
};
