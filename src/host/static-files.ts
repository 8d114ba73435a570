// Serves the built renderer read-only: known files under one folder, never anything outside it.
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../shared/csp';

/** Sent with every HTTP answer, errors included. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

export function contentTypeOf(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

export function sendText(
  res: ServerResponse,
  status: number,
  text: string,
  extra: Record<string, string> = {},
): void {
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(text)),
    'Cache-Control': 'no-store',
    ...extra,
  });
  res.end(text);
}

/**
 * Maps a request path to a file under `root`, or says why not. Any `..` segment (however encoded), a
 * backslash or a NUL byte is refused outright rather than normalised away.
 */
export function resolveRequestPath(
  root: string,
  pathname: string,
): { path: string } | { refused: 400 | 403 } {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return { refused: 400 };
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return { refused: 400 };
  if (decoded.split('/').some((segment) => segment === '..')) return { refused: 403 };
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const path = resolve(root, relative);
  if (!isInside(root, path)) return { refused: 403 };
  return { path };
}

function isInside(root: string, path: string): boolean {
  const base = resolve(root);
  return path === base || path.startsWith(base + sep);
}

/** Answers one GET or HEAD for a file of the renderer build. */
export async function serveStatic(
  root: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    sendText(res, 405, 'Method not allowed\n', { Allow: 'GET, HEAD' });
    return;
  }
  const pathname = (req.url ?? '/').split(/[?#]/, 1)[0] ?? '/';
  const target = resolveRequestPath(root, pathname);
  if ('refused' in target) {
    sendText(res, target.refused, target.refused === 403 ? 'Forbidden\n' : 'Bad request\n');
    return;
  }
  let file: string;
  let size: number;
  try {
    // A symbolic link inside the build must not lead outside it either.
    file = await realpath(target.path);
    if (!isInside(await realpath(root), file)) {
      sendText(res, 403, 'Forbidden\n');
      return;
    }
    const info = await stat(file);
    if (!info.isFile()) throw new Error('not a file');
    size = info.size;
  } catch {
    sendText(res, 404, 'Not found\n');
    return;
  }
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': contentTypeOf(file),
    'Content-Length': String(size),
    'Cache-Control': 'no-cache',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const stream = createReadStream(file);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}

/** The index page of a renderer build, checked before the server starts. */
export function rendererIndexPath(root: string): string {
  return join(root, 'index.html');
}
