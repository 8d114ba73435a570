// An execution as it runs and once it has ended: each step with its state in words (a screen reader
// hears each change), then the result with the problem and what to do next.
import { Alert, Badge, Group, List, Stack, Text } from '@mantine/core';
import type { Execution } from '../../../shared/execution';
import type { RebalancePlan } from '../../../shared/plan';
import { executionResult, executionStepRows } from './execution-view';

export function ExecutionProgress({
  execution,
  plan,
  accountLabel,
}: {
  execution: Execution;
  plan: RebalancePlan | null;
  accountLabel: (id: string) => string;
}) {
  const rows = executionStepRows(execution, plan, accountLabel);
  const result = executionResult(execution);
  return (
    <Stack gap="sm">
      <Stack
        component="ol"
        gap="xs"
        p={0}
        m={0}
        style={{ listStyle: 'none' }}
        aria-label="Execution steps"
        aria-live="polite"
      >
        {rows.map((row) => (
          <Group
            component="li"
            key={row.key}
            gap="sm"
            wrap="nowrap"
            align="flex-start"
            data-testid={row.key}
            data-state={row.state}
          >
            <Badge color={row.color} variant="light" tt="none" miw={120} style={{ flexShrink: 0 }}>
              {row.mark} {row.label}
            </Badge>
            <Stack gap={0}>
              <Text size="sm">
                {row.number}. {row.what}
              </Text>
              {row.progress !== null && (
                <Text size="xs" c="dimmed">
                  {row.progress}
                </Text>
              )}
              {row.message !== null && <Text size="xs">{row.message}</Text>}
            </Stack>
          </Group>
        ))}
      </Stack>
      <div
        role="status"
        aria-live="polite"
        data-testid="execution-result"
        data-state={result.state}
      >
        <Alert color={result.color} title={result.title}>
          <Stack gap={4}>
            <Text size="sm">{result.summary}.</Text>
            {result.problem !== null && <Text size="sm">{result.problem}</Text>}
            {result.nextSteps.length > 0 && (
              <>
                <Text size="sm" fw={600}>
                  What to do now:
                </Text>
                <List size="sm" aria-label="What to do now">
                  {result.nextSteps.map((step) => (
                    <List.Item key={step}>{step}</List.Item>
                  ))}
                </List>
              </>
            )}
          </Stack>
        </Alert>
      </div>
    </Stack>
  );
}
