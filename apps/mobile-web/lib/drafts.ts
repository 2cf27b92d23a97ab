'use client';

import { useCallback, useEffect, useState } from 'react';

export type ActivityOutcome = 'DONE' | 'REFUSED' | 'NOT_DONE';

/** What the worker has written during a visit and not yet sent (it goes with the check-out). */
export interface VisitDraft {
  activities: Record<string, { status: ActivityOutcome; note?: string }>;
  notes: string;
  privateNotes: string;
  followUpRequired: boolean;
  /** What the office should follow up on (with the flag). */
  followUpNote?: string;
  /** How the client rated the visit, 1 (very unhappy) to 5 (very happy); absent when not asked. */
  clientSatisfaction?: number;
  /** The client's signature drawn on screen, as a PNG (or SVG) data URL. */
  clientSignature?: string;
  /** Readings as typed (checked against the shared ranges at check-out). */
  vitals?: Record<string, string>;
}

const EMPTY: VisitDraft = { activities: {}, notes: '', privateNotes: '', followUpRequired: false };
const keyOf = (visitId: string) => `caretracker-visit-draft:${visitId}`;

function read(visitId: string): VisitDraft {
  try {
    const raw = window.localStorage.getItem(keyOf(visitId));
    return raw ? { ...EMPTY, ...(JSON.parse(raw) as Partial<VisitDraft>) } : EMPTY;
  } catch {
    return EMPTY;
  }
}

/**
 * The visit's draft on the device (localStorage): every tick and every word is kept through a
 * reload, a lost signal or a dead battery, until the check-out carrying it has been queued.
 */
export function useVisitDraft(visitId: string) {
  const [draft, setDraft] = useState<VisitDraft>(EMPTY);
  useEffect(() => setDraft(read(visitId)), [visitId]);
  const update = useCallback(
    (change: (draft: VisitDraft) => VisitDraft) => {
      setDraft((current) => {
        const next = change(current);
        try {
          window.localStorage.setItem(keyOf(visitId), JSON.stringify(next));
        } catch {
          // Storage full or blocked: the draft still lives in memory for this visit.
        }
        return next;
      });
    },
    [visitId],
  );
  /** The check-out carrying the draft was applied: the device forgets it. */
  const clear = useCallback(() => {
    try {
      window.localStorage.removeItem(keyOf(visitId));
    } catch {
      // Nothing stored.
    }
  }, [visitId]);
  return { draft, update, clear };
}

export function emergencyKey(visitId: string) {
  return `caretracker-emergency:${visitId}`;
}
