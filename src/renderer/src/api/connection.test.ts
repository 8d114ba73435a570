import { describe, expect, it } from 'vitest';
import { connectionState as state } from './connection-testing';
import { createConnectionStore, isCurrent, notCurrentReason } from './connection';

describe('isCurrent', () => {
  it('holds figures heard on the connection that is still up as current', () => {
    expect(isCurrent(state(), 0)).toBe(true);
    expect(isCurrent(state({ reconnects: 2 }), 2)).toBe(true);
  });

  it('holds nothing as current while the host is out of reach', () => {
    expect(isCurrent(state({ status: 'disconnected' }), 0)).toBe(false);
    expect(isCurrent(state({ status: 'closed' }), 0)).toBe(false);
  });

  it('holds figures heard before the connection came back as not current until fresh ones arrive', () => {
    expect(isCurrent(state({ reconnects: 1 }), 0)).toBe(false);
    expect(isCurrent(state({ reconnects: 1 }), null)).toBe(false);
  });
});

describe('notCurrentReason', () => {
  it('says nothing about current figures', () => {
    expect(notCurrentReason(state(), 0)).toBeNull();
  });

  it('says the host is not connected, or that fresh data is awaited once it is back', () => {
    expect(notCurrentReason(state({ status: 'disconnected' }), 0)).toMatch(/^Not connected/);
    expect(notCurrentReason(state({ reconnects: 1 }), 0)).toMatch(/^Waiting for fresh data/);
  });
});

describe('createConnectionStore', () => {
  it('keeps the same state object until it changes, and tells listeners until they leave', () => {
    const store = createConnectionStore(state());
    const first = store.state();
    expect(store.state()).toBe(first);
    let heard = 0;
    const stop = store.subscribe(() => (heard += 1));
    store.set(state({ status: 'disconnected' }));
    stop();
    store.set(state());
    expect(heard).toBe(1);
    expect(store.state()).not.toBe(first);
  });
});
