'use client';

import type { ReactNode } from 'react';
import { Switch as AriaSwitch, type SwitchProps as AriaSwitchProps } from 'react-aria-components/Switch';
import { choiceRow, cx, groupFocusRing } from './class-names';

export interface SwitchProps extends Omit<AriaSwitchProps, 'className' | 'children'> {
  children: ReactNode;
  className?: string;
}

/** On/off for a setting that applies at once (role=switch). The state is also written, not only coloured. */
export function Switch({ children, className, ...rest }: SwitchProps) {
  return (
    <AriaSwitch className={cx(choiceRow, className)} {...rest}>
      <span
        aria-hidden="true"
        className={cx(
          'flex h-7 w-12 shrink-0 items-center rounded-full border-2 border-border bg-surface px-0.5 transition-colors',
          'group-data-[selected]:border-brand group-data-[selected]:bg-brand',
          groupFocusRing,
        )}
      >
        <span className="size-5 rounded-full bg-border transition-transform group-data-[selected]:translate-x-5 group-data-[selected]:bg-brand-ink" />
      </span>
      <span>{children}</span>
    </AriaSwitch>
  );
}
