'use client';

import { useTranslations } from 'next-intl';
import { LineIcon } from '../components/icons';
import { isCurrent, type NavItem } from './nav';
import type { NavBadges } from './nav-badges';
import { NavLinks, navEntryClass, UnreadBadge } from './nav-links';

const MORE_PANEL_ID = 'more-nav';

/**
 * The bar of an app with more entries than fit: the first `shown` and "More", which opens the
 * rest in a panel above the bar. The panel is the browser's own popover (Escape and a tap outside
 * close it, the button is announced as expanded or collapsed). It is drawn again on each page, so
 * choosing an entry closes it. "More" is marked when the current page or an unread count is inside.
 */
export function MoreBar({
  items,
  shown: count,
  pathname,
  badges,
}: {
  items: readonly NavItem[];
  shown: number;
  pathname: string;
  badges: NavBadges;
}) {
  const t = useTranslations('shell');
  const tn = useTranslations('nav');
  const shown = items.slice(0, count);
  const rest = items.slice(count);
  const currentInside = rest.find((item) => isCurrent(item.href, pathname));
  const unread = rest.reduce((sum, item) => sum + (badges[item.href] ?? 0), 0);
  return (
    <>
      <NavLinks items={shown} pathname={pathname} variant="bar" badges={badges}>
        <li className="flex-1 shrink-0">
          <button type="button" popoverTarget={MORE_PANEL_ID} className={navEntryClass('bar', Boolean(currentInside))}>
            <span className="relative inline-flex">
              {/* Its path lives here, not in the shared icon set: only this bar, loaded only where needed, uses it. */}
              <LineIcon d="M4 6h16M4 12h16M4 18h16" className="size-6" />
              <UnreadBadge count={unread} className="-right-2.5 -top-1.5 absolute" />
            </span>
            <span className="whitespace-nowrap">
              {t('navMore')}
              {currentInside && (
                <span className="sr-only">{t('navMoreCurrent', { name: tn(currentInside.label) })}</span>
              )}
              {unread > 0 && <span className="sr-only">{t('navUnread', { count: unread })}</span>}
            </span>
          </button>
        </li>
      </NavLinks>
      <div
        key={pathname}
        id={MORE_PANEL_ID}
        popover="auto"
        className="inset-auto right-2 bottom-20 m-0 w-64 max-w-[calc(100vw-1rem)] rounded-card border border-border-subtle bg-surface p-2 text-ink shadow-lg"
      >
        <NavLinks items={rest} pathname={pathname} variant="side" badges={badges} />
      </div>
    </>
  );
}
