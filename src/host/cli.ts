// `premia`: the command-line entry, run from a checkout as `npm run premia -- <command> [args]`.
import { fileURLToPath } from 'node:url';
import { COMMANDS } from './commands';
import { runCli } from './run-cli';

const projectDir = fileURLToPath(new URL('../..', import.meta.url));

let signalled = false;
const stopped = new Promise<NodeJS.Signals>((resolve) => {
  const onSignal = (signal: NodeJS.Signals) => {
    if (signalled) {
      // A second signal while stopping means the user will not wait.
      process.stderr.write('Premia is stopping now.\n');
      process.exit(1);
    }
    signalled = true;
    resolve(signal);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
});

const code = await runCli(
  process.argv.slice(2),
  {
    stdout: (line) => void process.stdout.write(`${line}\n`),
    stderr: (line) => void process.stderr.write(`${line}\n`),
    untilStopped: () => stopped,
    projectDir,
  },
  COMMANDS,
);
process.exit(code);
