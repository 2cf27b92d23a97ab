import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';

/** Asserts the shared error shape and returns the parsed body. */
export function expectError(response: LightMyRequestResponse, status: number, code: string) {
  const body = response.json();
  expect(response.statusCode, response.body).toBe(status);
  expect(body).toMatchObject({ success: false, error: code });
  expect(typeof body.message).toBe('string');
  expect(typeof body.timestamp).toBe('string');
  expect(typeof body.requestId).toBe('string');
  return body as {
    success: false;
    error: string;
    message: string;
    details?: Array<{ field: string; message: string }>;
  };
}
