// The last snapshot on disk, so the app opens on the last known market (every asset marked stale)
// before the first cycle, and with no network at all. Written atomically: a temporary file, fsynced,
// renamed over the old one; writes are coalesced so only the newest snapshot waiting is written.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { MarketSnapshot } from '../../shared/market';
import { marketSnapshotSchema } from '../../shared/market';
import type { Logger } from '../logger';
import { silentLogger } from '../logger';
import { writeFileAtomic } from '../atomic-write';

export const LAST_SNAPSHOT_FILE = 'last-snapshot.json';

export function lastSnapshotPath(dataDir: string): string {
  return join(dataDir, LAST_SNAPSHOT_FILE);
}

/** The saved snapshot with every asset stale, or null when there is none or it is unreadable. */
export async function readLastSnapshot(
  dataDir: string,
  logger: Logger = silentLogger,
): Promise<MarketSnapshot | null> {
  let text: string;
  try {
    text = await readFile(lastSnapshotPath(dataDir), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      logger.warn('the last market snapshot could not be read', error);
    }
    return null;
  }
  try {
    const parsed = marketSnapshotSchema.safeParse(JSON.parse(text));
    if (!parsed.success) {
      logger.warn('the last market snapshot is not a snapshot; it is ignored');
      return null;
    }
    return { ...parsed.data, assets: parsed.data.assets.map((a) => ({ ...a, stale: true })) };
  } catch {
    logger.warn('the last market snapshot is damaged; it is ignored');
    return null;
  }
}

export interface SnapshotWriter {
  /** Saves the snapshot soon; a newer one given meanwhile replaces it. */
  save(snapshot: MarketSnapshot): void;
  /** Resolves once everything given so far is on disk. */
  flush(): Promise<void>;
}

export function createSnapshotWriter(
  dataDir: string,
  logger: Logger = silentLogger,
): SnapshotWriter {
  const file = lastSnapshotPath(dataDir);
  let waiting: MarketSnapshot | null = null;
  let writing: Promise<void> | null = null;

  const drain = async (): Promise<void> => {
    while (waiting) {
      const next = waiting;
      waiting = null;
      try {
        await writeFileAtomic(file, JSON.stringify(next), { mode: 0o600 });
      } catch (error) {
        logger.warn('the last market snapshot could not be saved', error);
      }
    }
  };

  return {
    save(snapshot) {
      waiting = snapshot;
      writing ??= drain().finally(() => {
        writing = null;
      });
    },
    async flush() {
      while (writing) await writing;
    },
  };
}
