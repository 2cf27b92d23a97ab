'use client';

import { createContext, useCallback, useContext, useEffect, useState } from 'react';

/** Unread counts by nav entry (its `href`): shown as a badge on the entry and in its accessible name. */
export type NavBadges = Readonly<Record<string, number>>;

type Report = (href: string, count: number) => void;

const NavBadgesContext = createContext<Report | null>(null);
export const NavBadgesProvider = NavBadgesContext.Provider;

/** The shell's side: the counts the app reported, and the function it reports them with. */
export function useNavBadgeState(): { badges: NavBadges; report: Report } {
  const [badges, setBadges] = useState<NavBadges>({});
  const report = useCallback<Report>(
    (href, count) => setBadges((current) => (current[href] === count ? current : { ...current, [href]: count })),
    [],
  );
  return { badges, report };
}

/**
 * The app's side: shows `count` on the nav entry for `href` while the caller is mounted (the
 * counts come from the app's own live queries, inside SignedInLayout).
 */
export function useNavBadge(href: string, count: number | undefined) {
  const report = useContext(NavBadgesContext);
  useEffect(() => {
    if (!report) return;
    report(href, count ?? 0);
    return () => report(href, 0);
  }, [report, href, count]);
}
