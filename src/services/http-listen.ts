// Starting and stopping a Node HTTP server as promises, for the servers Premia opens on loopback.
import type { Server } from 'node:http';

/** Listens on `host:port` (0 picks a free port) and answers with the port taken. */
export async function listenOn(http: Server, port: number, host: string): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(port, host, () => {
      http.off('error', reject);
      resolve();
    });
  });
  const address = http.address();
  if (address === null || typeof address === 'string') {
    throw new Error(`the server on ${host} has no TCP address`);
  }
  return address.port;
}

/** Stops listening and drops every connection still open, idle or not. */
export function closeHttp(http: Server): Promise<void> {
  return new Promise<void>((resolve) => {
    http.close(() => resolve());
    http.closeAllConnections();
  });
}
