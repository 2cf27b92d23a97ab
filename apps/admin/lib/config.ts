import { appConfig } from '@caretracker/ui';

// 15 minutes idle: an office or family screen left unattended should not keep showing care records.
export const config = appConfig({ app: 'admin', defaultIdleTimeoutMinutes: 15 });
