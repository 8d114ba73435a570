// Moments as the command line prints them: to the second, in UTC, the same in every command.

/** '2026-01-02 03:04:05 UTC'; null (a sync or test that never happened) reads 'never'. */
export function formatUtcTime(at: number | null): string {
  if (at === null) return 'never';
  return new Date(at)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, ' UTC');
}
