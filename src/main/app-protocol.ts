// The desktop renderer's own origin, `premia://app`: its files come from the built renderer folder
// only, each answer carrying the app's one Content-Security-Policy as a header. Pages loaded from
// file:// get no response headers, so only a page of their own could state a policy there.
import { readFile } from 'node:fs/promises';
import type { CustomScheme } from 'electron';
import { SECURITY_HEADERS } from '../shared/csp';
import { locateRendererFile } from '../services/renderer-files';

export const APP_SCHEME = 'premia';
export const APP_HOST = 'app';
export const APP_INDEX_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** Registered before the app is ready: a standard, secure origin like https, with storage. */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: {
    standard: true,
    secure: true,
    supportFetchAPI: true,
    // Vite emits `<script type="module" crossorigin>`, fetched in CORS mode, which Chromium allows
    // only on CORS-enabled schemes. No answer carries Access-Control-Allow-Origin, and
    // Cross-Origin-Resource-Policy is same-origin, so no other origin can read these files.
    corsEnabled: true,
    codeCache: true,
  },
};

/** The parts of a fetch Request the protocol handler reads. */
export interface AppRequest {
  readonly method: string;
  readonly url: string;
}

const REASONS = {
  400: 'Bad request',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
} as const;

function refusal(status: keyof typeof REASONS): Response {
  return new Response(`${REASONS[status]}\n`, {
    status,
    headers: {
      ...SECURITY_HEADERS,
      'Content-Type': 'text/plain; charset=utf-8',
      'Cache-Control': 'no-store',
      ...(status === 405 ? { Allow: 'GET, HEAD' } : {}),
    },
  });
}

/** Answers one request to the app's scheme from the renderer build in `root`. */
export async function answerAppRequest(root: string, request: AppRequest): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return refusal(405);
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return refusal(400);
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return refusal(404);
  const file = await locateRendererFile(root, url.pathname);
  if (!file.found) return refusal(file.status);
  let body: Uint8Array | null = null;
  if (request.method === 'GET') {
    try {
      body = new Uint8Array(await readFile(file.path));
    } catch {
      // Removed or unreadable since it was found: the same answer as a file that is not there.
      return refusal(404);
    }
  }
  return new Response(body, {
    status: 200,
    headers: {
      ...SECURITY_HEADERS,
      'Content-Type': file.contentType,
      'Content-Length': String(body?.byteLength ?? file.size),
      'Cache-Control': 'no-cache',
    },
  });
}
