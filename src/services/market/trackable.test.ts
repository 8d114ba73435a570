import { describe, expect, it } from 'vitest';
import type { VenueListing } from '../gateway';
import { editDistance, suggestionsFor, trackingRefusal } from './trackable';

const listing: VenueListing = {
  quote: 'USDT',
  assets: ['ADA', 'BNB', 'BTC', 'DOGE', 'DOT', 'ETH', 'PEPE', 'SOL'],
  multiples: new Map([['1000PEPE', { asset: 'PEPE', multiplier: 1000 }]]),
};

describe('trackingRefusal', () => {
  it('takes an asset the venue lists', () => {
    for (const asset of listing.assets)
      expect(trackingRefusal(asset, listing, 'Binance')).toBeNull();
  });

  it('refuses the quote currency, which is no asset', () => {
    expect(trackingRefusal('USDT', listing, 'Binance')).toBe(
      'USDT is the currency Binance quotes every price in, not an asset to track.',
    );
  });

  it('sends a contract on a multiple to its asset, which is what gets tracked', () => {
    expect(trackingRefusal('1000PEPE', listing, 'Binance')).toBe(
      "1000PEPE is Binance's contract on 1,000 PEPE: track PEPE, and Premia converts its prices and quantities.",
    );
  });

  it('refuses a name the venue does not list, with the names it may have meant', () => {
    expect(trackingRefusal('XYZNOTLISTED', listing, 'the demo market')).toBe(
      'The demo market lists no spot pair, perpetual or dated future for XYZNOTLISTED.',
    );
    expect(trackingRefusal('DOGG', listing, 'Binance')).toBe(
      'Binance lists no spot pair, perpetual or dated future for DOGG. Did you mean DOGE?',
    );
    expect(trackingRefusal('DOTE', listing, 'Binance')).toBe(
      'Binance lists no spot pair, perpetual or dated future for DOTE. Did you mean DOGE or DOT?',
    );
  });
});

describe('suggestionsFor', () => {
  it('reads a pair typed whole as its asset, the multiple’s too', () => {
    expect(suggestionsFor('ETHUSDT', listing)).toEqual(['ETH']);
    expect(suggestionsFor('1000PEPEUSDT', listing)).toEqual(['PEPE']);
  });

  it('offers at most three names, nearest first, and fewer typos for short names', () => {
    expect(suggestionsFor('BXX', listing)).toEqual([]);
    expect(suggestionsFor('BTCC', listing)).toEqual(['BTC']);
    expect(suggestionsFor('DO', listing)).toEqual(['DOT']);
    expect(suggestionsFor('SOLANA', listing)).toEqual([]);
    const many: VenueListing = { ...listing, assets: ['AAA1', 'AAA2', 'AAA3', 'AAA4', 'AAA'] };
    expect(suggestionsFor('AAAA', many)).toEqual(['AAA', 'AAA1', 'AAA2']);
  });
});

describe('editDistance', () => {
  it('counts the insertions, deletions and substitutions between two names', () => {
    expect(editDistance('BTC', 'BTC')).toBe(0);
    expect(editDistance('BTC', 'BTCC')).toBe(1);
    expect(editDistance('DOGE', 'DOTE')).toBe(1);
    expect(editDistance('', 'ETH')).toBe(3);
    expect(editDistance('KITTEN', 'SITTING')).toBe(3);
  });
});
