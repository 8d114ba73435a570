// The demo account's keys, minted on the built-in simulator, in <dataDir>/demo-account.json. They
// are not secrets (they open only the simulated demo portfolio), so they live outside the vault and
// the demo works with the vault absent or locked. A file that cannot be read is replaced by new keys.
import { join } from 'node:path';
import { z } from 'zod';
import { AtomicJsonFile } from '../atomic-json-file';

export const DEMO_ACCOUNT_FILE = 'demo-account.json';

const demoKeysSchema = z.object({
  version: z.literal(1),
  accountId: z.string().min(1),
  apiKey: z.string().min(1),
  secret: z.string().min(1),
});
export type DemoKeys = Omit<z.infer<typeof demoKeysSchema>, 'version'>;

export async function readDemoKeys(dataDir: string): Promise<DemoKeys | null> {
  let data: unknown;
  try {
    data = await new AtomicJsonFile<unknown>(join(dataDir, DEMO_ACCOUNT_FILE)).read();
  } catch (error) {
    if (error instanceof SyntaxError) return null;
    throw error;
  }
  const parsed = demoKeysSchema.safeParse(data);
  return parsed.success
    ? { accountId: parsed.data.accountId, apiKey: parsed.data.apiKey, secret: parsed.data.secret }
    : null;
}

export async function writeDemoKeys(dataDir: string, keys: DemoKeys): Promise<void> {
  await new AtomicJsonFile<unknown>(join(dataDir, DEMO_ACCOUNT_FILE), 0o600).write({
    version: 1,
    ...keys,
  });
}
