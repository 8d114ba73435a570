// Asking the person at the terminal: a passphrase or a key without echo, or a confirmation typed out.
// Input and output are given, so tests drive it with streams of their own.
import type { EventEmitter } from 'node:events';
import { CliError, UsageError } from './cli-errors';

/** The terminal's input as far as the prompt needs it (process.stdin fits). */
export interface PromptInput extends EventEmitter {
  isTTY?: boolean;
  setRawMode?(raw: boolean): unknown;
  resume(): unknown;
  pause(): unknown;
}

/** Where questions are written (stderr: stdout belongs to the command's output). */
export interface PromptOutput {
  write(text: string): unknown;
}

export interface Prompt {
  /** Whether there is a terminal to ask at all. */
  readonly interactive: boolean;
  /** Reads one line without showing what is typed. */
  secret(question: string): Promise<string>;
  /** Reads one line, shown as it is typed. */
  line(question: string): Promise<string>;
}

/** Exit code of a command the person stopped with Ctrl-C at a prompt, as a shell reports SIGINT. */
export const CANCELLED_EXIT_CODE = 130;

class CancelledError extends CliError {
  override readonly exitCode = CANCELLED_EXIT_CODE;
}

const ENTER = new Set(['\r', '\n']);
const BACKSPACE = new Set(['\u007f', '\b']);
const CTRL_C = '\u0003';
const CTRL_D = '\u0004';

export function createPrompt(input: PromptInput, output: PromptOutput): Prompt {
  const interactive = input.isTTY === true && typeof input.setRawMode === 'function';

  const read = (question: string, echo: boolean): Promise<string> => {
    if (!interactive) return Promise.reject(new UsageError('There is no terminal to ask in.'));
    output.write(question);
    return new Promise((resolve, reject) => {
      let typed = '';
      const finish = (error: Error | null) => {
        input.off('data', onData);
        input.setRawMode?.(false);
        input.pause();
        output.write('\n');
        if (error) reject(error);
        else resolve(typed);
      };
      const onData = (chunk: Buffer | string) => {
        for (const char of chunk.toString()) {
          if (ENTER.has(char)) return finish(null);
          if (char === CTRL_C) return finish(new CancelledError('Cancelled.'));
          if (char === CTRL_D && typed === '') return finish(new CancelledError('Cancelled.'));
          if (BACKSPACE.has(char)) {
            if (typed !== '') {
              typed = [...typed].slice(0, -1).join('');
              if (echo) output.write('\b \b');
            }
            continue;
          }
          if (char < ' ') continue;
          typed += char;
          if (echo) output.write(char);
        }
      };
      // Raw mode takes the keys one by one and stops the terminal from echoing them itself.
      input.setRawMode?.(true);
      input.on('data', onData);
      input.resume();
    });
  };

  return {
    interactive,
    secret: (question) => read(question, false),
    line: (question) => read(question, true),
  };
}

/**
 * A secret from the environment variable `envName` when it is set, otherwise typed at the terminal
 * without echo. With neither, a usage error that names the variable.
 */
export async function readSecret(
  prompt: Prompt | undefined,
  envName: string,
  question: string,
  env: Record<string, string | undefined> = process.env,
): Promise<string> {
  const fromEnv = env[envName];
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  if (prompt === undefined || !prompt.interactive) {
    throw new UsageError(
      `There is no terminal to type this in: set ${envName} in the environment instead.`,
    );
  }
  return prompt.secret(question);
}
