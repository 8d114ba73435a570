// The tracked assets' calibrations (their trailing year's premium statistics), read again when the
// settings they depend on change, an asset's backfill ends or the connection to the host comes back.
import { useEffect, useState } from 'react';
import type { Calibration } from '../../../shared/market';
import type { AppClient } from '../api/connection';
import { useReconnects } from '../api/use-connection';
import { shownError } from '../ui/shown-error';

export type CalibrationLoad = { calibration: Calibration } | { error: string };

/** Per asset, its calibration or why it could not be read; an asset not yet answered is absent. */
export type Calibrations = Partial<Record<string, CalibrationLoad>>;

export function useCalibrations(
  client: AppClient,
  assets: readonly string[],
  dependsOn: string,
): Calibrations {
  const [loaded, setLoaded] = useState<Calibrations>({});
  const [refresh, setRefresh] = useState(0);
  const reconnects = useReconnects(client);
  const list = assets.join(',');

  useEffect(
    () =>
      client.onEvent((event) => {
        if (
          event.type === 'backfill' &&
          event.progress.done &&
          list.split(',').includes(event.progress.asset)
        ) {
          setRefresh((n) => n + 1);
        }
      }),
    [client, list],
  );

  useEffect(() => {
    let current = true;
    const wanted = list === '' ? [] : list.split(',');
    // Previous answers stay on view while a refresh is on its way.
    for (const asset of wanted) {
      client.getCalibration({ asset }).then(
        (calibration) => {
          if (current) setLoaded((prev) => ({ ...prev, [asset]: { calibration } }));
        },
        (e: unknown) => {
          if (current)
            setLoaded((prev) => ({ ...prev, [asset]: { error: shownError(e).message } }));
        },
      );
    }
    return () => {
      current = false;
    };
  }, [client, list, dependsOn, refresh, reconnects]);

  // An asset no longer listed is not shown, whatever was read for it.
  return Object.fromEntries(assets.flatMap((a) => (loaded[a] ? [[a, loaded[a]]] : [])));
}
