import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { UsageError } from './cli-errors';
import { CANCELLED_EXIT_CODE, createPrompt, readSecret } from './prompt';

/** A terminal the test types into; `rawModes` records each switch of raw mode. */
function terminal(isTTY = true) {
  const input = Object.assign(new PassThrough(), {
    isTTY,
    rawModes: [] as boolean[],
    setRawMode(raw: boolean) {
      this.rawModes.push(raw);
      return this;
    },
  });
  let shown = '';
  const output = { write: (text: string) => (shown += text) };
  return { input, output, shown: () => shown };
}

describe('createPrompt', () => {
  it('reads a secret without showing it, taking backspace, and leaves raw mode after', async () => {
    const t = terminal();
    const answer = createPrompt(t.input, t.output).secret('Passphrase: ');
    t.input.write('correct horsf\u007fe');
    t.input.write(' battery\r');
    expect(await answer).toBe('correct horse battery');
    expect(t.shown()).toBe('Passphrase: \n');
    expect(t.input.rawModes).toEqual([true, false]);
  });

  it('shows what is typed for a line', async () => {
    const t = terminal();
    const answer = createPrompt(t.input, t.output).line('Type reset: ');
    t.input.write('reset\n');
    expect(await answer).toBe('reset');
    expect(t.shown()).toBe('Type reset: reset\n');
  });

  it('stops at Ctrl-C with the exit code of an interrupted command', async () => {
    const t = terminal();
    const answer = createPrompt(t.input, t.output).secret('Passphrase: ');
    t.input.write('half\u0003');
    await expect(answer).rejects.toMatchObject({ exitCode: CANCELLED_EXIT_CODE });
    expect(t.input.rawModes).toEqual([true, false]);
  });

  it('refuses to ask when there is no terminal', async () => {
    const t = terminal(false);
    const prompt = createPrompt(t.input, t.output);
    expect(prompt.interactive).toBe(false);
    await expect(prompt.secret('Passphrase: ')).rejects.toBeInstanceOf(UsageError);
  });
});

describe('readSecret', () => {
  it('takes the environment variable when it is set, without asking', async () => {
    const t = terminal();
    const prompt = createPrompt(t.input, t.output);
    expect(await readSecret(prompt, 'SOME_SECRET', 'Secret: ', { SOME_SECRET: 's3' })).toBe('s3');
    expect(t.shown()).toBe('');
  });

  it('names the environment variable when there is no terminal to ask in', async () => {
    const t = terminal(false);
    await expect(
      readSecret(createPrompt(t.input, t.output), 'SOME_SECRET', 'Secret: ', {}),
    ).rejects.toThrow(/set SOME_SECRET/);
  });
});
