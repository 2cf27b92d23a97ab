import { z } from 'zod';

/** Machine-readable error codes shared by the API and the apps. */
export const ERROR_CODES = [
  'VALIDATION_ERROR',
  'BAD_REQUEST',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'UNPROCESSABLE',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'ACCOUNT_LOCKED',
  'RATE_LIMITED',
  'INTERNAL_ERROR',
  'SERVICE_UNAVAILABLE',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const errorResponseSchema = z.object({
  success: z.literal(false),
  error: z.enum(ERROR_CODES),
  message: z.string(),
  details: z.unknown().optional(),
  timestamp: z.string(),
  requestId: z.string(),
});
export type ErrorResponse = z.infer<typeof errorResponseSchema>;

/** One failing field of a request, as listed in `details` of a VALIDATION_ERROR. */
export interface FieldIssue {
  field: string;
  message: string;
}
