import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasPostgres } from '../support/database';
import { recordAttack } from '../support/ledger';
import { LOGS_DIR, readSecrets, type SecretKind } from '../support/secrets';
import { OTHER_PASSWORDS, PASSWORD } from '../support/world';

/**
 * Runs after every other file of the suite (its own project, later group): the debug-level logs
 * of all the apps they ran hold no password, token, TOTP secret or seeded PHI (client names, MRNs,
 * dates of birth, notes), though those were sent in bodies, queries and paths all along.
 */
describe.skipIf(!hasPostgres())('logs', () => {
  it('the captured logs of the whole suite hold no password, token, TOTP secret or seeded PHI', () => {
    const files = existsSync(LOGS_DIR) ? readdirSync(LOGS_DIR) : [];
    const text = files.map((file) => readFileSync(path.join(LOGS_DIR, file), 'utf8')).join('');
    const lines = text.split('\n').filter(Boolean);
    // The other files must have run first and logged their requests.
    expect(files.length).toBeGreaterThan(3);
    expect(lines.length).toBeGreaterThan(1000);

    const secrets = [
      ...[PASSWORD, ...OTHER_PASSWORDS].map((value) => ({ kind: 'password' as SecretKind, value })),
      ...readSecrets(),
    ];
    const found = new Map<SecretKind, string[]>();
    const checked = new Map<SecretKind, number>();
    for (const { kind, value } of secrets) {
      checked.set(kind, (checked.get(kind) ?? 0) + 1);
      if (text.includes(value)) found.set(kind, [...(found.get(kind) ?? []), value.slice(0, 40)]);
    }
    for (const kind of checked.keys()) recordAttack('logs', `${kind} in the logs`, !found.has(kind));
    console.log(
      `logs: ${lines.length} lines from ${files.length} apps searched for ${secrets.length} values ` +
        `(${[...checked].map(([kind, count]) => `${count} ${kind}`).join(', ')})`,
    );
    expect(Object.fromEntries(found)).toEqual({});
    expect([...checked.keys()].sort()).toEqual(
      ['MRN', 'TOTP secret', 'date of birth', 'name', 'note', 'password', 'token'].sort(),
    );
  });
});
