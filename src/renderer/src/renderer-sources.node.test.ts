// Rules read off the renderer's own sources: the words it shows, and how its wide tables scroll.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const RENDERER_ROOT = import.meta.dirname;

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map(async (entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return sourceFiles(path);
      const isSource = /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name);
      return isSource ? [path] : [];
    }),
  );
  return nested.flat();
}

/** Each line of the renderer's sources matching `pattern`, as 'folder/file.tsx:12: the line'. */
async function sourceLinesMatching(pattern: RegExp): Promise<string[]> {
  const found: string[] = [];
  for (const file of await sourceFiles(RENDERER_ROOT)) {
    const lines = (await readFile(file, 'utf8')).split('\n');
    lines.forEach((line, i) => {
      if (pattern.test(line)) {
        found.push(`${file.slice(RENDERER_ROOT.length + 1)}:${i + 1}: ${line.trim()}`);
      }
    });
  }
  return found;
}

describe('the words the renderer shows', () => {
  // The app speaks to traders: names the team used while building it never reach a screen.
  it('hold none of the internal names the project used for its options', async () => {
    expect(await sourceLinesMatching(/\b[Ss]eed [Oo]ption\b|\boption [AB]\b/)).toEqual([]);
  });
});

describe('sideways scrolling in the renderer', () => {
  // A table wider than the window scrolls in one kind of box, which says so, takes the keyboard
  // and is named for screen readers while it scrolls.
  it('goes through WideTable alone', async () => {
    const found = await sourceLinesMatching(
      /Table\.ScrollContainer|overflowX|overflow-x|ScrollArea|overflow: '(auto|scroll)'/,
    );
    const elsewhere = found.filter(
      (line) =>
        !line.startsWith('ui/WideTable.tsx:') &&
        // A bounded list that scrolls down, focusable and named (the funding settlements).
        !/^markets\/FundingPanel\.tsx:\d+: style=\{\{ maxHeight: \d+, overflow: 'auto' \}\}/.test(
          line,
        ),
    );
    expect(elsewhere).toEqual([]);
  });
});
