import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** Where a run keeps what its files share: the attack ledger and the captured logs (gitignored). */
export const RUN_DIR = path.resolve(import.meta.dirname, '..', '.run');
const LEDGER_DIR = path.join(RUN_DIR, 'attacks');

export type AttackCategory =
  | 'access matrix'
  | 'authentication'
  | 'fuzzing'
  | 'headers and transport'
  | 'logs'
  | 'data at rest';

interface AttackRecord {
  category: AttackCategory;
  name: string;
  blocked: boolean;
}

/**
 * Counts one attack for the summary table. A test asserts the attack was blocked; this records what
 * happened before the assertion, so a test that fails shows up in "got through" too.
 */
export function recordAttack(category: AttackCategory, name: string, blocked: boolean): boolean {
  mkdirSync(LEDGER_DIR, { recursive: true });
  const line = `${JSON.stringify({ category, name, blocked } satisfies AttackRecord)}\n`;
  appendFileSync(path.join(LEDGER_DIR, `${process.pid}.jsonl`), line);
  return blocked;
}

/** The ledger of this run: every attack recorded by any file. */
export function readLedger(): AttackRecord[] {
  if (!existsSync(LEDGER_DIR)) return [];
  return readdirSync(LEDGER_DIR).flatMap((file) =>
    readFileSync(path.join(LEDGER_DIR, file), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as AttackRecord),
  );
}

/** The suite's last words: attacks tried, blocked and got through per category (got through must be 0). */
export function printAttackTable(): void {
  const rows = new Map<string, { tried: number; blocked: number }>();
  for (const record of readLedger()) {
    const row = rows.get(record.category) ?? { tried: 0, blocked: 0 };
    row.tried += 1;
    if (record.blocked) row.blocked += 1;
    rows.set(record.category, row);
  }
  const total = { tried: 0, blocked: 0 };
  const lines = [...rows].map(([category, row]) => {
    total.tried += row.tried;
    total.blocked += row.blocked;
    return format(category, row.tried, row.blocked);
  });
  console.log(
    [
      '',
      'Security suite: attacks',
      format('category', 'tried', 'blocked', 'got through'),
      ...lines,
      format('total', total.tried, total.blocked),
      '',
    ].join('\n'),
  );
}

function format(name: string, tried: number | string, blocked: number | string, through?: string): string {
  const gotThrough = through ?? String(Number(tried) - Number(blocked));
  return `${name.padEnd(24)}${String(tried).padStart(8)}${String(blocked).padStart(10)}${gotThrough.padStart(14)}`;
}
