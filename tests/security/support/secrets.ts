import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { RUN_DIR } from './ledger';

const SECRETS_DIR = path.join(RUN_DIR, 'secrets');
export const LOGS_DIR = path.join(RUN_DIR, 'logs');

export type SecretKind = 'password' | 'token' | 'TOTP secret' | 'name' | 'MRN' | 'date of birth' | 'note';

/** Notes a value the logs of the run must never contain (the logs check reads them all at the end). */
export function rememberSecret(kind: SecretKind, ...values: Array<string | null | undefined>): void {
  const lines = values
    .filter((value): value is string => typeof value === 'string' && value.length >= 6)
    .map((value) => `${JSON.stringify({ kind, value })}\n`);
  if (lines.length === 0) return;
  mkdirSync(SECRETS_DIR, { recursive: true });
  appendFileSync(path.join(SECRETS_DIR, `${process.pid}.jsonl`), lines.join(''));
}

export function readSecrets(): Array<{ kind: SecretKind; value: string }> {
  if (!existsSync(SECRETS_DIR)) return [];
  return readdirSync(SECRETS_DIR).flatMap((file) =>
    readFileSync(path.join(SECRETS_DIR, file), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { kind: SecretKind; value: string }),
  );
}
