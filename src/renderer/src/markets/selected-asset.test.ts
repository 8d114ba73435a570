import { describe, expect, it } from 'vitest';
import { assetInHash, hashWithAsset } from './selected-asset';

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
