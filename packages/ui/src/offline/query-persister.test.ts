import type { PersistedClient } from '@tanstack/react-query-persist-client';
import { describe, expect, it } from 'vitest';
import { createCachePersister } from './query-persister';

/** A storage that records what reaches it. */
function memoryStorage() {
  const items = new Map<string, string>();
  return {
    items,
    getItem: async (key: string) => items.get(key) ?? null,
    setItem: async (key: string, value: string) => {
      items.set(key, value);
    },
    removeItem: async (key: string) => {
      items.delete(key);
    },
  };
}

const client = (n: number): PersistedClient => ({
  timestamp: n,
  buster: '1',
  clientState: { mutations: [], queries: [] },
});

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));
const saved = (storage: ReturnType<typeof memoryStorage>) =>
  (JSON.parse(storage.items.get('query-cache') ?? 'null') as PersistedClient | null)?.timestamp ?? null;

describe('cache persister: the write held back by the throttle', () => {
  it('is written at once when the page is left (pagehide)', async () => {
    const storage = memoryStorage();
    const persister = createCachePersister({ storage, throttleTime: 60_000 });
    await persister.persistClient(client(1));
    await settle();
    expect(saved(storage)).toBe(1);
    // The next change waits out the throttle: a reload now would lose it, unless pagehide writes it.
    void persister.persistClient(client(2));
    await settle();
    expect(saved(storage)).toBe(1);
    window.dispatchEvent(new Event('pagehide'));
    await settle();
    expect(saved(storage)).toBe(2);
  });

  it('is written at once when the page is hidden, and not after sign-out removed the cache', async () => {
    const storage = memoryStorage();
    const persister = createCachePersister({ storage, throttleTime: 60_000 });
    void persister.persistClient(client(1));
    await settle();
    void persister.persistClient(client(2));
    await settle();
    const visibility = Object.getOwnPropertyDescriptor(Document.prototype, 'visibilityState')!;
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    try {
      document.dispatchEvent(new Event('visibilitychange'));
      await settle();
      expect(saved(storage)).toBe(2);

      void persister.persistClient(client(3));
      await persister.removeClient();
      document.dispatchEvent(new Event('visibilitychange'));
      await settle();
      expect(storage.items.has('query-cache')).toBe(false);
    } finally {
      Object.defineProperty(document, 'visibilityState', visibility);
    }
  });

  it('flush() with nothing waiting writes nothing', async () => {
    const storage = memoryStorage();
    const persister = createCachePersister({ storage });
    await persister.flush();
    expect(storage.items.size).toBe(0);
  });
});
