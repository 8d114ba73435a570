import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { defaultSettings } from '../core/defaults';
import { apiInputSchemas, quoteInputSchema } from './api';
import { PremiaError, invalidInput, toErrorPayload } from './errors';
import { SETTINGS_VERSION, settingsPatchSchema, settingsSchema } from './settings';

/** The refusal of `input` by `schema`, as a person would read it. */
function refusal(schema: z.ZodType, input: unknown): PremiaError {
  const parsed = schema.safeParse(input);
  if (parsed.success) throw new Error(`accepted: ${JSON.stringify(input)}`);
  return invalidInput(parsed.error);
}

const settings = defaultSettings();
const withGroup = <G extends keyof typeof settings>(group: G, change: Record<string, unknown>) => ({
  ...settings,
  [group]: { ...(settings[group] as object), ...change },
});

/** zod's own wording, which must never reach a person. */
const ZOD_WORDING =
  /Invalid (key|option|input|discriminator)|Too (small|big)|expected \w+, received/;

describe('invalidInput', () => {
  it('names a record key that is not a ticker, rather than an "invalid key in record"', () => {
    const error = refusal(
      settingsSchema,
      withGroup('assets', { tracked: ['BTC', 'ETH'], mix: { btc$: 0.5, ETH: 0.5 } }),
    );
    expect(error.toPayload()).toEqual({
      code: 'invalid-input',
      field: 'assets.mix.btc$',
      message: 'assets.mix.btc$: the name must be a ticker such as BTC (2 to 15 letters or digits)',
    });
  });

  it('lists the choices a setting allows when it is none of them', () => {
    expect(refusal(settingsSchema, withGroup('market', { source: 'paper' })).message).toBe(
      'market.source: must be "demo" or "live"',
    );
    expect(refusal(settingsSchema, withGroup('market', { exchange: 'ftx' })).message).toBe(
      'market.exchange: must be "binance"',
    );
    expect(refusal(settingsSchema, { ...settings, version: 1 }).message).toBe(
      `version: must be ${SETTINGS_VERSION}`,
    );
  });

  it('says which kinds of quote there are when the kind is none of them', () => {
    expect(refusal(quoteInputSchema, { kind: 'option' }).message).toBe(
      'kind: must be "future" or "funding"',
    );
  });

  it('says a value is missing, or of the wrong kind, in plain words', () => {
    const missing = withGroup('signal', { averagingWindowDays: undefined });
    expect(refusal(settingsSchema, missing).message).toBe('signal.averagingWindowDays: is missing');
    const text = withGroup('signal', { averagingWindowDays: '7' });
    expect(refusal(settingsSchema, text).message).toBe(
      'signal.averagingWindowDays: must be a number',
    );
    expect(refusal(settingsPatchSchema, { assets: 3 }).message).toBe(
      'assets: must be a group of fields',
    );
    expect(
      refusal(apiInputSchemas.getHistory, { asset: 'BTC', series: 'spot', maxPoints: 1.5 }).message,
    ).toBe('maxPoints: must be a whole number');
  });

  it('words limits of size and length for people', () => {
    expect(refusal(apiInputSchemas.dismissNotice, '').message).toBe('The input must not be empty');
    expect(
      refusal(apiInputSchemas.getHistory, { asset: 'BTC', series: 'spot', maxPoints: 2 }).message,
    ).toBe('maxPoints: must be at least 10');
    expect(refusal(apiInputSchemas.dismissNotice, 'x'.repeat(201)).message).toBe(
      'The input must be at most 200 characters long',
    );
  });

  it('gives an input that should be nothing a subject of its own', () => {
    expect(refusal(apiInputSchemas.getSettings, 3).message).toBe('The input takes no value');
  });

  it("keeps the schemas' own messages as they are", () => {
    expect(refusal(settingsSchema, withGroup('rebalance', { leverageCap: 20 })).message).toBe(
      'rebalance.leverageCap: must be between 1× and 10×',
    );
    expect(
      refusal(quoteInputSchema, { kind: 'future', spot: -1, futures: 1, daysToExpiry: 1 }).message,
    ).toBe('spot: Spot price must be above 0');
    expect(refusal(settingsPatchSchema, { colour: {} }).message).toBe(
      'colour: is not a known field',
    );
  });

  it('lets no wording of zod through for any refused setting or API input', () => {
    const cases: Array<[z.ZodType, unknown]> = [
      [settingsSchema, withGroup('assets', { tracked: ['BTC$'], mix: { BTC$: 1 } })],
      [settingsSchema, withGroup('thresholds', { mode: 'auto' })],
      [settingsSchema, withGroup('policy', { extremeAction: 'hold' })],
      [settingsSchema, withGroup('signal', { source: 'guess' })],
      [settingsSchema, withGroup('assets', { tracked: [] })],
      [settingsSchema, withGroup('market', { refreshIntervalMs: 'soon' })],
      [settingsSchema, { ...settings, assets: null }],
      [settingsPatchSchema, 'policy'],
      [quoteInputSchema, { rate: 0.0001 }],
      [quoteInputSchema, { kind: 'future', spot: 1 }],
      [quoteInputSchema, { kind: 'funding', rate: 'high', intervalHours: 8 }],
      [apiInputSchemas.getHistory, { asset: '', series: 'volume' }],
      [apiInputSchemas.getHistory, { asset: 'BTC', series: 'spot', maxPoints: 1e9 }],
      [apiInputSchemas.dismissNotice, 'x'.repeat(201)],
      [apiInputSchemas.dismissNotice, 7],
      [apiInputSchemas.updateSettings, null],
    ];
    for (const [schema, input] of cases) {
      const { message } = refusal(schema, input);
      expect(message, JSON.stringify(input)).not.toMatch(ZOD_WORDING);
    }
  });
});

describe('toErrorPayload', () => {
  it('answers an unexpected error as internal, with neither its message nor its stack', () => {
    const failure = new RangeError('a series subject is printable ASCII (got "demo:BTC USD")');
    const payload = toErrorPayload(failure);
    expect(payload).toEqual({
      code: 'internal',
      message: 'Something went wrong inside Premia; see the log for details.',
    });
    const text = JSON.stringify(payload);
    expect(text).not.toContain('demo:BTC USD');
    expect(text).not.toContain(failure.stack!.split('\n')[1]!.trim());
  });

  it('answers a thrown value that is not an Error at all as internal too', () => {
    expect(toErrorPayload({ stack: 'at somewhere' })).toEqual(toErrorPayload(new Error('x')));
    expect(toErrorPayload('EISDIR: illegal operation on a directory').code).toBe('internal');
  });

  it("carries the app's own error as it is, without a stack", () => {
    const error = new PremiaError('invalid-input', 'asset: must be a ticker', 'asset');
    expect(toErrorPayload(error)).toEqual({
      code: 'invalid-input',
      message: 'asset: must be a ticker',
      field: 'asset',
    });
  });
});
