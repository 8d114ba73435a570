import { describe, expect, it } from 'vitest';
import { PremiaError } from '../shared/errors';
import { describeServicesCrash, describeServicesStop } from './services-stop';

describe('describeServicesStop', () => {
  it('says nothing when the services closed cleanly', () => {
    expect(describeServicesStop({ kind: 'closed' })).toBeNull();
  });

  it('tells a timed-out close in seconds, and what was kept', () => {
    const told = describeServicesStop({ kind: 'timed-out', afterMs: 10_000 });
    expect(told?.message).toContain('within 10 seconds');
    expect(told?.message).toContain('Saved settings are kept');
  });

  it('tells a process that died while closing, with its exit code', () => {
    expect(describeServicesStop({ kind: 'exited', code: 134 })?.message).toContain('exit code 134');
  });

  it('tells a close that failed in the services’ own words', () => {
    const error = new PremiaError('internal', 'The history could not be flushed.');
    expect(describeServicesStop({ kind: 'failed', error })?.message).toContain(
      'The history could not be flushed.',
    );
  });
});

describe('describeServicesCrash', () => {
  it('says what stopped working and how to go on', () => {
    const told = describeServicesCrash(1);
    expect(told.message).toContain('exit code 1');
    expect(told.message).toContain('Restart Premia');
  });
});
