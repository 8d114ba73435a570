import { describe, expect, it } from 'vitest';
import { readDemoHint, writeDemoHint } from './demo-hint';

function memoryStorage() {
  const items = new Map<string, string>();
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
  };
}

describe('the demo hint', () => {
  it('is unknown until the host has said, then remembers its last word', () => {
    const storage = memoryStorage();
    expect(readDemoHint(storage)).toBeNull();
    writeDemoHint(true, storage);
    expect(readDemoHint(storage)).toBe(true);
    writeDemoHint(false, storage);
    expect(readDemoHint(storage)).toBe(false);
  });

  it('does without storage, or with storage that refuses to write', () => {
    expect(readDemoHint(null)).toBeNull();
    const refusing = {
      getItem: () => null,
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(() => writeDemoHint(true, refusing)).not.toThrow();
    expect(readDemoHint(refusing)).toBeNull();
  });
});
