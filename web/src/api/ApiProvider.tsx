import { createContext, useContext, type ReactNode } from 'react';
import { ApiClient } from './client';

const ApiContext = createContext<ApiClient | null>(null);

/** Makes one {@link ApiClient} available to the app (tests give their own). */
export function ApiProvider({ client, children }: { client: ApiClient; children: ReactNode }) {
  return <ApiContext.Provider value={client}>{children}</ApiContext.Provider>;
}

export function useApi(): ApiClient {
  const client = useContext(ApiContext);
  if (!client) throw new Error('useApi outside <ApiProvider>');
  return client;
}
