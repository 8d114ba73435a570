// The execution of the plan the Rebalance page shows: read when the plan is opened (one executed
// before shows how it went), followed step by step through the host's `execution` events while it
// runs, and started on request. The hook serves one plan for its life: the page keys it by plan id.
import { useCallback, useEffect, useState } from 'react';
import type { Execution } from '../../../shared/execution';
import type { AppClient } from '../api/connection';
import { useReconnects } from '../api/use-connection';
import { shownError } from '../ui/shown-error';
import { laterExecution } from './execution-view';

export interface PlanExecution {
  /** The plan's execution, running or ended; null while it was never executed. */
  execution: Execution | null;
  /** Why it could not be read whether the plan was executed. */
  readError: string | null;
  /** True from the confirmation until the host answers. */
  executing: boolean;
  /** Why the host would not execute the plan (or the call failed on the way). */
  executeError: string | null;
  execute: () => void;
}

export function usePlanExecution(client: AppClient, planId: string): PlanExecution {
  const [execution, setExecution] = useState<Execution | null>(null);
  const [readError, setReadError] = useState<string | null>(null);
  const [executing, setExecuting] = useState(false);
  const [executeError, setExecuteError] = useState<string | null>(null);
  const reconnects = useReconnects(client);

  const take = useCallback(
    (next: Execution) => {
      if (next.planId !== planId) return;
      setExecution((held) => laterExecution(held, next));
    },
    [planId],
  );

  // Read again once the host is back: the execution may have moved on while it was out of reach.
  useEffect(() => {
    let current = true;
    client.getExecution(planId).then(
      (found) => {
        if (!current) return;
        take(found);
        setReadError(null);
      },
      (e: unknown) => {
        if (!current) return;
        const error = shownError(e);
        setReadError(error.code === 'not-found' ? null : error.message);
      },
    );
    return () => {
      current = false;
    };
  }, [client, planId, reconnects, take]);

  useEffect(
    () =>
      client.onEvent((event) => {
        if (event.type === 'execution') take(event.execution);
      }),
    [client, take],
  );

  const execute = useCallback(() => {
    setExecuting(true);
    setExecuteError(null);
    client.executePlan({ planId }).then(
      (ended) => {
        take(ended);
        setExecuting(false);
      },
      (e: unknown) => {
        setExecuteError(shownError(e).message);
        setExecuting(false);
      },
    );
  }, [client, planId, take]);

  return { execution, readError, executing, executeError, execute };
}
