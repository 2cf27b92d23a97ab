'use client';

import { createContext, type ReactNode, useContext, useMemo } from 'react';
import { type ApiClient, createApiClient } from './api-client';

const ApiContext = createContext<ApiClient | null>(null);

/** One API client per app (one refresh in flight at a time across every query). */
export function ApiProvider({ apiUrl, children }: { apiUrl: string; children: ReactNode }) {
  const client = useMemo(() => createApiClient(apiUrl), [apiUrl]);
  return <ApiContext.Provider value={client}>{children}</ApiContext.Provider>;
}

export function useApi(): ApiClient {
  const client = useContext(ApiContext);
  if (!client) throw new Error('useApi needs an <ApiProvider> (AppProviders renders one)');
  return client;
}
