import { describe, expect, it } from 'vitest';
import { createDeparture } from './departure';

function recorded() {
  const visits: string[] = [];
  return { visits, departure: createDeparture((path, how) => visits.push(`${how} ${path}`)) };
}

describe('leaving for sign-in', () => {
  it('an idle sign-out keeps its reason when a query meets the ended session first', () => {
    const { visits, departure } = recorded();
    departure.begin();
    // The server has ended the session; a poll answered 401 before the logout call returned.
    departure.sessionLost('/login');
    departure.leave('/login?reason=idle');
    expect(visits).toEqual(['replace /login?reason=idle']);
  });

  it('a lost session goes to sign-in once, and a later sign-out does not navigate again', () => {
    const { visits, departure } = recorded();
    departure.sessionLost('/login?next=%2Fvisits');
    departure.sessionLost('/login');
    departure.leave('/login', 'assign');
    expect(visits).toEqual(['replace /login?next=%2Fvisits']);
  });

  it('a failed sign-out lets a later lost session redirect again', () => {
    const { visits, departure } = recorded();
    departure.begin();
    departure.cancel();
    departure.sessionLost('/login');
    expect(visits).toEqual(['replace /login']);
  });
});
