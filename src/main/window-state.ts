// The window's size, position and maximized state, remembered across launches in the data folder's
// `window-state.json` (written atomically, a moment after the last resize or move, and at once when
// the window closes), and restored only where it still fits on a display connected now.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../services/atomic-write';
import { isMissing } from '../services/file-problems';
import { SerialQueue } from '../services/serial-queue';
import type { Timers } from './services-client';

export const WINDOW_STATE_FILE = 'window-state.json';
/** How long after the last resize or move the state is written. */
export const WINDOW_STATE_DELAY_MS = 500;

const length = z.number().int().min(1).max(100_000);
const coordinate = z.number().int().min(-100_000).max(100_000);

export const rectangleSchema = z.object({
  x: coordinate,
  y: coordinate,
  width: length,
  height: length,
});
export type Rectangle = z.infer<typeof rectangleSchema>;

export const windowStateSchema = z.object({
  /** The window's bounds when neither maximized nor full screen. */
  bounds: rectangleSchema,
  maximized: z.boolean(),
});
export type WindowState = z.infer<typeof windowStateSchema>;

/** Where a new window goes: the remembered bounds when they fit (else the defaults), maximized or not. */
export interface WindowPlacement {
  bounds: Rectangle | null;
  maximized: boolean;
}

function contains(area: Rectangle, x: number, y: number): boolean {
  return x >= area.x && x < area.x + area.width && y >= area.y && y < area.y + area.height;
}

/**
 * The remembered bounds, if a connected display's work area holds the window's centre and is large
 * enough for its size; otherwise none (the window opens at its default size, centred). The maximized
 * state is kept either way: a maximized window fills whichever display it opens on.
 */
export function placeWindow(
  state: WindowState | null,
  workAreas: readonly Rectangle[],
): WindowPlacement {
  if (!state) return { bounds: null, maximized: false };
  const { bounds } = state;
  const centreX = bounds.x + bounds.width / 2;
  const centreY = bounds.y + bounds.height / 2;
  const fits = workAreas.some(
    (area) =>
      contains(area, centreX, centreY) &&
      bounds.width <= area.width &&
      bounds.height <= area.height,
  );
  return { bounds: fits ? bounds : null, maximized: state.maximized };
}

export interface WindowStateLog {
  warn(message: string, detail?: unknown): void;
}

/** The state remembered in `dataDir`, or null: none yet, or a file that is not one (it is rewritten). */
export async function readWindowState(
  dataDir: string,
  log: WindowStateLog,
): Promise<WindowState | null> {
  const path = join(dataDir, WINDOW_STATE_FILE);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (!isMissing(error)) log.warn('the window state could not be read', error);
    return null;
  }
  try {
    const parsed = windowStateSchema.safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data;
  } catch {
    // Not JSON: told below like any other document that is not a window state.
  }
  // Only where the window opens is lost: it opens at its default place and the file is replaced.
  log.warn(`${path} does not hold a window state; the window opens at its default place`);
  return null;
}

/** The parts of Electron's BrowserWindow whose state is remembered. */
export interface TrackedWindow {
  on(event: 'resize' | 'move' | 'maximize' | 'unmaximize' | 'close', listener: () => void): unknown;
  getNormalBounds(): Rectangle;
  isMaximized(): boolean;
  isMinimized(): boolean;
  isFullScreen(): boolean;
}

export interface WindowStateWriter {
  /** Writes the state (after the writes asked for before it); never rejects, failures are logged. */
  save(state: WindowState): Promise<void>;
}

export function windowStateWriter(dataDir: string, log: WindowStateLog): WindowStateWriter {
  const path = join(dataDir, WINDOW_STATE_FILE);
  const queue = new SerialQueue();
  return {
    save: (state) =>
      queue
        .run(() => writeFileAtomic(path, `${JSON.stringify(state, null, 2)}\n`))
        .catch((error: unknown) => log.warn('the window state could not be saved', error)),
  };
}

/**
 * Remembers `win`'s state: a write `delayMs` after the last change, and one at once when it closes.
 * A minimized or full-screen window keeps the state it had before.
 */
export function trackWindowState(
  win: TrackedWindow,
  writer: WindowStateWriter,
  timers: Timers,
  delayMs: number = WINDOW_STATE_DELAY_MS,
): void {
  let timer: unknown = null;
  let last: string | null = null;

  const save = (): void => {
    if (timer !== null) timers.clearTimeout(timer);
    timer = null;
    if (win.isMinimized() || win.isFullScreen()) return;
    const state: WindowState = { bounds: win.getNormalBounds(), maximized: win.isMaximized() };
    const json = JSON.stringify(state);
    if (json === last) return;
    last = json;
    void writer.save(state);
  };
  const later = (): void => {
    if (timer !== null) timers.clearTimeout(timer);
    timer = timers.setTimeout(save, delayMs);
  };

  for (const event of ['resize', 'move', 'maximize', 'unmaximize'] as const) win.on(event, later);
  win.on('close', save);
}
