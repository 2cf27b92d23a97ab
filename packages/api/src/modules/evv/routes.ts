import {
  checkInBodySchema,
  checkOutBodySchema,
  checkOutViewSchema,
  envelope,
  evvExceptionViewSchema,
  evvStateViewSchema,
  medicationRecordViewSchema,
  recordMedicationBodySchema,
  resolveEvvExceptionBodySchema,
  visitMedicationsViewSchema,
} from '@caretracker/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { LARGE_JSON_BODY_LIMIT } from '../../plugins/json-body';
import { actorOf } from '../../plugins/request-context';
import type { EvvService } from './service';

const idParams = z.object({ id: z.uuid() });
const exceptionParams = z.object({ id: z.uuid(), eid: z.uuid() });
const tags = ['evv'];

/**
 * EVV and eMAR under `/visits`. POSTs honour `Idempotency-Key`, so an offline check-in replayed
 * with its key gets the first answer instead of a second check-in.
 */
export const evvRoutes: FastifyPluginAsyncZod<{ evv: EvvService }> = async (app, { evv }) => {
  app.addHook('onRequest', app.requireAuth);

  app.post(
    '/:id/checkin',
    {
      schema: {
        tags,
        summary: 'Check in (assigned worker): server time, device position, EVV exceptions raised',
        params: idParams,
        body: checkInBodySchema,
        response: { 200: envelope(evvStateViewSchema) },
      },
    },
    async (request) => ({
      success: true as const,
      data: await evv.checkIn(actorOf(request), request.params.id, request.body, {
        resumesUnansweredAttempt: request.idempotencyTakenOver === true,
      }),
    }),
  );

  app.post(
    '/:id/checkout',
    {
      // Large lists (care plans) or the client's signature image (check-out, amendments).
      bodyLimit: LARGE_JSON_BODY_LIMIT,
      schema: {
        tags,
        summary: 'Check out with documentation (assigned worker); refused while a due dose is unrecorded',
        params: idParams,
        body: checkOutBodySchema,
        response: { 200: envelope(checkOutViewSchema) },
      },
    },
    async (request) => ({
      success: true as const,
      data: await evv.checkOut(actorOf(request), request.params.id, request.body, {
        resumesUnansweredAttempt: request.idempotencyTakenOver === true,
      }),
    }),
  );

  app.post(
    '/:id/evv-exceptions/:eid/resolve',
    {
      schema: {
        tags,
        summary: 'Resolve an EVV exception with a reason code (the client’s supervisor or an admin)',
        params: exceptionParams,
        body: resolveEvvExceptionBodySchema,
        response: { 200: envelope(evvExceptionViewSchema) },
      },
    },
    async (request) => ({
      success: true as const,
      data: await evv.resolveException(actorOf(request), request.params.id, request.params.eid, request.body),
    }),
  );

  app.get(
    '/:id/medications',
    {
      schema: {
        tags,
        summary: 'The visit’s eMAR: doses due in its window, as-needed medications, and the records made',
        params: idParams,
        response: { 200: envelope(visitMedicationsViewSchema) },
      },
    },
    async (request) => ({
      success: true as const,
      data: await evv.listMedications(actorOf(request), request.params.id),
    }),
  );

  app.post(
    '/:id/medications',
    {
      schema: {
        tags,
        summary: 'Record a dose given, partly given, refused or not given (or an as-needed dose)',
        params: idParams,
        body: recordMedicationBodySchema,
        response: { 201: envelope(medicationRecordViewSchema) },
      },
    },
    async (request, reply) => {
      const data = await evv.recordMedication(actorOf(request), request.params.id, request.body);
      reply.status(201);
      return { success: true as const, data };
    },
  );
};
