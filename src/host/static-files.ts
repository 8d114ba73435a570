// Serves the built renderer over HTTP, read-only: the files the build holds and nothing else.
import { createReadStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { SECURITY_HEADERS } from '../shared/csp';
import { locateRendererFile } from '../services/renderer-files';

export { SECURITY_HEADERS };

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
  const file = await locateRendererFile(root, pathname);
  if (!file.found) {
    const text = { 400: 'Bad request\n', 403: 'Forbidden\n', 404: 'Not found\n' }[file.status];
    sendText(res, file.status, text);
    return;
  }
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': file.contentType,
    'Content-Length': String(file.size),
    'Cache-Control': 'no-cache',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const stream = createReadStream(file.path);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}

/** The index page of a renderer build, checked before the server starts. */
export function rendererIndexPath(root: string): string {
  return join(root, 'index.html');
}
