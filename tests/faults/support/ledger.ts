import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** Where a run keeps what its files share (gitignored): the fault ledger. */
export const RUN_DIR = path.resolve(import.meta.dirname, '..', '.run');
const LEDGER_DIR = path.join(RUN_DIR, 'faults');

export interface FaultRecord {
  fault: string;
  /** Injected and the system came through it; false when the test's checks failed. */
  survived: boolean;
  requestsLost: number;
  recordsInconsistent: number;
  /** Set when the case could not run on this machine (the reason is printed). */
  skipped?: string;
  note?: string;
}

/**
 * Counts one injected fault for the summary table. Tests record what they measured before they
 * assert on it, so a failing case still shows its lost requests and inconsistent records.
 */
export function recordFault(record: FaultRecord): void {
  mkdirSync(LEDGER_DIR, { recursive: true });
  appendFileSync(path.join(LEDGER_DIR, `${process.pid}.jsonl`), `${JSON.stringify(record)}\n`);
}

export function skipFault(fault: string, reason: string): void {
  console.warn(`fault skipped: ${fault}: ${reason}`);
  recordFault({ fault, survived: false, requestsLost: 0, recordsInconsistent: 0, skipped: reason });
}

function readLedger(): FaultRecord[] {
  if (!existsSync(LEDGER_DIR)) return [];
  return readdirSync(LEDGER_DIR).flatMap((file) =>
    readFileSync(path.join(LEDGER_DIR, file), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as FaultRecord),
  );
}

const row = (cells: Array<string | number>) =>
  cells.map((cell, index) => (index === 0 ? String(cell).padEnd(48) : String(cell).padStart(10))).join('');

/** The suite's last words: faults injected, survived, requests lost and records inconsistent (both must be 0). */
export function printFaultTable(): void {
  const records = readLedger();
  const ran = records.filter((record) => !record.skipped);
  const total = { injected: 0, survived: 0, lost: 0, inconsistent: 0 };
  const lines = ran.map((record) => {
    total.injected += 1;
    total.survived += record.survived ? 1 : 0;
    total.lost += record.requestsLost;
    total.inconsistent += record.recordsInconsistent;
    return row([record.fault, 1, record.survived ? 1 : 0, record.requestsLost, record.recordsInconsistent]);
  });
  console.log(
    [
      '',
      'Fault suite',
      row(['fault', 'injected', 'survived', 'lost', 'inconsist.']),
      ...lines,
      row(['total', total.injected, total.survived, total.lost, total.inconsistent]),
      ...records.filter((record) => record.skipped).map((record) => `skipped: ${record.fault}: ${record.skipped}`),
      ...records.filter((record) => record.note).map((record) => `${record.fault}: ${record.note}`),
      '',
    ].join('\n'),
  );
}
