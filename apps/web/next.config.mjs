import { createNextConfig } from '@caretracker/ui/next-config';

export default createNextConfig();
