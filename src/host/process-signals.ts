// The stop signals of this process, listened for from the moment the CLI starts: `cli.ts` imports this
// module before any other, so a signal that arrives while the rest of the program loads or starts up
// is answered by an orderly stop instead of killing the process where it stands.
import { listenForStop } from './stop-signals';

const stopped = listenForStop(process, {
  exit: (code) => process.exit(code),
  say: (line) => void process.stderr.write(`${line}\n`),
});

/** Resolves at the first SIGINT or SIGTERM this process received, however early it came. */
export function untilStopped(): Promise<NodeJS.Signals> {
  return stopped;
}
