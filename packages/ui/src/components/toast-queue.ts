import { UNSTABLE_ToastQueue as ToastQueue } from 'react-aria-components/Toast';

export type ToastTone = 'success' | 'error' | 'info';

export interface ToastMessage {
  title: string;
  description?: string;
  tone: ToastTone;
}

/**
 * One queue for the whole app (react-aria-components' toast: an ARIA landmark region, announced
 * politely; F6 jumps to it). Success and info close after 6 s (paused on hover or focus), errors
 * stay until dismissed.
 */
export const toastQueue = new ToastQueue<ToastMessage>({ maxVisibleToasts: 3 });

/** Tells the user how an action went: `toast.success(t('saved'))`. */
export const toast = {
  success: (title: string, description?: string) =>
    toastQueue.add({ title, description, tone: 'success' }, { timeout: 6000 }),
  info: (title: string, description?: string) =>
    toastQueue.add({ title, description, tone: 'info' }, { timeout: 6000 }),
  error: (title: string, description?: string) => toastQueue.add({ title, description, tone: 'error' }),
};
