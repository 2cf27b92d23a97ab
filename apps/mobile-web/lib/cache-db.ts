/** The device's copy of the worker's read cache (IndexedDB database name). */
export const WORKER_CACHE_DB = 'caretracker-cache-worker';
