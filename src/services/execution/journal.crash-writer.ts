// A process appending to a journal as fast as it can, for the crash test in journal.crash.test.ts:
// it prints each record's client order id once its append has resolved (stdout to a pipe is written
// synchronously), and goes on until it is killed.
import { openJournal } from './journal';
import { orderChange } from './journal-testing';

const [dataDir, round] = process.argv.slice(2);
if (!dataDir || !round) throw new Error('usage: journal.crash-writer.ts <data folder> <round>');

const journal = await openJournal({ dataDir, now: Date.now });
for (let step = 0; ; step += 1) {
  const clientOrderId = `pm-${round}-${step}-0`;
  await journal.append(orderChange({ clientOrderId, planId: round, step }));
  process.stdout.write(`${clientOrderId}\n`);
}
