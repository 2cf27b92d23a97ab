import { describe, expect, it } from 'vitest';
import { passwordProblems } from './password-policy';

const never = () => false;

describe('password policy (ASVS 5, 6.2.x)', () => {
  it('asks for length only: 12 characters, no composition rules', () => {
    expect(passwordProblems('short pass', {}, never)).toEqual(['must be at least 12 characters']);
    expect(passwordProblems('all lower case words', {}, never)).toEqual([]);
  });

  it('accepts at least 64 characters and counts characters, not bytes', () => {
    expect(passwordProblems('x'.repeat(64), {}, never)).toEqual([]);
    expect(passwordProblems('é'.repeat(12), {}, never)).toEqual([]);
    expect(passwordProblems('x'.repeat(129), {}, never)).toEqual(['must be at most 128 characters']);
  });

  it('refuses passwords containing the email, its local part or the name', () => {
    const who = { email: 'pat.taylor@example.com', firstName: 'Pat', lastName: 'Taylor' };
    expect(passwordProblems('my-pat.taylor-secret', who, never)).toContain('must not contain your email or name');
    expect(passwordProblems('taylor-swift-fan-club', who, never)).toContain('must not contain your email or name');
    // Names shorter than 3 letters are not matched (they would refuse too much).
    expect(passwordProblems('a good long passphrase', { firstName: 'Al' }, never)).toEqual([]);
  });

  it('refuses what the common-password check flags', () => {
    expect(passwordProblems('whatever-it-is-here', {}, () => true)).toContain(
      'is too common: it appears in lists of leaked passwords',
    );
  });
});
