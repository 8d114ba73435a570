// The version of the checkout the CLI runs from, for the services it opens and what it prints.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export function readVersion(projectDir: string): string {
  try {
    const pkg: unknown = JSON.parse(readFileSync(join(projectDir, 'package.json'), 'utf8'));
    if (
      typeof pkg === 'object' &&
      pkg !== null &&
      'version' in pkg &&
      typeof pkg.version === 'string'
    ) {
      return pkg.version;
    }
  } catch {
    // A missing or unreadable package.json only costs the version number.
  }
  return '0.0.0';
}
