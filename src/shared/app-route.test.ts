import { describe, expect, it } from 'vitest';
import { alertInHash, hashWithAlert } from './app-route';

describe('the alert in the URL', () => {
  it('opens the Alerts page on that alert, keeping what else the hash holds', () => {
    const hash = hashWithAlert('#token=abc&page=markets', 'regime-change:BTC:7');
    const params = new URLSearchParams(hash.slice(1));
    expect(params.get('token')).toBe('abc');
    expect(params.get('page')).toBe('alerts');
    expect(alertInHash(hash)).toBe('regime-change:BTC:7');
  });

  it('names no alert when the hash has none', () => {
    expect(alertInHash('#page=alerts')).toBeNull();
    expect(alertInHash('')).toBeNull();
    expect(alertInHash('#alert=')).toBeNull();
  });
});
