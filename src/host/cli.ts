// `premia`: the command-line entry, run from a checkout as `npm run premia -- <command> [args]`.
// Only the signal listeners are imported statically: an ES module graph is loaded whole before any of
// it runs, so the commands (and everything they import) are loaded after the listeners are in place.
import { fileURLToPath } from 'node:url';
import { untilStopped } from './process-signals';

const projectDir = fileURLToPath(new URL('../..', import.meta.url));
const { COMMANDS } = await import('./commands');
const { runCli } = await import('./run-cli');
const { createPrompt } = await import('./prompt');

const code = await runCli(
  process.argv.slice(2),
  {
    stdout: (line) => void process.stdout.write(`${line}\n`),
    stderr: (line) => void process.stderr.write(`${line}\n`),
    untilStopped,
    // Questions go to stderr: stdout carries the command's output, which may be piped.
    prompt: createPrompt(process.stdin, process.stderr),
    projectDir,
  },
  COMMANDS,
);
process.exit(code);
