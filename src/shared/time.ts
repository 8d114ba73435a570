// Milliseconds per unit of time, for every layer (the simulator and the UI included). A year is 365
// days: the ACT/365 convention premiums are annualized by.
export const SECOND_MS = 1_000;
export const MINUTE_MS = 60 * SECOND_MS;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;
export const DAYS_PER_YEAR = 365;
export const YEAR_MS = DAYS_PER_YEAR * DAY_MS;
