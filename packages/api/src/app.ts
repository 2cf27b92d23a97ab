import {
  createDatabase,
  createSecretBox,
  type Database,
  type DatabaseHandle,
  registerPhiKeys,
} from '@caretracker/database';
import cookie from '@fastify/cookie';
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import websocket from '@fastify/websocket';
import Fastify, { type FastifyInstance, LogController } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Redis } from 'ioredis';
import type { DestinationStream } from 'pino';
import {
  apiDocsEnabled,
  type Config,
  databaseOptions,
  dataEncryptionKey,
  previousDataEncryptionKeys,
  redisKeyPrefix,
} from './config/config';
import { RateLimitedError } from './errors/app-errors';
import { frameworkErrorHandler, registerErrorHandling } from './errors/error-handler';
import { logDestination } from './infra/log-destination';
import { errorLogFields, requestLogFields } from './infra/log-fields';
import { createMailer, type Mailer } from './infra/mailer';
import { createRedis } from './infra/redis';
import { createAuditExport } from './modules/audit/export';
import { createRecordTrail } from './modules/audit/record-trail';
import { recordTrailRoutes } from './modules/audit/record-trail-routes';
import { auditRoutes } from './modules/audit/routes';
import { type AuditService, createAuditService } from './modules/audit/service';
import { createAccountService } from './modules/auth/account-service';
import { createLockout } from './modules/auth/lockout';
import { createMySessionsService } from './modules/auth/my-sessions';
import { mySessionsRoutes } from './modules/auth/my-sessions-routes';
import { authRoutes } from './modules/auth/routes';
import { createAuthService } from './modules/auth/service';
import { createSessionStore, type SessionStore } from './modules/auth/sessions';
import { createTokenService } from './modules/auth/tokens';
import { breakGlassRoutes } from './modules/break-glass/routes';
import { createBreakGlassService } from './modules/break-glass/service';
import { budgetsRoutes } from './modules/budgets/routes';
import { createBudgetsService } from './modules/budgets/service';
import { careTeamsRoutes } from './modules/care-teams/routes';
import { createCareTeamsService } from './modules/care-teams/service';
import { carePlanReviewJob } from './modules/careplans/review-reminders';
import { carePlansRoutes } from './modules/careplans/routes';
import { createCarePlansService } from './modules/careplans/service';
import { emergencyEscalationJob } from './modules/emergencies/escalation';
import { emergenciesRoutes } from './modules/emergencies/routes';
import { createEmergenciesService } from './modules/emergencies/service';
import { createMedicationHistory } from './modules/evv/medication-history';
import { medicationHistoryRoutes } from './modules/evv/medication-history-routes';
import { missedVisitsJob } from './modules/evv/missed-visits';
import { evvRoutes } from './modules/evv/routes';
import { createEvvService } from './modules/evv/service';
import { familyRoutes } from './modules/family/routes';
import { createFamilyService } from './modules/family/service';
import { filesRoutes } from './modules/files/routes';
import { createFilesService } from './modules/files/service';
import { healthRoutes } from './modules/health/routes';
import { auditChainCheckJob } from './modules/jobs/audit-chain-check';
import { createJobMetrics, type JobMetrics } from './modules/jobs/metrics';
import { retentionPurgeJob } from './modules/jobs/retention-purge';
import { jobsRoutes } from './modules/jobs/routes';
import type { Job, JobRunner } from './modules/jobs/runner';
import { messagesRoutes } from './modules/messages/routes';
import { createMessagesService } from './modules/messages/service';
import type { ModuleDeps } from './modules/module-deps';
import { notificationDigestJob } from './modules/notifications/digest';
import { notificationsRoutes } from './modules/notifications/routes';
import { createNotifier, type Notifier } from './modules/notifications/service';
import { overviewRoutes } from './modules/overview/routes';
import { createOverviewService } from './modules/overview/service';
import { portalRoutes } from './modules/portal/routes';
import { createPortalService } from './modules/portal/service';
import type { EventBus } from './modules/realtime/event-bus';
import { realtimeRoutes, websocketPluginOptions } from './modules/realtime/routes';
import { createRealtime, type RealtimeOptions } from './modules/realtime/service';
import { reportsRoutes } from './modules/reports/routes';
import { createReportsService } from './modules/reports/service';
import { searchRoutes } from './modules/search/routes';
import { createSearchService } from './modules/search/service';
import { systemRoutes } from './modules/system/routes';
import { userPhotoRoutes } from './modules/users/photo-routes';
import { createUserPhotosService } from './modules/users/photo-service';
import { usersRoutes } from './modules/users/routes';
import { createUsersService } from './modules/users/service';
import { visitFeedbackRoutes } from './modules/visit-feedback/routes';
import { createVisitFeedbackService } from './modules/visit-feedback/service';
import { visitsRoutes } from './modules/visits/routes';
import { createVisitsService } from './modules/visits/service';
import { workerDayRoutes } from './modules/worker-day/routes';
import { createWorkerDayService } from './modules/worker-day/service';
import { registerCacheControl } from './plugins/cache-control';
import { corsOptions } from './plugins/cors-options';
import { registerCrossSiteDefence } from './plugins/cross-site';
import { registerStandardErrorResponses } from './plugins/error-responses';
import { registerIdempotency } from './plugins/idempotency';
import { JSON_BODY_LIMIT, registerJsonBodies } from './plugins/json-body';
import { registerLoadShedding } from './plugins/load-shedding';
import { registerMetrics } from './plugins/metrics';
import { registerRequestContext, requestIdFor } from './plugins/request-context';
import { securityHeaderOptions, securityHeaders } from './plugins/security-headers';
import { registerTextInputCheck } from './plugins/text-input';

