// The control interface over HTTP (/__control/*), for a test or a tool in another process: the same
// operations as `Simulator.control`, each body checked against its route's schema. Access is checked
// before anything here runs (control-access.ts).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { invalidInput } from '../shared/errors';
import type { Faults } from './faults';
import type { WeightLimits } from './rate-limiter';
import type { RegimeName, SimControl } from './simulator';
import { VenueError } from './venue-error';
import { readBody, sendJson } from './venue-server';

const faultsPatch = z
  .strictObject({
    latencyMs: z.number(),
    rate429: z.number(),
    rate5xx: z.number(),
    rateTimeout: z.number(),
    rateHtml: z.number(),
    rejectOrders: z.union([z.number(), z.boolean()]),
    retryAfterSeconds: z.number(),
    rejectOrdersOn: z.array(z.string()).max(50),
    throttleOrders: z.number(),
    loseOrderAnswers: z.number(),
  })
  .partial() satisfies z.ZodType<Partial<Faults>>;

const weightLimitsPatch = z
  .strictObject({ spot: z.number(), futures: z.number(), sapi: z.number() })
  .partial() satisfies z.ZodType<Partial<WeightLimits>>;

const asset = z.string({ error: 'a ticker such as BTC is required' });
const nothing = z.strictObject({});

const permissionsPatch = z
  .strictObject({
    spotTrading: z.boolean(),
    futuresTrading: z.boolean(),
    universalTransfer: z.boolean(),
    withdrawals: z.boolean(),
    ipRestricted: z.boolean(),
  })
  .partial();

const bodies = {
  key: z.strictObject({
    permissions: permissionsPatch.optional(),
    account: z.string().min(1).max(40).optional(),
    portfolio: z.enum(['empty', 'demo']).optional(),
  }),
  premium: z.strictObject({
    asset,
    annualized: z.number({ error: 'a number or null is required' }).nullable(),
  }),
  regime: z.strictObject({ asset, regime: z.string({ error: 'a regime name is required' }) }),
  advance: z.strictObject({ ms: z.number({ error: 'a number of milliseconds is required' }) }),
  speed: z.strictObject({ speed: z.number({ error: 'a number is required' }) }),
  assets: z.union(
    [
      z.strictObject({ count: z.number().int().min(0) }),
      z.strictObject({ names: z.array(z.string()).max(200) }),
    ],
    { error: 'count (a whole number) or names (a list of tickers) is required' },
  ),
};

/** A refusal of the request itself, answered 400 with its message. */
class BadControlRequest extends Error {}

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body);
  if (!result.success) throw new BadControlRequest(invalidInput(result.error).message);
  return result.data;
}

type Handler = (control: SimControl, body: unknown) => unknown;

const ROUTES: Readonly<Record<string, Handler>> = {
  'GET /__control/state': (control) => control.state(),
  'GET /__control/orders': (control) => ({ orders: control.orders() }),
  'POST /__control/premium': (control, body) => {
    const { asset, annualized } = parse(bodies.premium, body);
    return control.setPremium(asset, annualized);
  },
  'POST /__control/regime': (control, body) => {
    const { asset, regime } = parse(bodies.regime, body);
    // The name is checked by setRegime, which lists the known ones when it is not.
    return control.setRegime(asset, regime as RegimeName);
  },
  'POST /__control/advance': (control, body) => ({
    marketTime: control.advance(parse(bodies.advance, body).ms),
  }),
  'POST /__control/speed': (control, body) => {
    control.setSpeed(parse(bodies.speed, body).speed);
    return control.state();
  },
  'POST /__control/faults': (control, body) => control.setFaults(parse(faultsPatch, body)),
  'POST /__control/faults/clear': (control, body) => {
    parse(nothing, body);
    control.clearFaults();
    return control.state().faults;
  },
  'DELETE /__control/faults': (control, body) => {
    parse(nothing, body);
    control.clearFaults();
    return control.state().faults;
  },
  'POST /__control/weight-limits': (control, body) =>
    control.setWeightLimits(parse(weightLimitsPatch, body)),
  'POST /__control/assets': (control, body) => {
    const request = parse(bodies.assets, body);
    return { added: control.addAssets('count' in request ? request.count : request.names) };
  },
  'POST /__control/keys': (control, body) => control.mintKey(parse(bodies.key, body)),
  'POST /__control/reset': (control, body) => {
    parse(nothing, body);
    control.reset();
    return control.state();
  },
};

function parseJson(raw: string): unknown {
  if (raw.trim() === '') return {};
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    throw new BadControlRequest('the body is not JSON');
  }
}

/** Answers one control request that has passed the access check. */
export async function handleControlRequest(
  control: SimControl,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const method = req.method ?? 'GET';
  const route = `${method} ${url.pathname.replace(/\/+$/, '')}`;
  const handler = ROUTES[route];
  if (!handler) {
    sendJson(res, 404, { error: `no control ${route}` });
    return;
  }
  try {
    const body = parseJson(method === 'GET' ? '' : await readBody(req));
    sendJson(res, 200, handler(control, body));
  } catch (error) {
    // The control operations refuse bad values with a RangeError that names them.
    if (error instanceof BadControlRequest || error instanceof RangeError) {
      sendJson(res, 400, { error: error.message });
      return;
    }
    if (error instanceof VenueError) {
      sendJson(res, error.status, { error: error.message });
      return;
    }
    throw error;
  }
}
