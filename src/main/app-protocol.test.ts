import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../shared/csp';
import { APP_INDEX_URL, APP_SCHEME_PRIVILEGES, answerAppRequest } from './app-protocol';

const INDEX = '<!doctype html><title>Premia</title><div id="root"></div>';
let base: string;
let root: string;

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'premia-app-protocol-'));
  root = join(base, 'renderer');
  await mkdir(join(root, 'assets'), { recursive: true });
  await writeFile(join(root, 'index.html'), INDEX);
  await writeFile(join(root, 'assets', 'app.js'), 'console.log(1);');
  await writeFile(join(base, 'secret.txt'), 'not for the renderer');
  await symlink(join(base, 'secret.txt'), join(root, 'assets', 'link.txt'));
});

afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

const get = (url: string, method = 'GET') => answerAppRequest(root, { method, url });

describe('the app scheme', () => {
  it('is registered as a standard secure scheme, so the page has an origin of its own', () => {
    expect(APP_SCHEME_PRIVILEGES.privileges).toMatchObject({ standard: true, secure: true });
    expect(APP_SCHEME_PRIVILEGES.privileges?.bypassCSP).toBeFalsy();
  });

  it('serves the page with the one CSP as a header and an HTML content type', async () => {
    const answer = await get(APP_INDEX_URL);
    expect(answer.status).toBe(200);
    expect(await answer.text()).toBe(INDEX);
    expect(answer.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(answer.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('serves the page for the bare origin, and a script with its content type and the CSP', async () => {
    expect(await (await get('premia://app/')).text()).toBe(INDEX);
    const script = await get('premia://app/assets/app.js?v=1#x');
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('answers HEAD with the headers and no body', async () => {
    const answer = await get(APP_INDEX_URL, 'HEAD');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-length')).toBe(String(Buffer.byteLength(INDEX)));
    expect(await answer.text()).toBe('');
  });

  it.each([
    // Encoded slashes survive URL parsing and reach the file lookup, which refuses the climb.
    ['premia://app/..%2fsecret.txt', 403],
    ['premia://app/assets/..%2F..%2Fsecret.txt', 403],
    // Dot segments, encoded or not, are resolved by URL parsing, which stops at the origin's root.
    ['premia://app/%2e%2e/secret.txt', 404],
    ['premia://app/../../secret.txt', 404],
  ])('never serves a file outside the build: %s answers %i', async (url, status) => {
    const answer = await get(url);
    expect(answer.status).toBe(status);
    expect(await answer.text()).not.toContain('not for the renderer');
    expect(answer.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('refuses a backslash or a NUL byte outright', async () => {
    expect((await get('premia://app/assets%5Capp.js')).status).toBe(400);
    expect((await get('premia://app/index.html%00.js')).status).toBe(400);
  });

  it('does not follow a link inside the build to a file outside it', async () => {
    const answer = await get('premia://app/assets/link.txt');
    expect(answer.status).toBe(403);
    expect(await answer.text()).not.toContain('not for the renderer');
  });

  it('answers 404 for a missing file, a folder and any other host', async () => {
    expect((await get('premia://app/missing.js')).status).toBe(404);
    expect((await get('premia://app/assets')).status).toBe(404);
    expect((await get('premia://elsewhere/index.html')).status).toBe(404);
  });

  it('refuses every method but GET and HEAD', async () => {
    const answer = await get(APP_INDEX_URL, 'POST');
    expect(answer.status).toBe(405);
    expect(answer.headers.get('allow')).toBe('GET, HEAD');
  });
});
