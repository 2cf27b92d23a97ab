import type { AppKey, AppUrls } from './apps';
import { idleTimeoutMinutesFrom } from './shell/idle-timeout';

/** What an app's pages need to know about where they run; each app makes its own in lib/config.ts. */
export interface AppConfig {
  app: AppKey;
  apiUrl: string;
  appUrls: AppUrls;
  /** Minutes without activity before the app signs the user out (PRODUCT: idle sessions end in the apps). */
  idleTimeoutMinutes: number;
}

export interface AppConfigOptions {
  app: AppKey;
  /** The idle timeout when NEXT_PUBLIC_IDLE_TIMEOUT_MINUTES is not set (or not a positive number). */
  defaultIdleTimeoutMinutes: number;
}

/**
 * The app's configuration from the NEXT_PUBLIC_* values. They are read when the pages are built, so
 * set them before `next build`; each is written out in full so Next.js can inline it.
 */
export function appConfig({ app, defaultIdleTimeoutMinutes }: AppConfigOptions): AppConfig {
  return {
    app,
    apiUrl: process.env.NEXT_PUBLIC_API_URL ?? 'http://localhost:4000',
    appUrls: {
      web: process.env.NEXT_PUBLIC_WEB_URL ?? 'http://localhost:3000',
      'mobile-web': process.env.NEXT_PUBLIC_MOBILE_WEB_URL ?? 'http://localhost:3001',
      admin: process.env.NEXT_PUBLIC_ADMIN_URL ?? 'http://localhost:3002',
    },
    idleTimeoutMinutes: idleTimeoutMinutesFrom(process.env.NEXT_PUBLIC_IDLE_TIMEOUT_MINUTES, defaultIdleTimeoutMinutes),
  };
}
