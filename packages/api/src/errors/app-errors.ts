import type { ErrorCode, FieldIssue } from '@caretracker/shared';

/** An error a service throws on purpose; the error handler turns it into the shared shape. */
export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationError extends AppError {
  constructor(message: string, issues: FieldIssue[]) {
    super(400, 'VALIDATION_ERROR', message, issues);
  }
}
export class UnauthorizedError extends AppError {
  constructor(message = 'Authentication required') {
    super(401, 'UNAUTHORIZED', message);
  }
}
export class ForbiddenError extends AppError {
  constructor(message = 'You do not have permission to do this') {
    super(403, 'FORBIDDEN', message);
  }
}
export class NotFoundError extends AppError {
  constructor(entity = 'Resource') {
    super(404, 'NOT_FOUND', `${entity} not found`);
  }
}
export class ConflictError extends AppError {
  constructor(message: string, details?: unknown) {
    super(409, 'CONFLICT', message, details);
  }
}
export class UnprocessableError extends AppError {
  constructor(message: string, details?: unknown) {
    super(422, 'UNPROCESSABLE', message, details);
  }
}
export class PayloadTooLargeError extends AppError {
  constructor(message: string) {
    // The rest of an oversized upload is not worth reading: the client should stop sending.
    super(413, 'PAYLOAD_TOO_LARGE', message, undefined, { connection: 'close' });
  }
}
export class UnsupportedMediaTypeError extends AppError {
  constructor(message: string, details?: unknown) {
    super(415, 'UNSUPPORTED_MEDIA_TYPE', message, details);
  }
}
export class AccountLockedError extends AppError {
  constructor(retryAfterSeconds: number) {
    super(423, 'ACCOUNT_LOCKED', 'Account temporarily locked after repeated failed logins', undefined, {
      'retry-after': String(retryAfterSeconds),
    });
  }
}
export class RateLimitedError extends AppError {
  constructor(retryAfterSeconds: number) {
    super(429, 'RATE_LIMITED', 'Too many requests, try again later', undefined, {
      'retry-after': String(retryAfterSeconds),
    });
  }
}
