// The single actions on one asset (hedge, basis trade, close the hedge, accumulate, de-risk), each a
// preview: it asks the host for a plan of that one action and opens the Rebalance page on it, where the
// plan is executed once the user confirms it there.
import { Alert, Button, Group, Menu, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { AppClient } from '../api/connection';
import { PLAN_ACTION_LABELS, PLAN_ACTIONS, type PlanActionKind } from '../../../shared/plan';
import { useClient } from '../client-context';
import { shownError } from '../ui/shown-error';
import { hashShowingPlan } from './plan-route';

interface PlanAction {
  running: PlanActionKind | null;
  error: string | null;
  preview: (kind: PlanActionKind) => void;
}

function usePlanAction(client: AppClient, asset: string): PlanAction {
  const [running, setRunning] = useState<PlanActionKind | null>(null);
  const [error, setError] = useState<string | null>(null);
  const preview = (kind: PlanActionKind) => {
    setRunning(kind);
    setError(null);
    client.createPlan({ action: { asset, kind } }).then(
      (plan) => {
        setRunning(null);
        window.location.hash = hashShowingPlan(window.location.hash, plan.id);
      },
      (e: unknown) => {
        setRunning(null);
        setError(shownError(e).message);
      },
    );
  };
  return { running, error, preview };
}

function ActionError({ asset, error }: { asset: string; error: string }) {
  return (
    <Alert color="red" title={`No plan was made for ${asset}`} role="alert">
      {error}
    </Alert>
  );
}

/** The actions as a row of buttons, for an asset's own view. */
export function SingleActions({ asset }: { asset: string }) {
  const action = usePlanAction(useClient(), asset);
  return (
    <Stack gap="xs" component="section" aria-label={`Preview an action on ${asset}`}>
      <Text size="sm" c="dimmed">
        Preview one action on {asset}: each makes a plan and opens it on the Rebalance page, where
        you can read it, then execute it after a confirmation. Nothing is traded before you confirm.
      </Text>
      <Group gap="xs">
        {PLAN_ACTIONS.map((kind) => (
          <Button
            key={kind}
            size="xs"
            variant="light"
            loading={action.running === kind}
            disabled={action.running !== null && action.running !== kind}
            onClick={() => action.preview(kind)}
          >
            {PLAN_ACTION_LABELS[kind]}
          </Button>
        ))}
      </Group>
      {action.error !== null && <ActionError asset={asset} error={action.error} />}
    </Stack>
  );
}

/** The actions in a menu, for a row of a table. */
export function SingleActionsMenu({ asset }: { asset: string }) {
  const action = usePlanAction(useClient(), asset);
  return (
    <Stack gap={4} align="flex-start">
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button size="xs" variant="default" loading={action.running !== null}>
            Preview an action on {asset}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>Preview a plan, then execute it on the Rebalance page</Menu.Label>
          {PLAN_ACTIONS.map((kind) => (
            <Menu.Item key={kind} onClick={() => action.preview(kind)}>
              {PLAN_ACTION_LABELS[kind]}
            </Menu.Item>
          ))}
        </Menu.Dropdown>
      </Menu>
      {action.error !== null && <ActionError asset={asset} error={action.error} />}
    </Stack>
  );
}
