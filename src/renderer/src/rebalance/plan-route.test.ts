import { describe, expect, it } from 'vitest';
import { pageInHash } from '../routing/hash-route';
import { hashShowingPlan, planInHash } from './plan-route';

describe('hashShowingPlan', () => {
  it('opens the Rebalance page on the plan and keeps the access token', () => {
    const hash = hashShowingPlan('#token=abc&page=markets', 'k3x9q2m7');
    expect(pageInHash(hash)).toBe('rebalance');
    expect(planInHash(hash)).toBe('k3x9q2m7');
    expect(new URLSearchParams(hash.slice(1)).get('token')).toBe('abc');
  });

  it('replaces a plan named before', () => {
    expect(planInHash(hashShowingPlan('#page=rebalance&plan=old1', 'new2'))).toBe('new2');
  });
});

describe('planInHash', () => {
  it('is null when the hash names no plan', () => {
    expect(planInHash('#page=rebalance')).toBeNull();
    expect(planInHash('#plan=')).toBeNull();
    expect(planInHash('')).toBeNull();
  });
});
