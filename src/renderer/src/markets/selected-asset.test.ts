import { describe, expect, it } from 'vitest';
import { assetInHash, hashWithAsset, selectedView } from './selected-asset';

describe('assetInHash', () => {
  it('reads the asset beside the page and the token', () => {
    expect(assetInHash('#token=abc&page=markets&asset=btc')).toBe('BTC');
  });

  it('returns null when no asset is named', () => {
    expect(assetInHash('#page=markets')).toBeNull();
    expect(assetInHash('#asset=')).toBeNull();
    expect(assetInHash('')).toBeNull();
  });
});

describe('hashWithAsset', () => {
  it('opens an asset and keeps the token and the page', () => {
    const next = hashWithAsset('#token=abc&page=markets', 'ETH');
    const params = new URLSearchParams(next.slice(1));
    expect(params.get('token')).toBe('abc');
    expect(params.get('page')).toBe('markets');
    expect(assetInHash(next)).toBe('ETH');
  });

  it('closes the detail by dropping only the asset', () => {
    expect(hashWithAsset('#page=markets&asset=BTC', null)).toBe('#page=markets');
  });
});

describe('selectedView', () => {
  it('opens the detail of a tracked asset', () => {
    expect(selectedView('BTC', ['BTC', 'ETH'])).toEqual({ kind: 'detail', asset: 'BTC' });
  });

  it('offers to track an asset the URL names but the user does not track', () => {
    expect(selectedView('DOGE', ['BTC', 'ETH'])).toEqual({ kind: 'untracked', asset: 'DOGE' });
  });

  it('opens nothing for a name that is no ticker', () => {
    expect(selectedView('<B>', ['BTC'])).toEqual({ kind: 'invalid', text: '<B>' });
    expect(selectedView('A'.repeat(40), ['BTC']).kind).toBe('invalid');
  });

  it('waits for the tracked assets before deciding, and opens nothing when none is named', () => {
    expect(selectedView('BTC', null)).toEqual({ kind: 'none' });
    expect(selectedView(null, ['BTC'])).toEqual({ kind: 'none' });
  });
});
