import { describe, expect, it } from 'vitest';
import { ConfigError, DEVELOPMENT_JWT_SECRET, loadConfig } from '../src/config/config';
import { parseDuration } from '../src/config/duration';

describe('configuration from the environment', () => {
  it('reads the seed values, comments stripped by the env loader, durations and lists parsed', () => {
    const config = loadConfig({
      NODE_ENV: 'staging',
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

  it('production refuses the development secret, secrets shorter than 32 bytes, and a missing data encryption key', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/development secret/);
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: DEVELOPMENT_JWT_SECRET })).toThrow(
      /development secret/,
    );
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'a'.repeat(31) })).toThrow(/32 bytes/);
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'k'.repeat(32) })).toThrow(/DATA_ENCRYPTION_KEY/);
    const key = Buffer.alloc(32, 7).toString('base64');
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'k'.repeat(32), DATA_ENCRYPTION_KEY: key }).NODE_ENV).toBe(
      'production',
    );
    expect(() => loadConfig({ DATA_ENCRYPTION_KEY: Buffer.alloc(16).toString('base64') })).toThrow(
      /DATA_ENCRYPTION_KEY/,
    );
  });

  it('parses durations', () => {
    expect(parseDuration('500ms')).toBe(500);
    expect(parseDuration('15m')).toBe(900_000);
    expect(parseDuration('60000')).toBe(60_000);
    expect(parseDuration('soon')).toBeNull();
  });
});
