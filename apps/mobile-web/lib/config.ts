import { type AppUrls, idleTimeoutMinutesFrom } from '@caretracker/ui';

// NEXT_PUBLIC_* values are read when the pages are built, so set them before `next build`.
export const apiUrl = process.env.NEXT_PUBLIC_API_URL ?? 'http://localhost:4000';

export const appUrls: AppUrls = {
  web: process.env.NEXT_PUBLIC_WEB_URL ?? 'http://localhost:3000',
  'mobile-web': process.env.NEXT_PUBLIC_MOBILE_WEB_URL ?? 'http://localhost:3001',
  admin: process.env.NEXT_PUBLIC_ADMIN_URL ?? 'http://localhost:3002',
};

// Minutes without activity before the app signs the user out (PRODUCT: idle sessions end in the apps).
// 30 minutes here, 15 in the other apps: care workers use this app in clients' homes, often with
// gloves on and hands busy between check-in and check-out, and being signed out mid-visit costs a
// sign-in with a second factor at the bedside. The phone's own screen lock covers the rest.
export const idleTimeoutMinutes = idleTimeoutMinutesFrom(process.env.NEXT_PUBLIC_IDLE_TIMEOUT_MINUTES, 30);
