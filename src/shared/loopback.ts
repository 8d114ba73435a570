// Who may address a server that listens on 127.0.0.1: the names this machine gives itself. Checking
// the Host header stops a foreign site that rebinds its DNS name to 127.0.0.1 from reading the
// server's answers as its own; checking Origin stops a page elsewhere from sending it requests.

/** The `host:port` names a loopback server on `port` answers to. */
export function loopbackAuthorities(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

/** The origins a page served by a loopback server on `port` has. */
export function loopbackOrigins(port: number): string[] {
  return loopbackAuthorities(port).map((authority) => `http://${authority}`);
}

/** Whether a Host header names the loopback server on `port`. */
export function isLoopbackHost(host: string | undefined, port: number): boolean {
  return host !== undefined && loopbackAuthorities(port).includes(host.toLowerCase());
}

/** Whether an Origin header is one of the loopback server's own on `port`. */
export function isLoopbackOrigin(origin: string, port: number): boolean {
  return loopbackOrigins(port).includes(origin.toLowerCase());
}
