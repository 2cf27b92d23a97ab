#!/usr/bin/env node
// Run by each app's `build` after `next build`, in the app's folder: the standalone server does not
// serve `.next/static` and `public` until they sit beside it (Next.js docs, output: 'standalone').
// Then `node .next/standalone/apps/<app>/server.js` is the whole app, as in the Dockerfiles.
import { cpSync, existsSync, rmSync } from 'node:fs';
import path from 'node:path';

const appDir = process.cwd();
const app = path.basename(appDir);
const served = path.join(appDir, '.next', 'standalone', 'apps', app);
if (!existsSync(path.join(served, 'server.js'))) {
  console.error(`copy-standalone-assets: no ${path.relative(appDir, served)}/server.js; is output 'standalone'?`);
  process.exit(1);
}
for (const [from, to] of [
  [path.join(appDir, '.next', 'static'), path.join(served, '.next', 'static')],
  [path.join(appDir, 'public'), path.join(served, 'public')],
]) {
  if (!existsSync(from)) continue;
  rmSync(to, { recursive: true, force: true });
  cpSync(from, to, { recursive: true });
}
