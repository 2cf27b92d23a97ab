import { isIP } from 'node:net';
import { resolve } from 'node:path';
import {
  type DatabaseOptions,
  DEVELOPMENT_JWT_SECRET,
  databaseOptionsFromEnv,
  dataEncryptionKeyFor,
  type Environment,
  jwtSecretFor,
  MissingKeyError,
  previousDataEncryptionKeysFor,
} from '@caretracker/database';
import { isKnownTimeZone } from '@caretracker/shared';
import { z } from 'zod';
import { parseDuration } from './duration';
import { trustedProxies } from './trusted-proxies';

export { DEVELOPMENT_JWT_SECRET };

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const duration = z.string().transform((value, ctx) => {
  const ms = parseDuration(value);
  if (ms === null || ms <= 0) {
    ctx.addIssue({ code: 'custom', message: 'must be a duration such as 30s, 15m, 1h or 7d' });
    return z.NEVER;
  }
  return ms;
});
const url = (protocols: string[]) =>
  z.string().refine(
    (value) => {
      try {
        return protocols.includes(new URL(value).protocol);
      } catch {
        return false;
      }
    },
    { message: `must be a URL starting with ${protocols.join(' or ')}//` },
  );
const origins = z.string().transform((value, ctx) => {
  const list = value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  for (const origin of list) {
    try {
      const parsed = new URL(origin);
      if (parsed.origin !== origin.replace(/\/$/, '')) throw new Error('not an origin');
    } catch {
      ctx.addIssue({ code: 'custom', message: `"${origin}" is not an origin such as https://app.example.com` });
    }
  }
  return list;
});

/** Comma-separated IP addresses or CIDR ranges (10.0.0.0/8, fd00::/8). */
const addresses = z.string().transform((value, ctx) => {
  const list = value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  for (const entry of list) {
    const [address = '', prefix, ...rest] = entry.split('/');
    const family = isIP(address);
    const bits = prefix === undefined ? 0 : Number(prefix);
    const prefixOk = prefix === undefined || (/^\d+$/.test(prefix) && bits <= (family === 6 ? 128 : 32));
    if (!family || !prefixOk || rest.length > 0) {
      ctx.addIssue({ code: 'custom', message: `"${entry}" is not an IP address or CIDR range such as 10.0.0.0/8` });
    }
  }
  return list;
});

/**
 * Every setting the server reads, from the seed's `.env.local` and `.env.production` plus the
 * few the product adds (mail, embedded data directory, public app URLs). Nothing else is read.
 */
