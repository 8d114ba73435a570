// Hands the one API client to every component; nothing below knows which host carries it.
import { createContext, useContext, type ReactNode } from 'react';
import type { AppClient } from './api/connection';

const ClientContext = createContext<AppClient | null>(null);

export function ClientProvider({ client, children }: { client: AppClient; children: ReactNode }) {
  return <ClientContext.Provider value={client}>{children}</ClientContext.Provider>;
}

export function useClient(): AppClient {
  const client = useContext(ClientContext);
  if (!client) throw new Error('useClient needs a ClientProvider above it');
  return client;
}
