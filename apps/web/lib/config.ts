import { type AppUrls, idleTimeoutMinutesFrom } from '@caretracker/ui';

// NEXT_PUBLIC_* values are read when the pages are built, so set them before `next build`.
export const apiUrl = process.env.NEXT_PUBLIC_API_URL ?? 'http://localhost:4000';

export const appUrls: AppUrls = {
  web: process.env.NEXT_PUBLIC_WEB_URL ?? 'http://localhost:3000',
  'mobile-web': process.env.NEXT_PUBLIC_MOBILE_WEB_URL ?? 'http://localhost:3001',
  admin: process.env.NEXT_PUBLIC_ADMIN_URL ?? 'http://localhost:3002',
};

// Minutes without activity before the app signs the user out (PRODUCT: idle sessions end in the apps).
// 15 minutes: an office or family screen left unattended should not keep showing care records.
export const idleTimeoutMinutes = idleTimeoutMinutesFrom(process.env.NEXT_PUBLIC_IDLE_TIMEOUT_MINUTES, 15);
