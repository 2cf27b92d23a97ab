#!/usr/bin/env node
// `pnpm test`: every suite in order — lint, typecheck, Vitest (unit and API integration against
// real PostgreSQL, Redis and PGlite), the security suite (attacks on the real API), the fault suite
// (crashes and outages of its own PostgreSQL, Redis and API processes), Playwright
// end-to-end, the JavaScript budget per route of the production builds — then one line of totals:
// `N passed, N failed`. Exits non-zero when anything failed.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const only = process.argv.slice(2); // e.g. `pnpm test vitest` runs one suite

function run(command, args, { capture = false, env = {} } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      if (capture) output += chunk;
    });
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

const totals = { passed: 0, failed: 0, skipped: 0 };
const lines = [];
function count(name, passed, failed, skipped = 0) {
  totals.passed += passed;
  totals.failed += failed;
  totals.skipped += skipped;
  lines.push(`${name}: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
}

/** Runs Vitest with a JSON report and counts its tests; a run that fails without a failed test counts as one failure. */
async function vitestSuite(name, args) {
  const dir = mkdtempSync(path.join(tmpdir(), 'caretracker-vitest-'));
  const report = path.join(dir, 'report.json');
  const { code } = await run('pnpm', [
    'exec',
    'vitest',
    'run',
    ...args,
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
  ]);
  const failedBefore = totals.failed;
  if (existsSync(report)) {
    const result = JSON.parse(readFileSync(report, 'utf8'));
    // Files that failed to load count as failures too.
    const brokenFiles = result.testResults.filter(
      (file) => file.status === 'failed' && file.assertionResults.length === 0,
    ).length;
    count(
      name,
      result.numPassedTests,
      result.numFailedTests + brokenFiles,
      result.numPendingTests + result.numTodoTests,
    );
  } else {
    count(name, 0, 1);
  }
  // A non-zero exit with no failed test (an unhandled error, a broken config) still fails.
  if (code !== 0 && totals.failed === failedBefore) count(`${name} run`, 0, 1);
  rmSync(dir, { recursive: true, force: true });
}

const suites = {
  async lint() {
    const { code } = await run('pnpm', ['exec', 'biome', 'check', '.']);
    count('lint', code === 0 ? 1 : 0, code === 0 ? 0 : 1);
  },
  async typecheck() {
    const { code } = await run('pnpm', ['-r', '--workspace-concurrency=1', 'typecheck']);
    count('typecheck', code === 0 ? 1 : 0, code === 0 ? 0 : 1);
  },
  vitest: () => vitestSuite('vitest', []),
  // The security suite (tests/security): its own Vitest config, ending in the table of attacks.
  security: () => vitestSuite('security', ['--config', 'tests/security/vitest.config.ts']),
  // The fault suite (tests/faults): its own PostgreSQL, Redis and API processes, ending in the table of faults.
  faults: () => vitestSuite('faults', ['--config', 'tests/faults/vitest.config.ts']),
  async e2e() {
    const { code, output } = await run('node', ['scripts/e2e.mjs'], { capture: true });
    const match = /e2e: (\d+) passed, (\d+) failed/.exec(output);
    if (match) count('e2e', Number(match[1]), Number(match[2]) + (code !== 0 && match[2] === '0' ? 1 : 0));
    else count('e2e', 0, 1);
  },
  async budget() {
    const { code, output } = await run('node', ['--import', 'tsx', 'scripts/js-budget.mts'], { capture: true });
    const match = /budget: (\d+) passed, (\d+) failed/.exec(output);
    if (match) count('budget', Number(match[1]), Number(match[2]) + (code !== 0 && match[2] === '0' ? 1 : 0));
    else count('budget', 0, 1);
  },
};

for (const [name, suite] of Object.entries(suites)) {
  if (only.length > 0 && !only.includes(name)) continue;
  console.log(`\n=== ${name} ===`);
  await suite();
}

console.log('\n=== totals ===');
for (const line of lines) console.log(line);
console.log(`${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
process.exit(totals.failed === 0 ? 0 : 1);
