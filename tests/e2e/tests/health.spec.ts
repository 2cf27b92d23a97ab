import { expect, test } from './fixtures';

test('GET /health answers healthy with the service name', async ({ request, app }) => {
  const response = await request.get('/health');
  expect(response.status()).toBe(200);
  const body = await response.json();
  expect(body).toMatchObject({ status: 'healthy', service: app.key });
  expect(Number.isNaN(Date.parse(body.timestamp))).toBe(false);
});