export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'staging', 'production']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Every log line to this file instead of the console, where only warnings and errors still appear (`pnpm start`). */
  LOG_FILE: z.string().min(1).optional(),
  DATABASE_URL: url(['postgres:', 'postgresql:']).optional(),
  DATABASE_POOL_SIZE: int(1, 500).default(20),
  DATABASE_STATEMENT_TIMEOUT: int(100, 600_000).default(30_000),
  DATA_DIR: z.string().optional(),
  REDIS_URL: url(['redis:', 'rediss:']).optional(),
  /**
   * Prefix of every Redis key and pub/sub channel this installation uses (rate limits, job queues,
   * live updates), so installations sharing one Redis server never mix. Default: derived from the
   * database name (`redisKeyPrefix`).
   */
  REDIS_KEY_PREFIX: z
    .string()
    .regex(
      /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$/,
      'must be 1-100 letters, digits or _ . : - (e.g. caretracker:production)',
    )
    .optional(),
  REDIS_MAX_MEMORY: z
    .string()
    .regex(/^\d+(b|kb|mb|gb)?$/i, 'must be a size such as 256mb')
    .default('256mb'),
  /**
   * HS256 key for access tokens. Required (32 bytes or more, not the old public development
   * secret) outside development and test; in development a random one is made on first start and
   * kept under the data directory (`keys/jwt-secret`).
   */
  JWT_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  /**
   * 32 random bytes, base64 (openssl rand -base64 32): encrypts TOTP secrets and PHI identifiers (MRN, date of birth, insurance) at rest. Required
   * outside development and test; in development made on first start and kept under the data
   * directory (`keys/data-encryption-key`), the same file the seed seals the demo admin's secret with.
   */
  DATA_ENCRYPTION_KEY: z
    .string()
    .refine((value) => Buffer.from(value, 'base64').length === 32, {
      message: 'must be 32 bytes, base64-encoded (openssl rand -base64 32)',
    })
    .optional(),
  /**
   * Retired data keys (base64, comma-separated) after a rotation: values sealed under them still
   * open until `pnpm database:reencrypt-phi` has moved them to DATA_ENCRYPTION_KEY.
   */
  DATA_ENCRYPTION_KEYS_PREVIOUS: z
    .string()
    .refine(
      (value) =>
        value
          .split(',')
          .map((part) => part.trim())
          .filter(Boolean)
          .every((part) => Buffer.from(part, 'base64').length === 32),
      { message: 'each key must be 32 bytes, base64-encoded, separated by commas' },
    )
    .optional(),
  JWT_EXPIRES_IN: duration.default(3_600_000),
  REFRESH_TOKEN_EXPIRES_IN: duration.default(7 * 86_400_000),
  BCRYPT_SALT_ROUNDS: int(4, 15).default(12),
  API_PORT: int(0, 65535).default(4000),
  /** The embedded default listens on loopback only; containers set 0.0.0.0 so nginx can reach them. */
  API_HOST: z.string().min(1).default('127.0.0.1'),
  /**
   * Proxies whose X-Forwarded-For is believed (IPs or CIDRs, comma-separated). Empty: none, the
   * client address is the connection's peer. The deployed compose files name their nginx.
   */
  TRUSTED_PROXIES: trustedProxies.default([]),
  CORS_ORIGINS: origins.default(['http://localhost:3000', 'http://localhost:3001', 'http://localhost:3002']),
  FILE_UPLOAD_MAX_SIZE: int(1, 1024 * 1024 * 1024).default(10_485_760),
  FILE_STORAGE_PATH: z.string().min(1).optional(),
  FILE_STORAGE_TYPE: z.enum(['local', 's3']).default('local'),
  /** S3-compatible storage (FILE_STORAGE_TYPE=s3): AWS when no endpoint is given, else MinIO, Ceph, R2… */
  S3_ENDPOINT: url(['http:', 'https:']).optional(),
  S3_BUCKET: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be a bucket name (3-63 lowercase letters, digits, . and -)')
    .optional(),
  S3_REGION: z.string().min(1).default('us-east-1'),
  /** Both or neither; without them the SDK's default chain (instance role, AWS_* variables) is used. */
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  S3_FORCE_PATH_STYLE: bool.default(false),
  HIPAA_AUDIT_ENABLED: bool.default(true),
  DATA_RETENTION_YEARS: int(1, 100).default(7),
  AUDIT_LOG_RETENTION_YEARS: int(6, 100).default(7),
  HEALTH_CHECK_INTERVAL: duration.default(30_000),
  METRICS_ENABLED: bool.default(true),
  /** Prometheus sends it as `Authorization: Bearer <token>` to read /metrics from anywhere else. */
  METRICS_TOKEN: z.string().min(32, 'must be at least 32 characters (openssl rand -hex 32)').optional(),
  /** Connection addresses (never X-Forwarded-For) that read /metrics without the token. */
  METRICS_ALLOWED_IPS: addresses.default(['127.0.0.1', '::1']),
  /** Swagger UI at /docs and /openapi.json; unset: on, except with NODE_ENV=production. */
  API_DOCS_ENABLED: bool.optional(),
  LOG_AGGREGATION_ENABLED: bool.default(false),
  RATE_LIMIT_WINDOW: int(1000, 86_400_000).default(60_000),
  RATE_LIMIT_MAX: int(1, 1_000_000).default(1000),
  RATE_LIMIT_AUTH_MAX: int(1, 10_000).default(5),
  /**
   * Load shedding: requests this process handles at once before further ones are answered 503
   * with Retry-After at once instead of queueing (health checks, /metrics and WebSockets excepted).
   */
  LOAD_SHED_MAX_IN_FLIGHT: int(1, 100_000).default(128),
  /**
   * An `Idempotency-Key` still in progress after this many seconds belongs to a request that never
   * answered (its process stopped): the next attempt takes it over. Far above any request's run time.
   */
  IDEMPOTENCY_IN_PROGRESS_SECONDS: int(1, 3600).default(120),
  FORCE_HTTPS: bool.default(false),
  HSTS_MAX_AGE: int(0, 63_072_000).default(31_536_000),
  SECURE_COOKIES: bool.default(false),
  SMTP_URL: url(['smtp:', 'smtps:']).optional(),
  MAIL_FROM: z.string().min(3).default('CareTracker <no-reply@caretracker.dev>'),
  /** Emailed links open the app of the user's role: clients the portal, workers the care worker app, staff the admin dashboard. */
  WEB_APP_URL: url(['http:', 'https:']).default('http://localhost:3000'),
  MOBILE_WEB_APP_URL: url(['http:', 'https:']).default('http://localhost:3001'),
  ADMIN_APP_URL: url(['http:', 'https:']).default('http://localhost:3002'),
  /** Check-in/out farther than this from the client's home raises an EVV exception. */
  EVV_GEOFENCE_METERS: int(10, 10_000).default(150),
  /** Check-in/out further than this from the scheduled time raises an EVV exception; a visit not checked in by then is missed. */
  EVV_TOLERANCE_MINUTES: int(1, 240).default(15),
  /** An emergency alert nobody has acknowledged after this long escalates to every admin and supervisor. */
  EMERGENCY_ESCALATION_MINUTES: int(1, 1440).default(5),
  /** Presses for the same client and visit this soon after an unresolved alert join its timeline (no new round of emails). */
  EMERGENCY_REPEAT_WINDOW_MINUTES: int(1, 1440).default(10),
  /** The agency's phone number: the client portal shows it as the way to reach the office. */
  AGENCY_PHONE: z
    .string()
    .trim()
    .regex(/^\+?[0-9][0-9 ().-]{5,30}$/, 'must be a phone number such as +1 503 555 0100')
    .default('+1 503 555 0100'),
  /** The agency's IANA time zone: "today" on the office overview and the days of reports and exports. */
  AGENCY_TIMEZONE: z
    .string()
    .refine(isKnownTimeZone, 'must be an IANA time zone such as America/Los_Angeles')
    .default('America/Los_Angeles'),
});

