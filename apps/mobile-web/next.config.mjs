import { createNextConfig } from '@caretracker/ui/next-config';

export default createNextConfig({
  headers: [
    {
      // The worker must be revalidated on every load so a new version takes over promptly.
      source: '/sw.js',
      headers: [
        { key: 'Cache-Control', value: 'no-cache, no-store, must-revalidate' },
        { key: 'Service-Worker-Allowed', value: '/' },
      ],
    },
  ],
});
