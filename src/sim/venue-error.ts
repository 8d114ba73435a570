// Binance's error answers: an HTTP status with a `{ code, msg }` body, as its REST API sends them.

export class VenueError extends Error {
  readonly status: number;
  readonly code: number;
  readonly headers: Record<string, string>;

  constructor(status: number, code: number, msg: string, headers: Record<string, string> = {}) {
    super(msg);
    this.name = 'VenueError';
    this.status = status;
    this.code = code;
    this.headers = headers;
  }

  get body(): { code: number; msg: string } {
    return { code: this.code, msg: this.message };
  }
}

export const venueErrors = {
  invalidSymbol: () => new VenueError(400, -1121, 'Invalid symbol.'),
  mandatory: (name: string) =>
    new VenueError(
      400,
      -1102,
      `Mandatory parameter '${name}' was not sent, was empty/null, or malformed.`,
    ),
  illegal: (name: string) =>
    new VenueError(
      400,
      -1100,
      `Illegal characters found in parameter '${name}'; legal range is '^[\\.A-Z\\:/a-z0-9_-]{1,36}$'.`,
    ),
  invalidValue: (name: string) =>
    new VenueError(400, -1130, `Invalid data sent for a parameter: '${name}'.`),
  invalidInterval: () => new VenueError(400, -1120, 'Invalid interval.'),
  badApiKeyFormat: () => new VenueError(401, -2014, 'API-key format invalid.'),
  rejectedApiKey: () =>
    new VenueError(401, -2015, 'Invalid API-key, IP, or permissions for action.'),
  badSignature: () => new VenueError(400, -1022, 'Signature for this request is not valid.'),
  outsideRecvWindow: () =>
    new VenueError(400, -1021, 'Timestamp for this request is outside of the recvWindow.'),
  recvWindowTooLarge: () => new VenueError(400, -1131, 'recvWindow must be less than 60000'),
  filter: (filter: string) => new VenueError(400, -1013, `Filter failure: ${filter}`),
  insufficientBalance: () =>
    new VenueError(400, -2010, 'Account has insufficient balance for requested action.'),
  duplicateSpotOrder: () => new VenueError(400, -2010, 'Duplicate order sent.'),
  duplicateFuturesOrder: () => new VenueError(400, -4116, 'ClientOrderId is duplicated.'),
  wouldTake: () => new VenueError(400, -2010, 'Order would immediately match and take.'),
  rejectedOrder: () => new VenueError(400, -2010, 'New order rejected.'),
  unknownOrderToCancel: () => new VenueError(400, -2011, 'Unknown order sent.'),
  orderDoesNotExist: () => new VenueError(400, -2013, 'Order does not exist.'),
  marginInsufficient: () => new VenueError(400, -2019, 'Margin is insufficient.'),
  reduceOnlyRejected: () => new VenueError(400, -2022, 'ReduceOnly Order is rejected.'),
  futuresPrecision: () =>
    new VenueError(400, -1111, 'Precision is over the maximum defined for this asset.'),
  minNotional: (min: number) =>
    new VenueError(
      400,
      -4164,
      `Order's notional must be no smaller than ${min} (unless you choose reduce only).`,
    ),
  invalidLeverage: (value: string) => new VenueError(400, -4028, `Leverage ${value} is not valid`),
  marginTypeUnchanged: () => new VenueError(400, -4046, 'No need to change margin type.'),
  marginTypeWithPosition: () =>
    new VenueError(400, -4048, 'Margin type cannot be changed if there exists position.'),
  transferBalance: () => new VenueError(400, -5002, 'You have insufficient balance.'),
  invalidOrderType: () => new VenueError(400, -1116, 'Invalid orderType.'),
  invalidSide: () => new VenueError(400, -1117, 'Invalid side.'),
  invalidTimeInForce: () => new VenueError(400, -1115, 'Invalid timeInForce.'),
  startAfterEnd: () => new VenueError(400, -1023, 'Start time is greater than end time.'),
  tooManyRequests: (retryAfterSeconds: number) =>
    new VenueError(
      429,
      -1003,
      'Too many requests; current limit of IP(127.0.0.1) is exceeded. Please use the websocket for live updates to avoid bans.',
      { 'Retry-After': String(retryAfterSeconds) },
    ),
  banned: (until: number, retryAfterSeconds: number) =>
    new VenueError(
      418,
      -1003,
      `Way too many requests; IP(127.0.0.1) banned until ${until}. Please use the websocket for live updates to avoid bans.`,
      { 'Retry-After': String(retryAfterSeconds) },
    ),
  notFound: () => new VenueError(404, -1000, 'Not found.'),
  /** Binance's answer to a request from a region it does not serve (its body's code is 0). */
  restrictedLocation: () =>
    new VenueError(
      451,
      0,
      "Service unavailable from a restricted location according to 'b. Eligibility' in https://www.binance.com/en/terms. Please contact customer service if you believe you received this message in error.",
    ),
};
