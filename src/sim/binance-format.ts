// Binance's JSON shapes, field for field as its REST API returns them (numbers as fixed-decimal
// strings, times as integers), for the market data and account records of the simulator.
export type { Json } from './binance-json';
export { fmt } from './binance-json';
export * from './binance-exchange-info';
export * from './binance-market-format';
export * from './binance-order-format';
export * from './binance-account-format';
