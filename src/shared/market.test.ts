import { describe, expect, it } from 'vitest';
import { parseApiInput } from './dispatch';

// Names people or scripts have sent that are no ticker: non-ASCII letters, spaces, symbols, control
// characters, one letter, too long.
const ODD_NAMES = [
  '',
  ' ',
  'B',
  'BTC USD',
  'BTC\tUSD',
  'BTC\nETH',
  'BTC/USDT',
  'BTC:USDT',
  'BTC-PERP',
  'BTC_USDT',
  '../BTC',
  'BTC.',
  'ÄTH',
  'BTC€',
  'ＢＴＣ',
  '比特币',
  'Ξ',
  'BTC🚀',
  'BTC\u0000',
  'BTC\u200b',
  'ABCDEFGHIJKLMNOP',
  '%42TC',
  '~7E',
];

describe('asset names in history and calibration queries', () => {
  it.each(ODD_NAMES)('refuses %j with a message naming the asset field', (asset) => {
    for (const [method, input] of [
      ['getHistory', { asset, series: 'spot' }],
      ['getCalibration', { asset }],
    ] as const) {
      const parsed = parseApiInput(method, input);
      expect(parsed.ok).toBe(false);
      if (parsed.ok) continue;
      expect(parsed.error.code).toBe('invalid-input');
      expect(parsed.error.field).toBe('asset');
      expect(parsed.error.message).toBe(
        'asset: must be a ticker such as BTC (2 to 15 letters or digits)',
      );
    }
  });

  it('accepts a ticker in any case and with surrounding spaces, as the tracked assets do', () => {
    expect(parseApiInput('getHistory', { asset: ' eth ', series: 'premium' })).toEqual({
      ok: true,
      input: { asset: 'ETH', series: 'premium' },
    });
    expect(parseApiInput('getCalibration', { asset: '1000pepe' })).toEqual({
      ok: true,
      input: { asset: '1000PEPE' },
    });
  });
});
