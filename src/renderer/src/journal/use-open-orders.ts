// The orders open on every account's venue, read on request and whenever an execution moves on, and
// cancelling one of them: the host answers with the orders still open.
import { useCallback, useEffect, useState } from 'react';
import type { CancelOrderInput, OpenOrder } from '../../../shared/execution';
import type { AppClient } from '../api/connection';
import { shownError } from '../ui/shown-error';
import { useHostRead, type HostRead } from '../use-host-read';

export type CancelOutcome = { ok: true; message: string } | { ok: false; message: string };

export interface OpenOrdersState extends HostRead {
  orders: OpenOrder[] | null;
  /** The order id being canceled while the host has not answered. */
  canceling: string | null;
  /** What the last cancel did, in words. */
  outcome: CancelOutcome | null;
  cancel: (order: CancelOrderInput, what: string) => void;
}

export function useOpenOrders(client: AppClient): OpenOrdersState {
  const [orders, setOrders] = useState<OpenOrder[] | null>(null);
  const [canceling, setCanceling] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<CancelOutcome | null>(null);
  const read = useHostRead(client, (c) => c.listOpenOrders(), setOrders);
  const { retry, settle } = read;

  useEffect(
    () =>
      client.onEvent((event) => {
        if (event.type === 'execution') retry();
      }),
    [client, retry],
  );

  const cancel = useCallback(
    (order: CancelOrderInput, what: string) => {
      setCanceling(order.orderId);
      setOutcome(null);
      client.cancelOrder(order).then(
        (left) => {
          setOrders(left);
          settle();
          setCanceling(null);
          setOutcome({ ok: true, message: `Canceled: ${what}.` });
        },
        (e: unknown) => {
          setCanceling(null);
          setOutcome({ ok: false, message: `Not canceled: ${what}. ${shownError(e).message}` });
        },
      );
    },
    [client, settle],
  );

  return { orders, canceling, outcome, cancel, ...read };
}
