// The unhedged exposures the user said were dealt with by hand (by acknowledging their alert), kept in
// `exposures-handled.json`: Premia neither raises them again nor trades their pair on its own after
// that, since the journal alone cannot tell a position the user closed from one still open.
import { join } from 'node:path';
import { z } from 'zod';
import { AtomicJsonFile } from '../atomic-json-file';
import { describeFileProblem } from '../file-problems';

export const HANDLED_EXPOSURES_FILE = 'exposures-handled.json';

const fileSchema = z
  .object({
    v: z.literal(1),
    handled: z.array(z.object({ cause: z.string().min(1).max(200), at: z.number() }).strict()),
  })
  .strict();
type HandledFile = z.infer<typeof fileSchema>;

export interface HandledExposures {
  has(cause: string): boolean;
  /** Records the cause as dealt with, on the disk before it resolves. */
  add(cause: string): Promise<void>;
}

/** Opens the record; a damaged file is read as empty, and `tell` says so (nothing is lost but it). */
export async function openHandledExposures(options: {
  dataDir: string;
  now: () => number;
  tell: (message: string) => void;
}): Promise<HandledExposures> {
  const path = join(options.dataDir, HANDLED_EXPOSURES_FILE);
  const file = new AtomicJsonFile<unknown>(path, 0o600);
  let data: HandledFile = { v: 1, handled: [] };
  try {
    const parsed = fileSchema.safeParse((await file.read()) ?? data);
    if (parsed.success) data = parsed.data;
    else options.tell(`${path} could not be read, so no unhedged exposure counts as dealt with.`);
  } catch (error) {
    options.tell(
      `The exposures dealt with by hand could not be read (${describeFileProblem(path, error)}), so none counts as dealt with.`,
    );
  }
  const causes = new Set(data.handled.map((h) => h.cause));
  return {
    has: (cause) => causes.has(cause),
    async add(cause) {
      if (causes.has(cause)) return;
      const next: HandledFile = { v: 1, handled: [...data.handled, { cause, at: options.now() }] };
      await file.write(next);
      data = next;
      causes.add(cause);
    },
  };
}

/** Kept for the life of the process only (tests, and services without a data folder of their own). */
export function inMemoryHandled(): HandledExposures {
  const causes = new Set<string>();
  return {
    has: (cause) => causes.has(cause),
    add: async (cause) => void causes.add(cause),
  };
}
