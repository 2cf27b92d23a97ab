import { createRequestConfig } from '@caretracker/ui/i18n/request-config';

// The shared messages with this app's own (messages/<locale>.json) merged over them.
export default createRequestConfig(async (locale) => (await import(`../messages/${locale}.json`)).default);
