import { describe, expect, it } from 'vitest';
import { assetFromFileName, readCsvEntry, readCsvHistory, type CsvEntry } from './csv-source';

const DAY = 86_400_000;
const dates = (n: number) =>
  Array.from({ length: n }, (_, i) =>
    new Date(Date.UTC(2021, 0, 1) + i * DAY).toISOString().slice(0, 10),
  );

const pricesCsv = (n: number) =>
  ['date,price', ...dates(n).map((d, i) => `${d},${100 + i}`)].join('\n');
const dailyFundingCsv = (n: number) =>
  ['date,funding_mean', ...dates(n).map((d) => `${d},0.0001`)].join('\n');
const settlementsCsv = (n: number) =>
  [
    'fundingTime,fundingRate',
    ...Array.from(
      { length: n * 3 },
      (_, i) => `${Date.UTC(2021, 0, 1) + i * 8 * 3_600_000 + 5},0.0001`,
    ),
  ].join('\n');

const entry = (over: Partial<CsvEntry>): CsvEntry => ({
  id: 1,
  asset: 'BTC',
  prices: { name: 'btc-spot.csv', text: pricesCsv(60) },
  funding: { name: 'btc-funding.csv', text: dailyFundingCsv(60) },
  ...over,
});

describe('history from CSV files', () => {
  it('guesses the asset from a file name a venue or a spreadsheet would give', () => {
    expect(assetFromFileName('binance-btcusdt-funding-8h.csv')).toBe('BTC');
    expect(assetFromFileName('eth-spot-daily.csv')).toBe('ETH');
    expect(assetFromFileName('my prices.csv')).toBe('MY');
    expect(assetFromFileName('-.csv')).toBe('');
  });

  it('joins the two files into daily bars and says what they hold', () => {
    const reading = readCsvEntry(entry({ asset: ' btc ' }));
    expect(reading).toMatchObject({
      ok: true,
      asset: 'BTC',
      funding: 'daily-mean',
      summary: '60 days from 2021-01-01 to 2021-03-01, daily mean funding',
    });
    if (reading.ok) expect(reading.series.bars[59]).toMatchObject({ price: 159, funding: 0.0001 });
  });

  it('reads 8-hourly settlements as the funding settled each day', () => {
    const reading = readCsvEntry(entry({ funding: { name: 'f.csv', text: settlementsCsv(60) } }));
    expect(reading).toMatchObject({ ok: true, funding: 'settled-sum' });
    if (reading.ok) expect(reading.series.bars[10]?.funding).toBeCloseTo(0.0003, 12);
  });

  it('puts each problem on the field it concerns, naming the file and line', () => {
    expect(readCsvEntry(entry({ asset: '' }))).toMatchObject({ ok: false, field: 'asset' });
    expect(readCsvEntry(entry({ asset: 'B-T' }))).toMatchObject({
      ok: false,
      field: 'asset',
      problem: 'Use a ticker such as BTC',
    });
    expect(readCsvEntry(entry({ funding: null }))).toMatchObject({ ok: false, field: 'funding' });
    expect(
      readCsvEntry(entry({ prices: { name: 'p.csv', text: 'date,price\n2021-01-01,0\n' } })),
    ).toEqual({
      ok: false,
      field: 'prices',
      problem: 'p.csv: line 2: the price must be above 0 (got 0)',
    });
    expect(
      readCsvEntry(entry({ funding: { name: 'f.csv', text: 'when,rate\n2021-01-01,1\n' } })),
    ).toMatchObject({
      ok: false,
      field: 'funding',
      problem: expect.stringMatching(/^f\.csv: line 1: the header needs/),
    });
    expect(
      readCsvEntry(entry({ unreadable: { field: 'prices', problem: 'p.csv could not be read.' } })),
    ).toEqual({ ok: false, field: 'prices', problem: 'p.csv could not be read.' });
  });

  it('runs several assets only when each reads, none is named twice and the funding is of one kind', () => {
    const eth = entry({ id: 2, asset: 'ETH' });
    expect(readCsvHistory([entry({}), eth])).toMatchObject({ ok: true, assets: ['BTC', 'ETH'] });
    expect(readCsvHistory([])).toMatchObject({ ok: false });
    expect(readCsvHistory([entry({ asset: '', prices: null, funding: null })])).toEqual({
      ok: false,
      problem: 'Choose the two files of each asset.',
    });
    expect(readCsvHistory([entry({}), { ...eth, asset: 'BTC' }])).toEqual({
      ok: false,
      problem: 'BTC is named twice.',
    });
    expect(
      readCsvHistory([entry({}), { ...eth, funding: { name: 'f.csv', text: settlementsCsv(60) } }]),
    ).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/^The funding files must all be of one kind/),
    });
    expect(readCsvHistory([entry({}), { ...eth, funding: null }])).toEqual({
      ok: false,
      problem: 'ETH: Choose a funding file.',
    });
  });
});
