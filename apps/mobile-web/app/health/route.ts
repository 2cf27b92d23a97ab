import { healthCheck } from '@caretracker/ui/health';

export const dynamic = 'force-dynamic';

export const GET = healthCheck('mobile-web');
