import { describe, expect, it } from 'vitest';
import { hashWithPage, pageInHash } from './hash-route';

describe('pageInHash', () => {
  it('reads the page named in the hash', () => {
    expect(pageInHash('#page=calculator')).toBe('calculator');
  });

  it('finds the page beside an access token', () => {
    expect(pageInHash('#token=abc123&page=strategy')).toBe('strategy');
  });

  it('returns null when the hash names no page', () => {
    expect(pageInHash('#token=abc123')).toBeNull();
    expect(pageInHash('')).toBeNull();
    expect(pageInHash('#page=')).toBeNull();
  });
});

describe('hashWithPage', () => {
  it('keeps the access token when switching pages', () => {
    const next = hashWithPage('#token=abc123&page=strategy', 'calculator');
    expect(pageInHash(next)).toBe('calculator');
    expect(new URLSearchParams(next.slice(1)).get('token')).toBe('abc123');
  });

  it('adds the page to an empty hash', () => {
    expect(hashWithPage('', 'strategy')).toBe('#page=strategy');
  });
});