/** The checked settings, with the two keys always present (configured, or the installation's own). */
export type Config = Omit<z.infer<typeof configSchema>, 'JWT_SECRET' | 'DATA_ENCRYPTION_KEY'> & {
  JWT_SECRET: string;
  DATA_ENCRYPTION_KEY: string;
};

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads and checks the environment; a bad value stops the server with the variable named. */
export function loadConfig(env: Environment = process.env): Config {
  const input = Object.fromEntries(
    Object.keys(configSchema.shape)
      .map((key) => [key, env[key]?.trim()])
      .filter(([, value]) => value !== undefined && value !== ''),
  );
  // Production is served over HTTPS: Secure cookies and HSTS unless explicitly turned off.
  const productionDefaults = input.NODE_ENV === 'production' ? { FORCE_HTTPS: 'true', SECURE_COOKIES: 'true' } : {};
  const result = configSchema.safeParse({ ...productionDefaults, ...input });
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const parsed = result.data;
  if (parsed.FILE_STORAGE_TYPE === 's3' && !parsed.S3_BUCKET) {
    throw new ConfigError('Invalid configuration:\n  S3_BUCKET: required when FILE_STORAGE_TYPE is s3');
  }
  if (Boolean(parsed.S3_ACCESS_KEY_ID) !== Boolean(parsed.S3_SECRET_ACCESS_KEY)) {
    throw new ConfigError('Invalid configuration:\n  S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY: set both or neither');
  }
  // Known or short keys are refused wherever real data may live: staging as much as production.
  const { NODE_ENV, JWT_SECRET } = parsed;
  if (NODE_ENV !== 'development' && NODE_ENV !== 'test' && JWT_SECRET) {
    if (JWT_SECRET === DEVELOPMENT_JWT_SECRET) {
      throw new ConfigError(
        `Invalid configuration:\n  JWT_SECRET: the public development secret cannot be used in ${NODE_ENV}`,
      );
    }
    if (Buffer.byteLength(JWT_SECRET) < 32) {
      throw new ConfigError(`Invalid configuration:\n  JWT_SECRET: must be at least 32 bytes in ${NODE_ENV}`);
    }
  }
  const keys = { JWT_SECRET: '', DATA_ENCRYPTION_KEY: '' };
  const missing: string[] = [];
  const resolveKey = (variable: keyof typeof keys, resolveValue: () => string) => {
    try {
      keys[variable] = resolveValue();
    } catch (error) {
      if (!(error instanceof MissingKeyError)) throw error;
      missing.push(`  ${variable}: ${error.message}`);
    }
  };
  resolveKey('JWT_SECRET', () => jwtSecretFor(parsed));
  resolveKey('DATA_ENCRYPTION_KEY', () => dataEncryptionKeyFor(parsed).toString('base64'));
  if (missing.length > 0) throw new ConfigError(`Invalid configuration:\n${missing.join('\n')}`);
  return { ...parsed, ...keys };
}

