'use client';

import { useTranslations } from 'next-intl';
import { Icon } from '../components/icons';
import { isCurrent, type NavItem } from './nav';
import type { NavBadges } from './nav-badges';
import { NavEntry, NavLinks, navEntryClass, UnreadBadge } from './nav-links';

/** Up to this many entries the bar shows them all (the portal's six, the worker app's five). */
export const BAR_ALL_UP_TO = 6;
/**
 * Past that, the first three and "More": four tiles of 95 px on a 390 px phone hold the longest
 * names ("Notifications", "Notificaciones" take 86 px and more), five do not.
 */
const BAR_SHOWN = 3;
const MORE_PANEL_ID = 'more-nav';

/**
 * The phone's navigation: every entry when they fit, otherwise the first three and "More", which
 * opens the rest in a panel above the bar. The panel is the browser's own popover (Escape and a
 * tap outside close it, the button is announced as expanded or collapsed): no script on any page.
 * It is drawn again on each page, so choosing an entry closes it. "More" is marked when the
 * current page or an unread count is inside.
 */
export function BottomBar({
  items,
  pathname,
  badges,
}: {
  items: readonly NavItem[];
  pathname: string;
  badges: NavBadges;
}) {
  const t = useTranslations('shell');
  const tn = useTranslations('nav');
  if (items.length <= BAR_ALL_UP_TO)
    return <NavLinks items={items} pathname={pathname} variant="bar" badges={badges} />;
  const shown = items.slice(0, BAR_SHOWN);
  const rest = items.slice(BAR_SHOWN);
  const currentInside = rest.find((item) => isCurrent(item.href, pathname));
  const unread = rest.reduce((sum, item) => sum + (badges[item.href] ?? 0), 0);
  return (
    <>
      <ul className="flex justify-around overflow-x-auto">
        {shown.map((item) => (
          <NavEntry key={item.href} item={item} pathname={pathname} variant="bar" unread={badges[item.href] ?? 0} />
        ))}
        <li className="flex-1 shrink-0">
          <button type="button" popoverTarget={MORE_PANEL_ID} className={navEntryClass('bar', Boolean(currentInside))}>
            <span className="relative inline-flex">
              <Icon name="menu" className="size-6" />
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
      </ul>
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
