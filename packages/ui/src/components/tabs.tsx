'use client';

import type { ReactNode } from 'react';
import {
  Tab as AriaTab,
  TabList as AriaTabList,
  TabPanel as AriaTabPanel,
  Tabs as AriaTabs,
  type TabsProps as AriaTabsProps,
  type TabPanelProps,
  type TabProps,
} from 'react-aria-components/Tabs';
import { cx } from './class-names';

export function Tabs({ className, ...rest }: Omit<AriaTabsProps, 'className'> & { className?: string }) {
  return <AriaTabs className={cx('flex flex-col gap-4', className)} {...rest} />;
}

export function TabList({ label, children }: { label: string; children: ReactNode }) {
  return (
    <AriaTabList aria-label={label} className="flex flex-wrap gap-1 border-border-subtle border-b">
      {children}
    </AriaTabList>
  );
}

/** A tab: the selected one is bold and underlined (not colour alone). */
export function Tab({ className, ...rest }: Omit<TabProps, 'className'> & { className?: string }) {
  return (
    <AriaTab
      className={cx(
        '-mb-px flex min-h-11 cursor-pointer items-center border-transparent border-b-4 px-4 py-2 font-semibold text-ink-muted',
        'data-[hovered]:text-ink data-[selected]:border-brand data-[selected]:text-brand-strong',
        className,
      )}
      {...rest}
    />
  );
}

export function TabPanel({ className, ...rest }: Omit<TabPanelProps, 'className'> & { className?: string }) {
  return <AriaTabPanel className={cx('outline-none', className)} {...rest} />;
}
