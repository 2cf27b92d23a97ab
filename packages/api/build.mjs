// `pnpm --filter @caretracker/api build`: bundles the server and its command-line tools into
// plain JavaScript under dist/ for the container image. The workspace packages (consumed as
// TypeScript source in development) are bundled in; every npm package stays external and is
// installed next to dist/ by `pnpm deploy --prod` in the image.
import { cpSync, rmSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const here = import.meta.dirname;
const dist = path.join(here, 'dist');
const database = path.join(here, '../database');

/** Bare imports stay external unless they name a workspace package. */
const externalNpmPackages = {
  name: 'external-npm-packages',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith('@caretracker/') ? undefined : { path: args.path, external: true },
    );
  },
};

rmSync(dist, { recursive: true, force: true });
await build({
  entryPoints: {
    server: path.join(here, 'src/server.ts'),
    'audit-verify': path.join(here, 'src/cli/audit-verify.ts'),
    migrate: path.join(database, 'src/cli/migrate.ts'),
  },
  // dist/bin/*.js: the database code finds its migrations at ../migrations, i.e. dist/migrations.
  outdir: path.join(dist, 'bin'),
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  plugins: [externalNpmPackages],
  logLevel: 'warning',
});
cpSync(path.join(database, 'migrations'), path.join(dist, 'migrations'), { recursive: true });
console.log(
  `built ${path.relative(process.cwd(), dist)}: bin/server.js, bin/migrate.js, bin/audit-verify.js, migrations/`,
);
