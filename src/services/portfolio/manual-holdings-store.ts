// Holdings the user typed in (a cold wallet, a venue Premia does not connect to), kept in
// `manual-holdings.json` in the data folder: added, changed, removed one at a time, or replaced all
// at once by an import. Every change is saved before it is answered, or refused with nothing changed.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { ParsedManualHolding } from '../../core';
import { invalidInput, PremiaError } from '../../shared/errors';
import type { ManualHolding, ManualHoldingInput } from '../../shared/portfolio';
import { manualHoldingInputSchema, manualHoldingSchema } from '../../shared/portfolio';
import type { VersionedFile } from './versioned-file';
import { openVersionedFile } from './versioned-file';

export const MANUAL_HOLDINGS_FILE = 'manual-holdings.json';
const MANUAL_HOLDINGS_VERSION = 1;
/** Far beyond any real list; a bound so a runaway import cannot grow the file without end. */
export const MAX_MANUAL_HOLDINGS = 1_000;

const bodySchema = z.object({ holdings: z.array(manualHoldingSchema) });

export interface ManualHoldingsStore {
  /** The holdings, oldest first. */
  list(): ManualHolding[];
  add(input: ManualHoldingInput): Promise<ManualHolding[]>;
  /** A `not-found` PremiaError when no holding has that id. */
  update(id: string, input: ManualHoldingInput): Promise<ManualHolding[]>;
  remove(id: string): Promise<ManualHolding[]>;
  /** Replaces every holding with these (an import): all of them are saved, or none. */
  replaceAll(inputs: readonly ParsedManualHolding[]): Promise<ManualHolding[]>;
  close(): Promise<void>;
}

export interface ManualHoldingsStoreOptions {
  dataDir: string;
  now: () => number;
  tell: (message: string) => void;
  newId?: () => string;
}

function checked(input: ManualHoldingInput): ParsedManualHolding {
  const parsed = manualHoldingInputSchema.safeParse(input);
  if (!parsed.success) throw invalidInput(parsed.error);
  return parsed.data;
}

function tooMany(count: number): PremiaError {
  return new PremiaError(
    'invalid-input',
    `Premia keeps at most ${MAX_MANUAL_HOLDINGS} manual holdings (this would make ${count}).`,
  );
}

class FileManualHoldingsStore implements ManualHoldingsStore {
  constructor(
    private readonly file: VersionedFile<z.infer<typeof bodySchema>>,
    private readonly now: () => number,
    private readonly newId: () => string,
  ) {}

  list(): ManualHolding[] {
    return this.file.current().holdings;
  }

  async add(input: ManualHoldingInput): Promise<ManualHolding[]> {
    const holding = checked(input);
    return this.#change((list) => {
      if (list.length + 1 > MAX_MANUAL_HOLDINGS) throw tooMany(list.length + 1);
      return [...list, { id: this.newId(), ...holding, updatedAt: this.now() }];
    });
  }

  async update(id: string, input: ManualHoldingInput): Promise<ManualHolding[]> {
    const holding = checked(input);
    return this.#change((list) => {
      this.#require(list, id);
      return list.map((h) => (h.id === id ? { id, ...holding, updatedAt: this.now() } : h));
    });
  }

  remove(id: string): Promise<ManualHolding[]> {
    return this.#change((list) => {
      this.#require(list, id);
      return list.filter((h) => h.id !== id);
    });
  }

  async replaceAll(inputs: readonly ParsedManualHolding[]): Promise<ManualHolding[]> {
    const holdings = inputs.map((h) => checked(h));
    if (holdings.length > MAX_MANUAL_HOLDINGS) throw tooMany(holdings.length);
    return this.#change(() =>
      holdings.map((h) => ({ id: this.newId(), ...h, updatedAt: this.now() })),
    );
  }

  close(): Promise<void> {
    return this.file.close();
  }

  #require(list: readonly ManualHolding[], id: string): void {
    if (!list.some((h) => h.id === id)) {
      throw new PremiaError(
        'not-found',
        'That manual holding no longer exists; the list has been refreshed.',
      );
    }
  }

  // Each change is made to the saved list inside the file's queue, so two quick ones never
  // overwrite each other.
  async #change(next: (list: ManualHolding[]) => ManualHolding[]): Promise<ManualHolding[]> {
    const body = await this.file.update((current) => ({ holdings: next(current.holdings) }));
    return body.holdings;
  }
}

/** Opens the manual holdings in `dataDir` (none on a first start). */
export async function openManualHoldingsStore(
  options: ManualHoldingsStoreOptions,
): Promise<ManualHoldingsStore> {
  const file = await openVersionedFile({
    dataDir: options.dataDir,
    name: MANUAL_HOLDINGS_FILE,
    what: 'your manual holdings',
    version: MANUAL_HOLDINGS_VERSION,
    schema: bodySchema,
    empty: () => ({ holdings: [] }),
    now: options.now,
    tell: options.tell,
  });
  return new FileManualHoldingsStore(file, options.now, options.newId ?? randomUUID);
}
