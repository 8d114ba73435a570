import { describe, expect, it } from 'vitest';
import { PremiaError } from '../../../shared/errors';
import { backtestErrorText } from './run-error';

describe('a failed backtest in words', () => {
  it('tells the user to download the history when none is stored', () => {
    expect(
      backtestErrorText(
        new PremiaError('not-found', 'No history of BTC with funding is stored yet.'),
      ),
    ).toBe(
      'No history of BTC with funding is stored yet. Use “Download history” above, then run the backtest again.',
    );
  });

  it('passes any other refusal through as the host wrote it', () => {
    expect(backtestErrorText(new PremiaError('invalid-input', 'The window is too short.'))).toBe(
      'The window is too short.',
    );
  });
});
