import { appConfig } from '@caretracker/ui';

// 30 minutes idle here, 15 in the other apps: care workers use this app in clients' homes, often with
// gloves on and hands busy between check-in and check-out, and being signed out mid-visit costs a
// sign-in with a second factor at the bedside. The phone's own screen lock covers the rest.
export const config = appConfig({ app: 'mobile-web', defaultIdleTimeoutMinutes: 30 });
