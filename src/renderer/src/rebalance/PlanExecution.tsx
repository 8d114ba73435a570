// Executing the plan shown: the button (held back, with every reason, while the plan is not ready or
// has expired), the confirmation, the progress step by step and the result. A plan executed before
// shows how that went instead, since a plan is executed at most once.
import { Alert, Button, Group, List, Stack, Text } from '@mantine/core';
import { useId, useState } from 'react';
import type { RebalancePlan } from '../../../shared/plan';
import { useClient } from '../client-context';
import { useNow } from '../markets/use-market-data';
import { ExecuteDialog } from './ExecuteDialog';
import { executeReadiness, executionResult } from './execution-view';
import { ExecutionProgress } from './ExecutionProgress';
import { usePlanExecution } from './use-plan-execution';

export function PlanExecution({
  plan,
  accountLabel,
  onMakeNew,
  making,
}: {
  plan: RebalancePlan;
  accountLabel: (id: string) => string;
  onMakeNew: () => void;
  making: boolean;
}) {
  const run = usePlanExecution(useClient(), plan.id);
  const now = useNow(1_000);
  const readiness = executeReadiness(plan, now);
  const [confirming, setConfirming] = useState(false);
  const reasonsId = useId();
  const { execution } = run;
  const finished = execution !== null && executionResult(execution).finished;

  const confirm = () => {
    setConfirming(false);
    run.execute();
  };

  return (
    <Stack gap="sm">
      {run.readError !== null && (
        <Text size="sm" c="dimmed" data-testid="execution-read-error">
          Whether this plan was executed could not be read: {run.readError}
        </Text>
      )}
      {execution === null && (
        <>
          <Group gap="sm">
            <Button
              color="red"
              onClick={() => setConfirming(true)}
              disabled={!readiness.ready || run.executing}
              loading={run.executing}
              aria-describedby={readiness.ready ? undefined : reasonsId}
            >
              Execute plan
            </Button>
            {run.executing && (
              <Text size="sm" role="status">
                Checking the plan again on fresh prices, balances and order books, then sending it…
              </Text>
            )}
          </Group>
          {!readiness.ready && (
            <Stack gap={2} id={reasonsId} data-testid="execute-blockers">
              <Text size="sm" fw={600}>
                It cannot be executed now:
              </Text>
              <List size="sm">
                {readiness.reasons.map((reason) => (
                  <List.Item key={reason}>{reason}</List.Item>
                ))}
              </List>
            </Stack>
          )}
          {run.executeError !== null && (
            <Alert
              color="red"
              title="The plan was not executed"
              role="alert"
              data-testid="execute-error"
            >
              {run.executeError}
            </Alert>
          )}
        </>
      )}
      {execution !== null && (
        <ExecutionProgress execution={execution} plan={plan} accountLabel={accountLabel} />
      )}
      {finished && (
        <Group>
          <Button variant="light" onClick={onMakeNew} loading={making}>
            Make a new plan
          </Button>
        </Group>
      )}
      <ExecuteDialog
        plan={plan}
        opened={confirming}
        accountLabel={accountLabel}
        blockers={readiness.ready ? [] : readiness.reasons}
        onConfirm={confirm}
        onClose={() => setConfirming(false)}
      />
    </Stack>
  );
}
