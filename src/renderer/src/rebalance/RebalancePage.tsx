// The Rebalance page: the plan that would move the portfolio to its targets, as the host saved it —
// every check, what was left out, each step in order, the carry and risk of each short, the costs and
// the weights before, at target and after — and executing it, once confirmed.
import {
  Alert,
  Badge,
  Button,
  Center,
  Group,
  Loader,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useCallback, type ReactNode, type Ref } from 'react';
import type { RebalancePlan } from '../../../shared/plan';
import { useClient } from '../client-context';
import { accountLabel } from '../holdings/holdings-rows';
import { useNow } from '../markets/use-market-data';
import { usePortfolio } from '../portfolio/use-portfolio';
import { LoadErrorAlert } from '../ui/LoadErrorAlert';
import { Section } from '../ui/Section';
import { planHeader } from './plan-view';
import {
  PlanCarryTable,
  PlanChecks,
  PlanCosts,
  PlanNotes,
  PlanShorts,
  PlanSteps,
} from './PlanTables';
import { PlanExecution } from './PlanExecution';
import { PlanWeights } from './PlanWeights';
import { useShownPlan } from './use-shown-plan';

export function RebalancePage({ headingRef }: { headingRef?: Ref<HTMLHeadingElement> }) {
  const client = useClient();
  const shown = useShownPlan(client);
  const { view } = usePortfolio(client);
  const labelOf = useCallback(
    (id: string) => (view === null ? id : accountLabel(view, id)),
    [view],
  );
  const { plan } = shown;
  const flattening = shown.lastRequest?.flatten === true;

  return (
    <Stack gap="md">
      <div>
        <Title order={1} ref={headingRef} tabIndex={-1}>
          Rebalance
        </Title>
        <Text c="dimmed" size="sm">
          The plan that would move your portfolio to the targets of the current regimes: every
          transfer and order, what it costs, what it earns and what it risks. Nothing is traded
          until you execute the plan and confirm it.
        </Text>
      </div>
      <Group gap="sm">
        <Button onClick={() => shown.make({})} loading={shown.making && !flattening}>
          Make a plan
        </Button>
        <Button
          variant="default"
          onClick={() => shown.make({ flatten: true })}
          loading={shown.making && flattening}
          disabled={shown.making && !flattening}
        >
          Flatten all hedges
        </Button>
        {shown.making && (
          <Text size="sm" role="status" data-testid="making-plan">
            Making a plan: reading balances, prices and order books…
          </Text>
        )}
      </Group>
      {shown.makeError !== null && (
        <Alert color="red" title="No plan was made" role="alert" data-testid="make-error">
          {shown.makeError}
        </Alert>
      )}
      {shown.openError !== null && (
        <Alert color="red" title="That plan could not be opened" role="alert">
          {shown.openError}
        </Alert>
      )}
      {shown.error !== null && (
        <LoadErrorAlert
          title="Saved plans could not be loaded"
          message={shown.error}
          onRetry={shown.retry}
        />
      )}
      {shown.loading && plan === null && shown.error === null && (
        <Center py="xl">
          <Loader aria-label="Loading the saved plan" />
        </Center>
      )}
      {!shown.loading && plan === null && shown.error === null && (
        <Text size="sm" c="dimmed" data-testid="no-plan">
          No saved plan. Make one to see what a rebalance would do now.
        </Text>
      )}
      {plan !== null && (
        <PlanView
          plan={plan}
          accountLabel={labelOf}
          onMakeNew={() => shown.make({})}
          making={shown.making}
        />
      )}
    </Stack>
  );
}

function PlanView({
  plan,
  accountLabel: labelOf,
  onMakeNew,
  making,
}: {
  plan: RebalancePlan;
  accountLabel: (id: string) => string;
  onMakeNew: () => void;
  making: boolean;
}) {
  return (
    <>
      <PlanSummary plan={plan} />
      <Section
        title="Execution"
        intro="Executing sends the plan's transfers and orders to the exchange after you confirm them. A plan is executed at most once."
      >
        <PlanExecution
          key={plan.id}
          plan={plan}
          accountLabel={labelOf}
          onMakeNew={onMakeNew}
          making={making}
        />
      </Section>
      <Section
        title="Checks"
        intro="Every pre-trade check, failed ones first. A plan is ready only when all pass."
      >
        <PlanChecks plan={plan} />
      </Section>
      <Section title="Notes" intro="What the plan left out or changed, and why.">
        <PlanNotes notes={plan.notes} />
      </Section>
      <Section
        title="Steps"
        intro="In the order they would be carried out. Each order is immediate-or-cancel at its limit price."
      >
        <PlanSteps plan={plan} accountLabel={labelOf} />
      </Section>
      <Section
        title="Carry"
        intro="What each hedged pair is expected to earn: a dated short to its expiry, a perpetual over the holding horizon."
      >
        <PlanCarryTable plan={plan} />
      </Section>
      <Section title="Shorts" intro="Every short the plan opens or adds to, and its risk.">
        <PlanShorts plan={plan} accountLabel={labelOf} />
      </Section>
      <Section title="Costs" intro="Expected fees and slippage of every order.">
        <PlanCosts plan={plan} />
      </Section>
      <Section
        title="Weights"
        intro="The portfolio's buckets now, at target and after the plan, then each asset's shares."
      >
        <PlanWeights plan={plan} />
      </Section>
    </>
  );
}

function PlanSummary({ plan }: { plan: RebalancePlan }) {
  const now = useNow(1_000);
  const header = planHeader(plan, now);
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label="Plan">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" gap="sm">
          <Title order={2} size="h3">
            {header.title}
          </Title>
          <Group gap="xs">
            {header.demo && (
              <Badge color="grape" variant="filled" tt="none">
                Demo account
              </Badge>
            )}
            <Badge
              color={header.ready ? 'teal' : 'red'}
              variant="filled"
              tt="none"
              size="lg"
              data-testid="plan-ready"
            >
              {header.ready ? '✓ ' : '✕ '}
              {header.readyText}
            </Badge>
          </Group>
        </Group>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm" component="dl" m={0}>
          <Fact label="Plan id" testId="plan-id">
            <Text component="span" ff="monospace">
              {header.id}
            </Text>
          </Fact>
          <Fact label="Made at" testId="plan-made-at">
            {header.madeAt}
          </Fact>
          <Fact label="Expires in" testId="plan-expires">
            <span role="timer" aria-live="off">
              {header.expires.text}
            </span>
          </Fact>
          <Fact label="Portfolio value" testId="plan-value">
            {header.value}
          </Fact>
        </SimpleGrid>
      </Stack>
    </Paper>
  );
}

function Fact({ label, testId, children }: { label: string; testId: string; children: ReactNode }) {
  return (
    <div>
      <Text component="dt" size="xs" c="dimmed">
        {label}
      </Text>
      <Text component="dd" m={0} size="sm" fw={600} data-testid={testId}>
        {children}
      </Text>
    </div>
  );
}
