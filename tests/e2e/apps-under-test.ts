/** The three front ends, their demo users and who must not use them (seeded by packages/database). */
export interface DemoUser {
  email: string;
  name: string;
  role: 'CLIENT' | 'WORKER' | 'SUPERVISOR' | 'ADMIN';
  /** The admin account is enrolled in TOTP: sign-in asks for a code. */
  totp?: boolean;
}

export interface AppUnderTest {
  key: 'web' | 'mobile-web' | 'admin';
  title: string;
  url: string;
  user: DemoUser;
  /** Minutes without activity before the app signs out (NEXT_PUBLIC_IDLE_TIMEOUT_MINUTES overrides all three). */
  idleMinutes: number;
  /** Someone this app is not for, who should be sent to another app. */
  outsider: DemoUser & { rightAppTitle: string; rightAppUrl: string };
}

export const DEMO_PASSWORD = 'Garden-Lantern-Visit-42';
export const DEMO_TOTP_SECRET = 'KVKFKRCPNZQUYMLXOVYDSQKJKZDTSRLD';

const host = process.env.E2E_HOST ?? 'http://localhost';
const url = (port: number) => `${host}:${port}`;

const admin: DemoUser = { email: 'admin@caretracker.dev', name: 'Alex Morgan', role: 'ADMIN', totp: true };
const supervisor: DemoUser = { email: 'supervisor@caretracker.dev', name: 'Sam Rivera', role: 'SUPERVISOR' };
const worker: DemoUser = { email: 'worker@caretracker.dev', name: 'Jordan Lee', role: 'WORKER' };
const client: DemoUser = { email: 'client@caretracker.dev', name: 'Pat Taylor', role: 'CLIENT' };

export const SUPERVISOR = supervisor;

// The same rule as the apps' lib/config.ts: the value the apps were built with, or each default.
const idleOverride = Number(process.env.NEXT_PUBLIC_IDLE_TIMEOUT_MINUTES);
const idleMinutes = (fallback: number) => (idleOverride > 0 ? idleOverride : fallback);

export const APPS_UNDER_TEST: AppUnderTest[] = [
  {
    key: 'web',
    idleMinutes: idleMinutes(15),
    title: 'Client portal',
    url: url(3000),
    user: client,
    outsider: { ...worker, rightAppTitle: 'Care worker app', rightAppUrl: url(3001) },
  },
  {
    key: 'mobile-web',
    idleMinutes: idleMinutes(30),
    title: 'Care worker app',
    url: url(3001),
    user: worker,
    outsider: { ...client, rightAppTitle: 'Client portal', rightAppUrl: url(3000) },
  },
  {
    key: 'admin',
    idleMinutes: idleMinutes(15),
    title: 'Admin dashboard',
    url: url(3002),
    user: admin,
    outsider: { ...worker, rightAppTitle: 'Care worker app', rightAppUrl: url(3001) },
  },
];

/**
 * The h1 of an app's home screen once someone is signed in: the client portal and the care worker
 * app greet by first name; the admin dashboard opens on the overview (the agency's for admins,
 * the team's for supervisors).
 */
export function homeHeading(app: AppUnderTest['key'], user: { role: DemoUser['role']; firstName: string }): string {
  if (app !== 'admin') return `Welcome, ${user.firstName}`;
  return user.role === 'ADMIN' ? 'Agency overview' : 'Your team today';
}
