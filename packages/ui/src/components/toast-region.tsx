'use client';

import { useTranslations } from 'next-intl';
import { Button as AriaButton } from 'react-aria-components/Button';
import { Text } from 'react-aria-components/Text';
import {
  UNSTABLE_Toast as AriaToast,
  UNSTABLE_ToastContent as ToastContent,
  UNSTABLE_ToastRegion as ToastRegion,
} from 'react-aria-components/Toast';
import { cx } from './class-names';
import { Icon } from './icons';
import { type ToastTone, toastQueue } from './toast-queue';

const tones: Record<ToastTone, string> = {
  success: 'border-success bg-success-soft text-success',
  error: 'border-danger bg-danger-soft text-danger-strong',
  info: 'border-info bg-info-soft text-brand-strong',
};
const icons = { success: 'check', error: 'alert', info: 'info' } as const;

/** The toast landmark region (loaded once the first toast is queued; see Toaster). */
export function ToastRegionView() {
  const t = useTranslations('components');
  return (
    <ToastRegion
      queue={toastQueue}
      aria-label={t('notifications')}
      className="fixed right-4 bottom-20 left-4 z-50 flex flex-col items-center gap-2 outline-none md:bottom-4 md:left-auto"
    >
      {({ toast: item }) => (
        <AriaToast
          toast={item}
          className={cx(
            'flex w-full max-w-md items-start gap-3 rounded-control border-l-4 px-4 py-3 shadow-lg',
            tones[item.content.tone],
          )}
        >
          <Icon name={icons[item.content.tone]} className="mt-0.5 size-5 shrink-0" />
          <ToastContent className="flex flex-1 flex-col">
            <Text slot="title" className="font-semibold">
              {item.content.title}
            </Text>
            {item.content.description && (
              <Text slot="description" className="text-ink">
                {item.content.description}
              </Text>
            )}
          </ToastContent>
          <AriaButton
            slot="close"
            aria-label={t('dismiss')}
            className="-my-2 -mr-2 flex min-h-11 min-w-11 cursor-pointer items-center justify-center rounded-control"
          >
            <Icon name="close" />
          </AriaButton>
        </AriaToast>
      )}
    </ToastRegion>
  );
}
