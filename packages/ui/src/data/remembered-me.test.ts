import type { Me } from '@caretracker/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { forgetMe, recallMe, rememberMe } from './remembered-me';

const JORDAN: Me = {
  id: '8f0c7a52-3f8e-4c3e-9d55-1b2a4c6d8e01',
  email: 'jordan@example.org',
  role: 'WORKER',
  firstName: 'Jordan',
  lastName: 'Lee',
  emailVerified: true,
  mfaEnabled: false,
  timezone: 'America/Chicago',
  preferredLanguage: 'en',
  actsFor: null,
};
const MINUTE = 60_000;

afterEach(() => window.sessionStorage.clear());

describe('the user a tab remembers between page loads', () => {
  it('comes back within the idle timeout, counted from the load or the last activity', () => {
    rememberMe(JORDAN, 1_000_000);
    expect(recallMe(15 * MINUTE, 0, 1_000_000 + 10 * MINUTE)).toEqual(JORDAN);
    // Loaded 20 minutes ago but active 5 minutes ago: the session is alive.
    expect(recallMe(15 * MINUTE, 1_000_000 + 15 * MINUTE, 1_000_000 + 20 * MINUTE)).toEqual(JORDAN);
  });

  it('is not recalled once the idle sign-out would have ended the session', () => {
    rememberMe(JORDAN, 1_000_000);
    expect(recallMe(15 * MINUTE, 0, 1_000_000 + 16 * MINUTE)).toBeUndefined();
  });

  it('is gone after forgetMe, and anything unreadable or of the wrong shape is no user', () => {
    rememberMe(JORDAN);
    forgetMe();
    expect(recallMe(15 * MINUTE)).toBeUndefined();
    window.sessionStorage.setItem('caretracker.me', '{not json');
    expect(recallMe(15 * MINUTE)).toBeUndefined();
    window.sessionStorage.setItem('caretracker.me', JSON.stringify({ me: { ...JORDAN, id: 7 }, at: Date.now() }));
    expect(recallMe(15 * MINUTE)).toBeUndefined();
  });
});
