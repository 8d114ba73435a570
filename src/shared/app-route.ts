// Where the app's page lives in its URL: the hash holds `page=<id>` beside whatever else it carries
// (the headless host puts its access token there), and `alert=<id>` names one alert on the Alerts page,
// which is how a click on an alert's notification opens that alert.

export const PAGE_KEY = 'page';
export const ALERT_KEY = 'alert';
export const ALERTS_PAGE = 'alerts';

export function hashParams(hash: string): URLSearchParams {
  return new URLSearchParams(hash.startsWith('#') ? hash.slice(1) : hash);
}

/** The hash that shows one alert on the Alerts page, keeping every other entry of `hash`. */
export function hashWithAlert(hash: string, alertId: string): string {
  const params = hashParams(hash);
  params.set(PAGE_KEY, ALERTS_PAGE);
  params.set(ALERT_KEY, alertId);
  return `#${params.toString()}`;
}

/** The alert a hash names, or null. */
export function alertInHash(hash: string): string | null {
  const id = hashParams(hash).get(ALERT_KEY);
  return id === null || id === '' ? null : id;
}
