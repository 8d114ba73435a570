// A process contending for data-folder locks, for the cross-process race test in data-lock.test.ts.
// It says `ready`, then for each folder named on a line of stdin tries to take that folder's lock and
// answers one JSON line: the folder, whether it won, and its token. Locks it wins are kept until it
// exits, as a running Premia keeps its own.
import { createInterface } from 'node:readline';
import { acquireDataLock } from './data-lock';
import type { DataLock } from './data-lock';

const held: DataLock[] = [];
const lines = createInterface({ input: process.stdin });
lines.on('line', (dir) => {
  acquireDataLock(dir).then(
    (lock) => {
      held.push(lock);
      process.stdout.write(`${JSON.stringify({ dir, won: true, token: lock.owner.token })}\n`);
    },
    (error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      process.stdout.write(`${JSON.stringify({ dir, won: false, message })}\n`);
    },
  );
});
lines.on('close', () => process.exit(0));
process.stdout.write('ready\n');