export interface AppDeps {
  config: Config;
  database: DatabaseHandle;
  db: Database;
  redis: Redis | null;
  mailer: Mailer;
  audit: AuditService;
  sessions: SessionStore;
  notifier: Notifier;
  /** Live updates (WebSocket events), published after the change commits. */
  events: EventBus;
  /** Background jobs; `server.ts` runs them on timers, tests call `run` directly. */
  jobs: Job[];
  /** Set by `server.ts` when it runs the jobs; shutdown lets running jobs finish before the database closes. */
  jobRunner: JobRunner | null;
  /** Job failures and durations in `/metrics`, whichever runner executes them. */
  jobMetrics: JobMetrics;
}

declare module 'fastify' {
  interface FastifyInstance {
    deps: AppDeps;
  }
}

export interface BuildOptions {
  /** An open database to use instead of the one the config names (tests share one). */
  database?: DatabaseHandle;
  /** Heartbeat and replay-log settings of live updates (tests shorten them). */
  realtime?: Partial<RealtimeOptions>;
  /** Where log lines go instead of stdout (tests read them). */
  logStream?: DestinationStream;
}

/** Values the logger never writes, wherever they appear. */
const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["sec-websocket-protocol"]',
  'res.headers["set-cookie"]',
  'req.body.password',
  'req.body.currentPassword',
  'req.body.newPassword',
  'req.body.refreshToken',
  'req.body.token',
  'req.body.code',
  'req.body.mfaToken',
];

/**
 * Builds the API: external plugins, then infrastructure, then one module per domain. Shutdown
 * (`app.close()`) releases them in reverse order.
 */
