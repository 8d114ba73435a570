// A minimal binance REST client over fetch, for tests of the simulator and of what runs against it:
// public GETs, signed requests as binance expects them, and the /__control interface (given the
// control token the simulator was started with).
import { sign, type Credentials } from './auth';

export interface VenueAnswer<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export interface SignOptions {
  credentials?: Credentials;
  /** Wall time to put in `timestamp` (default Date.now()). */
  timestamp?: number;
  recvWindow?: number;
  /** Replace the computed signature (to test refusal). */
  signature?: string;
  /** Leave the API key header out. */
  omitKey?: boolean;
}

function query(params: Record<string, string | number | boolean | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    if (value !== undefined) search.append(key, String(value));
  return search.toString();
}

async function answer<T>(response: Response): Promise<VenueAnswer<T>> {
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, headers: response.headers, body: body as T, text };
}

export function venueClient(baseUrl: string, defaults: Credentials, controlToken?: string) {
  return {
    async get<T = unknown>(
      path: string,
      params: Record<string, string | number | boolean | undefined> = {},
      init: RequestInit = {},
    ) {
      const q = query(params);
      return answer<T>(await fetch(`${baseUrl}${path}${q ? `?${q}` : ''}`, init));
    },

    async signed<T = unknown>(
      method: 'GET' | 'POST' | 'DELETE',
      path: string,
      params: Record<string, string | number | boolean | undefined> = {},
      options: SignOptions = {},
    ) {
      const credentials = options.credentials ?? defaults;
      const payload = query({
        ...params,
        timestamp: options.timestamp ?? Date.now(),
        recvWindow: options.recvWindow,
      });
      const signature = options.signature ?? sign(payload, credentials.secret);
      const full = `${payload}&signature=${signature}`;
      const headers: Record<string, string> = options.omitKey
        ? {}
        : { 'X-MBX-APIKEY': credentials.apiKey };
      if (method === 'POST') {
        headers['Content-Type'] = 'application/x-www-form-urlencoded';
        return answer<T>(await fetch(`${baseUrl}${path}`, { method, headers, body: full }));
      }
      return answer<T>(await fetch(`${baseUrl}${path}?${full}`, { method, headers }));
    },

    async control<T = unknown>(path: string, body?: unknown) {
      const headers: Record<string, string> =
        controlToken === undefined ? {} : { Authorization: `Bearer ${controlToken}` };
      const init: RequestInit =
        body === undefined
          ? { headers }
          : {
              method: 'POST',
              headers: { ...headers, 'Content-Type': 'application/json' },
              body: JSON.stringify(body),
            };
      return answer<T>(await fetch(`${baseUrl}/__control/${path}`, init));
    },
  };
}

export type VenueClient = ReturnType<typeof venueClient>;
