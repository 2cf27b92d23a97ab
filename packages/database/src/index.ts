export * from './client';
export * from './env';
export * from './migrate';
export * as schema from './schema/index';
export { TABLE_CLASSIFICATION } from './schema/index';
export { DEMO_ADMIN_TOTP_SECRET, DEMO_PASSWORD, DEMO_PEOPLE } from './seed/demo-people';
export { seedDemo } from './seed/seed-demo';
