// `alerts.json` in the data folder: the standing alerts, the cleared ones kept as history and the
// regime last seen per asset, so an alert is not raised again after a restart while its cause stands.
import { z } from 'zod';
import type { AlertState } from '../../core';
import { ALERT_LEVELS, alertKindSchema } from '../../shared/alerts';
import { regimeSchema } from '../../shared/strategy';
import type { VersionedFile } from '../portfolio/versioned-file';
import { openVersionedFile } from '../portfolio/versioned-file';

export const ALERTS_FILE = 'alerts.json';
const ALERTS_VERSION = 1;

const alertSchema = z.object({
  id: z.string().min(1),
  kind: alertKindSchema,
  cause: z.string().min(1),
  level: z.enum(ALERT_LEVELS),
  asset: z.string().nullable(),
  accountId: z.string().nullable(),
  title: z.string(),
  message: z.string(),
  raisedAt: z.number(),
  clearedAt: z.number().nullable(),
  acknowledgedAt: z.number().nullable(),
});

const bodySchema = z.object({
  active: z.array(alertSchema),
  history: z.array(alertSchema),
  regimes: z.record(
    z.string(),
    z.object({ regime: regimeSchema, changedFrom: regimeSchema.nullable() }),
  ),
}) satisfies z.ZodType<AlertState>;

export function openAlertsFile(options: {
  dataDir: string;
  now: () => number;
  tell: (message: string) => void;
}): Promise<VersionedFile<AlertState>> {
  return openVersionedFile({
    ...options,
    name: ALERTS_FILE,
    what: 'your alerts',
    version: ALERTS_VERSION,
    schema: bodySchema,
    empty: () => ({ active: [], history: [], regimes: {} }),
  });
}
