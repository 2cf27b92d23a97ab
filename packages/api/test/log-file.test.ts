import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startApp, type TestApp } from './helpers/app';

describe('LOG_FILE (the embedded default of pnpm start)', () => {
  let server: TestApp | undefined;
  let dir: string | undefined;
  afterEach(async () => {
    vi.restoreAllMocks();
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('writes request logs to the file (creating its folder) and keeps only warnings on the console', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'caretracker-logs-'));
    const file = path.join(dir, 'logs', 'api.log');
    const console: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      console.push(String(chunk));
      return true;
    });
    server = await startApp({ engine: 'pglite', config: { LOG_LEVEL: 'info', LOG_FILE: file } });
    const response = await server.app.inject({ method: 'GET', url: '/health/live' });
    expect(response.statusCode).toBe(200);
    server.app.log.warn('the disk is nearly full');

    const lines = readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { msg: string });
    expect(lines.map((line) => line.msg)).toEqual(
      expect.arrayContaining(['request completed', 'the disk is nearly full']),
    );
    expect(console.join('')).toContain('the disk is nearly full');
    expect(console.join('')).not.toContain('request completed');
  });
});
