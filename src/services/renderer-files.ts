// Which file of the built renderer a request names, for both hosts (the headless host's web server
// and Electron's app protocol): known files under one folder, never anything outside it.
import { realpath, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';

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

export type RendererFile =
  | { found: true; path: string; size: number; contentType: string }
  | { found: false; status: 400 | 403 | 404 };

/** The file a request path names inside the build, after following links, or the status refusing it. */
export async function locateRendererFile(root: string, pathname: string): Promise<RendererFile> {
  const target = resolveRequestPath(root, pathname);
  if ('refused' in target) return { found: false, status: target.refused };
  try {
    // A symbolic link inside the build must not lead outside it either.
    const path = await realpath(target.path);
    if (!isInside(await realpath(root), path)) return { found: false, status: 403 };
    const info = await stat(path);
    if (!info.isFile()) return { found: false, status: 404 };
    return { found: true, path, size: info.size, contentType: contentTypeOf(path) };
  } catch {
    return { found: false, status: 404 };
  }
}
