// One refresh cycle's market data: the venue's bulk quotes for every tracked asset in a constant
// number of requests, turned into plain data with each contract's prices per unit of the asset.
import type { GatewayCore, ReadOptions } from './gateway-core';
import type { Exchange } from 'ccxt';
import { finiteOrNull } from '../../core';
import type { AssetInstruments, AssetMarketData, MarketDataCycle, PerpetualQuote } from './types';
import type { VenueQuotes } from './venue';

/** A contract's price per unit of the asset: its price per unit of the contract's base, divided. */
export function perUnit(price: number | null, multiplier: number): number | null {
  return price === null ? null : price / multiplier;
}

export function fetchMarketData(
  core: GatewayCore,
  assets: readonly string[],
  readOptions?: ReadOptions,
): Promise<MarketDataCycle> {
  const { adapter, listings } = core;
  return core.call(async (scope) => {
    await listings.prepare();
    let found = await listings.instruments(assets);
    const listed = await listings.listing();
    const everyPerp = (await listings.instruments(listed.assets)).filter((a) => a.perp !== null);
    const exchange = await core.exchange();
    const spotSymbols = found.flatMap((a) =>
      a.spot && listings.quotable(a.spot.symbol) ? [a.spot.symbol] : [],
    );
    const contractSymbols = found.flatMap((a) => [
      ...(a.perp ? [a.perp.symbol] : []),
      ...a.futures.map((f) => f.symbol),
    ]);
    // The bulk answer carries every perpetual anyway: asked for even when no tracked asset has one.
    if (contractSymbols.length === 0 && everyPerp.length > 0) {
      contractSymbols.push(everyPerp[0]!.perp!.symbol);
    }
    const quotes = await core.read(() =>
      adapter.fetchQuotes(exchange, { spotSymbols, contractSymbols }),
    );
    // Funding intervals re-read after a settlement off schedule apply to this cycle already.
    if (await listings.afterQuotes(found, quotes)) found = await listings.instruments(assets);
    const receivedAt = core.now();
    const assetsData: AssetMarketData[] = found.map((a) => {
      const spotQuote = a.spot ? quotes.spot.get(a.spot.symbol) : undefined;
      const bid = spotQuote?.bid ?? null;
      const ask = spotQuote?.ask ?? null;
      const mid = bid !== null && ask !== null ? (bid + ask) / 2 : (bid ?? ask);
      const perpQuote = a.perp ? quotes.contracts.get(a.perp.symbol) : undefined;
      const perpUnit = a.perp?.multiplier ?? 1;
      const problem = listings.problemOf(a.asset);
      return {
        asset: a.asset,
        ...(problem !== null ? { problem } : {}),
        spot: a.spot && mid !== null ? { symbol: a.spot.symbol, bid, ask, price: mid } : null,
        perp:
          a.perp && perpQuote && perpQuote.mark !== null
            ? {
                symbol: a.perp.symbol,
                id: a.perp.id,
                mark: perpQuote.mark / perpUnit,
                index: perUnit(perpQuote.index, perpUnit),
                fundingRate: perpQuote.fundingRate,
                fundingIntervalHours: a.perp.fundingIntervalHours,
                intervalFromVenue: a.perp.intervalFromVenue,
                nextFundingAt: perpQuote.nextFundingAt,
                venueTime: perpQuote.venueTime,
              }
            : null,
        futures: a.futures.flatMap((f) => {
          const q = quotes.contracts.get(f.symbol);
          return q && q.mark !== null
            ? [
                {
                  symbol: f.symbol,
                  id: f.id,
                  expiry: f.expiry,
                  price: q.mark / f.multiplier,
                  index: perUnit(q.index, f.multiplier),
                  venueTime: q.venueTime,
                },
              ]
            : [];
        }),
      };
    });
    return {
      exchange: adapter.id,
      receivedAt,
      requests: scope.requests,
      assets: assetsData,
      perpetuals: perpetualQuotes(everyPerp, quotes, exchange),
    };
  }, readOptions);
}

function publishedTaker(exchange: Exchange, symbol: string): number | null {
  const rate = finiteOrNull(exchange.markets?.[symbol]?.taker);
  return rate !== null && rate >= 0 && rate < 1 ? rate : null;
}

/** Every listed perpetual the quotes priced, with its asset's nearest dated future. */
export function perpetualQuotes(
  listed: readonly AssetInstruments[],
  quotes: VenueQuotes,
  exchange: Exchange,
): PerpetualQuote[] {
  const out: PerpetualQuote[] = [];
  for (const a of listed) {
    const perp = a.perp;
    if (!perp) continue;
    const q = quotes.contracts.get(perp.symbol);
    if (!q || q.mark === null) continue;
    let nearestFuture: PerpetualQuote['nearestFuture'] = null;
    for (const f of a.futures) {
      const fq = quotes.contracts.get(f.symbol);
      if (fq && fq.mark !== null) {
        nearestFuture = { symbol: f.symbol, expiry: f.expiry, price: fq.mark / f.multiplier };
        break;
      }
    }
    out.push({
      asset: a.asset,
      symbol: perp.symbol,
      mark: q.mark / perp.multiplier,
      index: perUnit(q.index, perp.multiplier),
      fundingRate: q.fundingRate,
      fundingIntervalHours: perp.fundingIntervalHours,
      nextFundingAt: q.nextFundingAt,
      venueTime: q.venueTime,
      nearestFuture,
      perpTakerFee: publishedTaker(exchange, perp.symbol),
      spotTakerFee: a.spot ? publishedTaker(exchange, a.spot.symbol) : null,
    });
  }
  return out;
}