/** Config for tests and tools: defaults plus the overrides given. */
export function testConfig(overrides: Partial<Record<keyof Config, string>> = {}): Config {
  return loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', BCRYPT_SALT_ROUNDS: '4', ...overrides });
}

/** Where the data lives: PostgreSQL when DATABASE_URL is set, otherwise PGlite under DATA_DIR (default ./data). */
export function databaseOptions(config: Config): DatabaseOptions {
  if (config.DATABASE_URL) {
    return {
      url: config.DATABASE_URL,
      poolSize: config.DATABASE_POOL_SIZE,
      statementTimeoutMs: config.DATABASE_STATEMENT_TIMEOUT,
    };
  }
  return databaseOptionsFromEnv({ DATA_DIR: config.DATA_DIR });
}

/**
 * The Redis namespace of this installation: REDIS_KEY_PREFIX, else `caretracker:<database name>`
 * (`caretracker:embedded` on PGlite). Replicas of one installation share a database and so a
 * namespace; staging and production on one Redis server do not.
 */
export function redisKeyPrefix(config: Config): string {
  if (config.REDIS_KEY_PREFIX) return config.REDIS_KEY_PREFIX;
  if (!config.DATABASE_URL) return 'caretracker:embedded';
  const name = decodeURIComponent(new URL(config.DATABASE_URL).pathname.replace(/^\//, '')) || 'postgres';
  return `caretracker:${name.replace(/[^A-Za-z0-9_.-]/g, '_')}`;
}

/** Where local file storage keeps uploads: FILE_STORAGE_PATH, else `uploads` beside the embedded database (./data/uploads). */
export function fileStoragePath(config: Config): string {
  if (config.FILE_STORAGE_PATH) return resolve(config.FILE_STORAGE_PATH);
  const dataDir = config.DATA_DIR && !config.DATA_DIR.startsWith('memory://') ? config.DATA_DIR : null;
  // src/config and dist/bin are both four levels below the repository root.
  return resolve(dataDir ?? resolve(import.meta.dirname, '../../../..', 'data'), 'uploads');
}

/** For entry points: the configuration, or a clear message naming the bad variables and exit code 1. */
export function loadConfigOrExit(env: Environment = process.env): Config {
  try {
    return loadConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}

/** Whether /docs and /openapi.json are served: API_DOCS_ENABLED, else everywhere but production. */
export function apiDocsEnabled(config: Config): boolean {
  return config.API_DOCS_ENABLED ?? config.NODE_ENV !== 'production';
}

/** The key that seals secrets (TOTP secrets) and PHI identifiers at rest, as bytes. */
export function dataEncryptionKey(config: Config): Buffer {
  return Buffer.from(config.DATA_ENCRYPTION_KEY, 'base64');
}

/** Retired data keys still opened during a rotation (DATA_ENCRYPTION_KEYS_PREVIOUS). */
export function previousDataEncryptionKeys(config: Config): Buffer[] {
  return previousDataEncryptionKeysFor(config);
}
