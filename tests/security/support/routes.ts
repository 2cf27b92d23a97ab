import type { FastifyInstance } from 'fastify';

/**
 * Every route the running app answers, as `METHOD /path/{param}`: the OpenAPI document's paths plus
 * the routes it hides (documents, metrics, WebSockets), read from Fastify's route tree. HEAD and
 * OPTIONS are Fastify's own; Swagger UI's files under /docs belong to the /docs entry.
 */
export function appRoutes(app: FastifyInstance): string[] {
  const routes = new Set<string>();
  const document = app.swagger() as { paths?: Record<string, Record<string, unknown>> };
  for (const [path, operations] of Object.entries(document.paths ?? {})) {
    for (const method of Object.keys(operations)) routes.add(`${method.toUpperCase()} ${path}`);
  }
  const stack: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^((?:│ {3}| {4})*)(?:├── |└── )(.*?)(?: \(([^)]*)\))?$/.exec(line);
    if (!match) continue;
    const depth = (match[1] ?? '').length / 4;
    stack.length = depth;
    const path = `${stack[depth - 1] ?? ''}${match[2]}`;
    stack[depth] = path;
    if (path.startsWith('/docs/') || path.endsWith('*')) continue;
    for (const method of (match[3] ?? '').split(',').map((name) => name.trim())) {
      if (!method || method === 'HEAD' || method === 'OPTIONS') continue;
      routes.add(`${method} ${path.replace(/:([A-Za-z]+)/g, '{$1}')}`);
    }
  }
  return [...routes].sort();
}
