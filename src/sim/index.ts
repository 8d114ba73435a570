// The exchange simulator's public face: start it, drive it, run it as a command.
export { startSimulator } from './simulator';
export type {
  MintedKey,
  MintKeyOptions,
  RegimeName,
  SimAssetView,
  SimControl,
  SimFutureView,
  SimStateView,
  Simulator,
  SimulatorOptions,
} from './simulator';
export { runSimulatorCommand } from './command';
export type { CommandHooks, CommandIo } from './command';
export { generateCredentials, sign as signRequest } from './auth';
export { createControlToken, SIM_CONTROL_TOKEN_ENV } from './control-token';
export type { Credentials } from './auth';
export type { SimKeyPermissions } from './key-ring';
export { DEMO_PORTFOLIO_USDT } from './demo-portfolio';
export type { Faults } from './faults';
export type { OrderLogChange, OrderLogEntry } from './order-log';
export type { WeightLimits } from './rate-limiter';
export { SIM_REGIMES } from './price-path';
export type { SimRegime } from './price-path';
export { DEFAULT_ASSETS, MAX_ASSETS } from './asset-catalog';
export { DEFAULT_BALANCES } from './account';
export type { InitialBalances } from './account';
export { STATE_FILE } from './state-store';
export { venueClient } from './testing';
export type { SignOptions, VenueAnswer, VenueClient } from './testing';
