// The saved plan the Rebalance page shows. It opens on the plan the URL names (a single action made it)
// or else the newest saved one, follows `plan` events so a plan made anywhere (another window, the
// command line) appears, and makes a new plan on request. Until the host can plan, its refusal is
// what the page shows.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AppClient } from '../api/connection';
import type { PlanRequest, RebalancePlan } from '../../../shared/plan';
import { useLocationHash } from '../routing/use-hash-page';
import { shownError } from '../ui/shown-error';
import { useHostRead } from '../use-host-read';
import { hashShowingPlan, planInHash } from './plan-route';

export interface ShownPlan {
  plan: RebalancePlan | null;
  loading: boolean;
  /** Why the saved plans could not be read. */
  error: string | null;
  retry: () => void;
  making: boolean;
  /** What was last asked for: a full rebalance, one action, or a flatten. */
  lastRequest: PlanRequest | null;
  /** Why the last plan asked for was not made. */
  makeError: string | null;
  /** Why the plan the URL names could not be opened. */
  openError: string | null;
  make: (request: PlanRequest) => void;
}

/** The plan `id` names, or the newest saved one when it names none or one that has since expired. */
async function readShown(client: AppClient, id: string | null): Promise<RebalancePlan | null> {
  if (id !== null) {
    try {
      return await client.getPlan(id);
    } catch (e) {
      if (shownError(e).code !== 'not-found') throw e;
    }
  }
  return (await client.listPlans())[0] ?? null;
}

export function useShownPlan(client: AppClient): ShownPlan {
  const [plan, setPlan] = useState<RebalancePlan | null>(null);
  const [making, setMaking] = useState(false);
  const [lastRequest, setLastRequest] = useState<PlanRequest | null>(null);
  const [makeError, setMakeError] = useState<string | null>(null);
  const [openError, setOpenError] = useState<string | null>(null);
  const wanted = planInHash(useLocationHash());
  // The plan named when the page opened is the first read's to fetch; only later changes ask again.
  const openedOn = useRef<string | null>(wanted);

  /** A plan chosen (made, announced, named in the URL) replaces whatever is shown. */
  const show = useCallback((next: RebalancePlan) => {
    setPlan(next);
    setOpenError(null);
  }, []);
  /** A read's answer never replaces a later plan that arrived while it was on its way. */
  const answered = useCallback((read: RebalancePlan | null) => {
    setPlan((held) => (read === null || (held !== null && held.at > read.at) ? held : read));
  }, []);
  const { loading, error, retry, settle } = useHostRead(
    client,
    (c) => readShown(c, wanted),
    answered,
  );

  useEffect(
    () =>
      client.onEvent((event) => {
        if (event.type !== 'plan') return;
        show(event.plan);
        settle();
      }),
    [client, show, settle],
  );

  // A plan named in the URL after the page opened (a single action elsewhere) is fetched unless held.
  const shownId = plan?.id ?? null;
  useEffect(() => {
    if (wanted === openedOn.current) return;
    openedOn.current = null;
    if (wanted === null || wanted === shownId) return;
    let current = true;
    client.getPlan(wanted).then(
      (found) => {
        if (current) show(found);
      },
      (e: unknown) => {
        if (current) setOpenError(shownError(e).message);
      },
    );
    return () => {
      current = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only a change of the URL asks again, not a plan shown by event
  }, [client, wanted]);

  const make = useCallback(
    (request: PlanRequest) => {
      setMaking(true);
      setLastRequest(request);
      setMakeError(null);
      client.createPlan(request).then(
        (made) => {
          show(made);
          settle();
          setMaking(false);
          window.location.hash = hashShowingPlan(window.location.hash, made.id);
        },
        (e: unknown) => {
          setMakeError(shownError(e).message);
          setMaking(false);
        },
      );
    },
    [client, show, settle],
  );

  return { plan, loading, error, retry, making, lastRequest, makeError, openError, make };
}
