import { mkdirSync, rmSync } from 'node:fs';
import { printFaultTable, RUN_DIR } from './ledger';

/** One ledger per run, emptied at the start; the table of faults printed at the end. */
export default function setup() {
  rmSync(RUN_DIR, { recursive: true, force: true });
  mkdirSync(RUN_DIR, { recursive: true });
  return () => printFaultTable();
}