export async function buildApp(config: Config, options: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger:
      config.LOG_LEVEL === 'silent'
        ? false
        : {
            level: config.LOG_LEVEL,
            redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
            // Route patterns instead of URLs with their query strings; failed queries without their values.
            serializers: { req: requestLogFields, err: errorLogFields },
            // A test's capture stream, else LOG_FILE (pnpm start), else the console.
            ...(options.logStream ? { stream: options.logStream } : logDestination(config)),
          },
    logController: new LogController({ requestIdLogLabel: 'requestId' }),
    // The caller's X-Request-ID only when well-formed (see requestIdFor), else a new UUID.
    requestIdHeader: false,
    genReqId: requestIdFor,
    keepAliveTimeout: 72_000,
    bodyLimit: JSON_BODY_LIMIT,
    // Only the configured proxies' X-Forwarded-For is believed; with none, the peer address counts.
    trustProxy: config.TRUSTED_PROXIES.length > 0 ? config.TRUSTED_PROXIES : false,
    routerOptions: { caseSensitive: false, ignoreDuplicateSlashes: true, ignoreTrailingSlash: true },
    // URLs the router refuses before any hook (bad percent-encoding, overlong parameters): the shared
    // error shape, with the headers helmet gives every other answer.
    frameworkErrors: frameworkErrorHandler(securityHeaders(config)),
  }).withTypeProvider<ZodTypeProvider>();

  // 1. External plugins.
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerStandardErrorResponses(app);
  registerErrorHandling(app);
  registerJsonBodies(app);
  registerTextInputCheck(app);
  await app.register(cookie);
  await app.register(helmet, securityHeaderOptions(config));
  await app.register(cors, corsOptions(config.CORS_ORIGINS));
  // After the security headers (a 503 carries them too), before the rate limit's Redis round trip.
  registerLoadShedding(app, { maxInFlight: config.LOAD_SHED_MAX_IN_FLIGHT });
  // Shutdown closes sockets with 1012 and a reconnect hint (see realtime/routes.ts).
  await app.register(
    websocket,
    websocketPluginOptions(() => realtime.closeSockets()),
  );

  // 2. Infrastructure.
  const database = options.database ?? createDatabase(databaseOptions(config));
  const ownsDatabase = !options.database;
  const redis = config.REDIS_URL ? createRedis(config.REDIS_URL, app.log) : null;
  const redisPrefix = redisKeyPrefix(config);
  await app.register(rateLimit, {
    global: true,
    max: config.RATE_LIMIT_MAX,
    timeWindow: config.RATE_LIMIT_WINDOW,
    ...(redis ? { redis, nameSpace: `${redisPrefix}:ratelimit:` } : {}),
    // Redis away: requests are served uncounted rather than failed (login guessing stays bounded by
    // the account lockout, which lives in PostgreSQL).
    skipOnError: true,
    errorResponseBuilder: (_request, context) => new RateLimitedError(Math.max(1, Math.ceil(context.ttl / 1000))),
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'CareTracker API',
        version: '0.1.0',
        description: 'Home-care management: identity, people, care delivery.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
          cookie: { type: 'apiKey', in: 'cookie', name: 'ct_access' },
        },
      },
      security: [{ bearer: [] }, { cookie: [] }],
    },
    transform: jsonSchemaTransform,
  });
  // Off in production unless API_DOCS_ENABLED: the document maps every route for an attacker too.
  if (apiDocsEnabled(config)) {
    await app.register(swaggerUi, { routePrefix: '/docs' });
    app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  }

  const db = database.db;
  const mailer = createMailer({ smtpUrl: config.SMTP_URL, from: config.MAIL_FROM, db, log: app.log });
  const audit = createAuditService({ db, phiReadsAudited: config.HIPAA_AUDIT_ENABLED });
  const tokens = createTokenService({ secret: config.JWT_SECRET, accessTtlMs: config.JWT_EXPIRES_IN });
  const sessions = createSessionStore({ db, tokens, refreshTtlMs: config.REFRESH_TOKEN_EXPIRES_IN });
  const notifier = createNotifier({ db, mailer, agencyTimeZone: config.AGENCY_TIMEZONE });
  const metricsRegistry = config.METRICS_ENABLED
    ? registerMetrics(app, { token: config.METRICS_TOKEN, allowedIps: config.METRICS_ALLOWED_IPS })
    : null;
  const realtime = createRealtime({
    db,
    redis,
    log: app.log,
    registry: metricsRegistry,
    namespace: `${redisPrefix}:realtime`,
    options: options.realtime,
  });
  const events = realtime.events;
  notifier.subscribe(events.fromNotifier);
  const deps: AppDeps = {
    config,
    database,
    db,
    redis,
    mailer,
    audit,
    sessions,
    notifier,
    events,
    jobs: [],
    jobRunner: null,
    jobMetrics: createJobMetrics(metricsRegistry),
  };
  app.decorate('deps', deps);

  const lockout = createLockout(db);
  registerRequestContext(app, { tokens, sessions, audit });
  registerCacheControl(app);
  registerCrossSiteDefence(app, config.CORS_ORIGINS);
  registerIdempotency(app, db, config.IDEMPOTENCY_IN_PROGRESS_SECONDS);

  // 3. Modules.
  // PHI identifiers in profiles are sealed and opened by their columns under these keys.
  registerPhiKeys(dataEncryptionKey(config), previousDataEncryptionKeys(config));
  const secrets = createSecretBox(dataEncryptionKey(config), previousDataEncryptionKeys(config));
  const auth = createAuthService({ db, config, tokens, sessions, lockout, audit, secrets });
  const account = createAccountService({ db, config, mailer, sessions, lockout, audit });
  const users = createUsersService({ db, config, audit, sessions, account, lockout });
  await app.register(healthRoutes, { deps });
  await app.register(authRoutes, { prefix: '/auth', config, auth, account });
  await app.register(mySessionsRoutes, {
    prefix: '/auth/sessions',
    service: createMySessionsService({ db, sessions, audit }),
  });
  await app.register(usersRoutes, { prefix: '/users', users });
  await app.register(auditRoutes, {
    prefix: '/audit',
    audit,
    exporter: createAuditExport({ db, audit, timeZone: config.AGENCY_TIMEZONE }),
  });
  await app.register(recordTrailRoutes, { prefix: '/users', trail: createRecordTrail({ db, audit }) });
  await app.register(medicationHistoryRoutes, { prefix: '/users', history: createMedicationHistory({ db, audit }) });
  await app.register(careTeamsRoutes, { prefix: '/users', service: createCareTeamsService({ db, config, audit }) });
  await app.register(familyRoutes, { prefix: '/users', service: createFamilyService({ db, audit }) });
  const careDeps = { db, config, audit, notifier, events };
  const carePlans = createCarePlansService(careDeps);
  const visits = createVisitsService(careDeps);
  await app.register(carePlansRoutes, { prefix: '/careplans', carePlans });
  await app.register(visitsRoutes, { visits });
  await app.register(workerDayRoutes, { service: createWorkerDayService({ db, visits, users, carePlans }) });
  await app.register(evvRoutes, { prefix: '/visits', evv: createEvvService(careDeps) });
  deps.jobs.push(missedVisitsJob(careDeps));
  deps.jobs.push(carePlanReviewJob(careDeps));
  const moduleDeps: ModuleDeps = { db, config, audit, notifier, mailer, redis, events };
  await app.register(budgetsRoutes, { prefix: '/budgets', service: createBudgetsService(moduleDeps) });
  await app.register(reportsRoutes, { service: createReportsService(moduleDeps) });
  await app.register(searchRoutes, { prefix: '/search', service: createSearchService(moduleDeps) });
  const filesService = createFilesService(moduleDeps);
  await app.register(filesRoutes, { prefix: '/files', service: filesService });
  await app.register(userPhotoRoutes, {
    prefix: '/users',
    photos: createUserPhotosService({ db, audit, files: filesService }),
  });
  await app.register(messagesRoutes, { service: createMessagesService(moduleDeps) });
  await app.register(notificationsRoutes, { prefix: '/notifications', deps: moduleDeps });
  deps.jobs.push(notificationDigestJob(moduleDeps));
  await app.register(emergenciesRoutes, { prefix: '/emergencies', service: createEmergenciesService(moduleDeps) });
  deps.jobs.push(emergencyEscalationJob(moduleDeps));
  await app.register(realtimeRoutes, { realtime, allowedOrigins: config.CORS_ORIGINS });
  deps.jobs.push(retentionPurgeJob({ db, config, audit, log: app.log }));
  deps.jobs.push(auditChainCheckJob({ db, audit, notifier, log: app.log }));
  await app.register(jobsRoutes, { prefix: '/admin/jobs', audit, runner: () => deps.jobRunner });
  await app.register(systemRoutes, { prefix: '/admin', deps });
  const runner = () => deps.jobRunner;
  await app.register(overviewRoutes, { service: createOverviewService({ ...moduleDeps, runner }) });
  await app.register(portalRoutes, { service: createPortalService(moduleDeps) });
  await app.register(visitFeedbackRoutes, { service: createVisitFeedbackService(moduleDeps) });
  await app.register(breakGlassRoutes, {
    prefix: '/break-glass',
    breakGlass: createBreakGlassService({ db, audit, mailer, agencyTimeZone: config.AGENCY_TIMEZONE }),
  });

  // Shutdown: answers still in flight tell their clients to close the connection, so a kept-alive
  // connection (keepAliveTimeout is 72 s) does not hold the process open after the last answer.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (_request, reply) => {
    if (closing) reply.header('connection', 'close');
  });
  // Runs after the server has stopped accepting connections and in-flight requests have finished.
  app.addHook('onClose', async () => {
    deps.jobRunner?.stop();
    await deps.jobRunner?.drain();
    mailer.close();
    await realtime.close();
    if (redis) await redis.quit().catch(() => redis.disconnect());
    if (ownsDatabase) await database.close();
  });
  return app;
}
