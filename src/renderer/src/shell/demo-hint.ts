// Whether the market was the demo one when this window last heard from the host. The header shows the
// Demo badge from it in its first frame, before the host has answered; the host's word replaces it.
const KEY = 'premia.demo-market';

type HintStorage = Pick<Storage, 'getItem' | 'setItem'>;

function storageOrNull(): HintStorage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    // Storage can be refused (a locked-down profile): the badge then waits for the host.
    return null;
  }
}

export function readDemoHint(storage: HintStorage | null = storageOrNull()): boolean | null {
  const value = storage?.getItem(KEY);
  return value === '1' ? true : value === '0' ? false : null;
}

export function writeDemoHint(demo: boolean, storage: HintStorage | null = storageOrNull()): void {
  try {
    storage?.setItem(KEY, demo ? '1' : '0');
  } catch {
    // A full or refused storage only costs the early badge.
  }
}
