import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from './csp';

const RENDERER_PAGE = join(import.meta.dirname, '..', 'renderer', 'index.html');

function directives(policy: string): Map<string, string> {
  return new Map(
    policy.split(';').map((d) => {
      const [name = '', ...values] = d.trim().split(/\s+/);
      return [name, values.join(' ')] as const;
    }),
  );
}

describe('CONTENT_SECURITY_POLICY', () => {
  it('allows scripts and connections only from the app itself', () => {
    const policy = directives(CONTENT_SECURITY_POLICY);
    expect(policy.get('default-src')).toBe("'self'");
    expect(policy.get('script-src')).toBe("'self'");
    expect(policy.get('connect-src')).toBe("'self'");
    expect(policy.get('object-src')).toBe("'none'");
    expect(policy.get('frame-ancestors')).toBe("'none'");
  });

  it('travels with every answer as a header', () => {
    expect(SECURITY_HEADERS['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
  });

  it('is the only policy: the renderer page states none of its own that could differ from it', async () => {
    const page = await readFile(RENDERER_PAGE, 'utf8');
    expect(page).toContain('<div id="root">');
    expect(page).not.toMatch(/http-equiv\s*=\s*["']?content-security-policy/i);
  });
});
