import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { dataEncryptionKeyFor } from '@caretracker/database';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, DEVELOPMENT_JWT_SECRET, loadConfig, testConfig } from '../src/config/config';
import { parseDuration } from '../src/config/duration';

const STRONG_SECRET = 'k'.repeat(32);
const KEY = Buffer.alloc(32, 7).toString('base64');

describe('configuration from the environment', () => {
  it('reads the seed values, comments stripped by the env loader, durations and lists parsed', () => {
    const config = loadConfig({
      NODE_ENV: 'staging',
      JWT_SECRET: STRONG_SECRET,
      DATA_ENCRYPTION_KEY: KEY,
      JWT_EXPIRES_IN: '1h',
      REFRESH_TOKEN_EXPIRES_IN: '7d',
      HEALTH_CHECK_INTERVAL: '30s',
      CORS_ORIGINS: 'https://app.caretracker.dev,https://mobile.caretracker.dev',
      FILE_UPLOAD_MAX_SIZE: '10485760',
      METRICS_ENABLED: 'true',
      RATE_LIMIT_AUTH_MAX: '5',
    });
    expect(config.JWT_EXPIRES_IN).toBe(3_600_000);
    expect(config.REFRESH_TOKEN_EXPIRES_IN).toBe(604_800_000);
    expect(config.HEALTH_CHECK_INTERVAL).toBe(30_000);
    expect(config.CORS_ORIGINS).toEqual(['https://app.caretracker.dev', 'https://mobile.caretracker.dev']);
    expect(config.API_PORT).toBe(4000);
  });

  it('stops with a message naming each bad variable', () => {
    expect(() => loadConfig({ API_PORT: 'eighty', DATABASE_URL: 'mysql://x', CORS_ORIGINS: 'not a url' })).toThrow(
      ConfigError,
    );
    try {
      loadConfig({ API_PORT: 'eighty', DATABASE_URL: 'mysql://x', JWT_EXPIRES_IN: 'soon' });
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toContain('API_PORT');
      expect(message).toContain('DATABASE_URL');
      expect(message).toContain('JWT_EXPIRES_IN');
    }
  });

  it.each(['staging', 'production'])(
    '%s refuses a missing, public or short JWT secret and a missing data encryption key',
    (NODE_ENV) => {
      const refused = (env: Record<string, string>) => {
        try {
          loadConfig({ NODE_ENV, ...env });
        } catch (error) {
          expect(error).toBeInstanceOf(ConfigError);
          return (error as Error).message;
        }
        throw new Error(`accepted ${JSON.stringify(env)}`);
      };
      expect(refused({})).toMatch(/JWT_SECRET: required[\s\S]*DATA_ENCRYPTION_KEY: required/);
      expect(refused({ JWT_SECRET: DEVELOPMENT_JWT_SECRET, DATA_ENCRYPTION_KEY: KEY })).toMatch(
        /JWT_SECRET: the public development secret/,
      );
      expect(refused({ JWT_SECRET: 'a'.repeat(31), DATA_ENCRYPTION_KEY: KEY })).toMatch(
        /JWT_SECRET: must be at least 32 bytes/,
      );
      expect(refused({ JWT_SECRET: STRONG_SECRET })).toMatch(/DATA_ENCRYPTION_KEY: required/);
      expect(refused({ JWT_SECRET: STRONG_SECRET, DATA_ENCRYPTION_KEY: Buffer.alloc(16).toString('base64') })).toMatch(
        /DATA_ENCRYPTION_KEY: must be 32 bytes/,
      );
      const config = loadConfig({ NODE_ENV, JWT_SECRET: STRONG_SECRET, DATA_ENCRYPTION_KEY: KEY });
      expect([config.JWT_SECRET, config.DATA_ENCRYPTION_KEY]).toEqual([STRONG_SECRET, KEY]);
    },
  );

  it('listens on loopback and trusts no proxy unless told; TRUSTED_PROXIES takes IPs and CIDR ranges', () => {
    const defaults = testConfig();
    expect(defaults.API_HOST).toBe('127.0.0.1');
    expect(defaults.TRUSTED_PROXIES).toEqual([]);
    expect(testConfig({ TRUSTED_PROXIES: '172.30.40.10, 10.0.0.0/8,fd00::/8,::1' }).TRUSTED_PROXIES).toEqual([
      '172.30.40.10',
      '10.0.0.0/8',
      'fd00::/8',
      '::1',
    ]);
    for (const bad of ['nginx', '10.0.0.0/33', '300.1.1.1', '10.0.0.1/8/8']) {
      expect(() => testConfig({ TRUSTED_PROXIES: bad }), bad).toThrow(/TRUSTED_PROXIES/);
    }
  });

  it('parses durations', () => {
    expect(parseDuration('500ms')).toBe(500);
    expect(parseDuration('15m')).toBe(900_000);
    expect(parseDuration('60000')).toBe(60_000);
    expect(parseDuration('soon')).toBeNull();
  });
});

describe('the installation’s own keys (the embedded default, NODE_ENV=development)', () => {
  const dirs: string[] = [];
  const dataDir = () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'caretracker-keys-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('are made on first start, kept under the data directory (0600) and read back on the next', () => {
    const dir = dataDir();
    const first = loadConfig({ NODE_ENV: 'development', DATA_DIR: dir });
    expect(Buffer.byteLength(first.JWT_SECRET)).toBeGreaterThanOrEqual(32);
    expect(first.JWT_SECRET).not.toBe(DEVELOPMENT_JWT_SECRET);
    expect(Buffer.from(first.DATA_ENCRYPTION_KEY, 'base64')).toHaveLength(32);
    for (const [file, value] of [
      ['jwt-secret', first.JWT_SECRET],
      ['data-encryption-key', first.DATA_ENCRYPTION_KEY],
    ] as const) {
      const stored = path.join(dir, 'keys', file);
      expect(readFileSync(stored, 'utf8').trim()).toBe(value);
      expect(statSync(stored).mode & 0o777).toBe(0o600);
    }
    const again = loadConfig({ NODE_ENV: 'development', DATA_DIR: dir });
    expect([again.JWT_SECRET, again.DATA_ENCRYPTION_KEY]).toEqual([first.JWT_SECRET, first.DATA_ENCRYPTION_KEY]);
    // The seed asks the same place, so what it seals the server opens.
    expect(dataEncryptionKeyFor({ NODE_ENV: 'development', DATA_DIR: dir }).toString('base64')).toBe(
      first.DATA_ENCRYPTION_KEY,
    );
  });

  it('differ between two installations, and configured values win', () => {
    const [a, b] = [loadConfig({ DATA_DIR: dataDir() }), loadConfig({ DATA_DIR: dataDir() })];
    expect(a.JWT_SECRET).not.toBe(b.JWT_SECRET);
    expect(a.DATA_ENCRYPTION_KEY).not.toBe(b.DATA_ENCRYPTION_KEY);
    const dir = dataDir();
    const configured = loadConfig({ DATA_DIR: dir, JWT_SECRET: STRONG_SECRET, DATA_ENCRYPTION_KEY: KEY });
    expect([configured.JWT_SECRET, configured.DATA_ENCRYPTION_KEY]).toEqual([STRONG_SECRET, KEY]);
    expect(() => statSync(path.join(dir, 'keys'))).toThrow();
  });
});
