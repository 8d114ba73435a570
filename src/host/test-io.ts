// For the CLI's tests: an io that keeps what a command prints, and `premia` started as its own
// process the way `npm run premia` starts it.
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import type { Prompt } from './prompt';
import type { CliIo } from './run-cli';

export const PROJECT_DIR = resolve(import.meta.dirname, '../..');

export type CapturedIo = CliIo & {
  out: string[];
  err: string[];
  /** Resolves once `count` lines have been printed on stdout. */
  printed(count: number): Promise<void>;
};

/**
 * Keeps each printed line in `out` or `err`. `untilStopped` answers with `stop`, which by default never
 * settles, as for a user who never presses Ctrl-C.
 */
export function capturedIo(
  stop: Promise<NodeJS.Signals> = new Promise(() => undefined),
  prompt?: Prompt,
): CapturedIo {
  const out: string[] = [];
  const err: string[] = [];
  let waiting: { count: number; resolve: () => void }[] = [];
  return {
    out,
    err,
    stdout: (line) => {
      out.push(line);
      const reached = waiting.filter((w) => out.length >= w.count);
      waiting = waiting.filter((w) => out.length < w.count);
      for (const w of reached) w.resolve();
    },
    stderr: (line) => void err.push(line),
    untilStopped: () => stop,
    projectDir: PROJECT_DIR,
    ...(prompt !== undefined ? { prompt } : {}),
    printed(count) {
      if (out.length >= count) return Promise.resolve();
      return new Promise((resolve) => waiting.push({ count, resolve }));
    },
  };
}

/**
 * `premia <args>` from the sources, as `npm run premia:dev` runs it (Node with tsx's loader, no
 * wrapper process that would re-send or escalate signals), so the unit tests need no build; logging
 * silenced; stdout and stderr are piped to the test.
 */
export function spawnCli(args: string[]): ChildProcessByStdio<null, Readable, Readable> {
  return spawn(
    process.execPath,
    ['--import', 'tsx', join(PROJECT_DIR, 'src', 'host', 'cli.ts'), ...args],
    {
      cwd: PROJECT_DIR,
      env: { ...process.env, PREMIA_LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
}

/** A terminal whose person types `answers` in turn; what was asked is kept in `asked`. */
export function scriptedPrompt(answers: string[]): Prompt & { asked: string[] } {
  const asked: string[] = [];
  const next = (question: string) => {
    asked.push(question);
    const answer = answers.shift();
    return answer === undefined
      ? Promise.reject(new Error(`nothing scripted to answer "${question}"`))
      : Promise.resolve(answer);
  };
  return { interactive: true, asked, secret: next, line: next };
}
