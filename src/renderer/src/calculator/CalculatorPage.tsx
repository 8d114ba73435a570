// A quote typed in by hand, evaluated by the host with the saved thresholds and policy as you type.
import { Alert, Grid, Group, Loader, NativeSelect, Stack, Text, Title } from '@mantine/core';
import { useEffect, useMemo, useRef, useState, type Ref } from 'react';
import type { QuoteEvaluation, QuoteInput } from '../../../shared/api';
import type { BasisMethod, Regime } from '../../../shared/strategy';
import { REGIME_LABELS, REGIMES } from '../../../shared/strategy';
import { useReconnects } from '../api/use-connection';
import { useClient } from '../client-context';
import { DraftNumberInput } from '../ui/DraftNumberInput';
import { LabeledSegments } from '../ui/LabeledSegments';
import { RegimeBadge } from '../ui/RegimeBadge';
import { Section } from '../ui/Section';
import { asSentence, withoutFieldPrefix } from '../ui/sentence';
import { shownError } from '../ui/shown-error';
import { BucketChart } from './BucketChart';
import {
  describePremium,
  INITIAL_QUOTE_DRAFT,
  quoteFromDraft,
  type QuoteDraft,
  type QuoteErrors,
} from './quote-draft';

const EVALUATE_DELAY_MS = 250;

const QUOTE_KINDS = [
  { value: 'future', label: 'Dated future' },
  { value: 'funding', label: 'Perpetual funding' },
] as const;

const METHODS = [
  { value: 'simple', label: 'Simple' },
  { value: 'compound', label: 'Compound' },
] as const;

type Outcome =
  | { kind: 'none' }
  | { kind: 'pending'; shownBefore: boolean }
  | { kind: 'result'; input: QuoteInput; evaluation: QuoteEvaluation; stale: boolean }
  | { kind: 'refused'; message: string; field: string | null };

/** What the host answered, and for which input. */
type Answer =
  | { input: QuoteInput; evaluation: QuoteEvaluation }
  | { input: QuoteInput; refused: { message: string; field: string | null } };

/** The answer for the current input; while a new one is on its way, the last result, marked stale. */
function outcomeOf(input: QuoteInput | null, answer: Answer | null): Outcome {
  if (input === null) return { kind: 'none' };
  if (answer === null) return { kind: 'pending', shownBefore: false };
  const stale = JSON.stringify(answer.input) !== JSON.stringify(input);
  if ('evaluation' in answer) return { kind: 'result', ...answer, stale };
  return stale ? { kind: 'pending', shownBefore: true } : { kind: 'refused', ...answer.refused };
}

function QuoteResult({ outcome }: { outcome: Outcome }) {
  if (outcome.kind === 'none') {
    return (
      <Text c="dimmed" size="sm">
        Complete the quote to see its premium.
      </Text>
    );
  }
  // The first answer comes at once: a spinner flashed for it would only draw the eye.
  if (outcome.kind === 'pending' && !outcome.shownBefore) return null;
  if (outcome.kind === 'pending') {
    return (
      <Group gap="xs">
        <Loader size="xs" />
        <Text size="sm" c="dimmed">
          Evaluating…
        </Text>
      </Group>
    );
  }
  if (outcome.kind === 'refused') {
    return (
      <Alert color="red" title="Not evaluated">
        {outcome.message}
      </Alert>
    );
  }
  const { evaluation, input, stale } = outcome;
  return (
    <Stack gap="md" style={{ opacity: stale ? 0.6 : 1 }}>
      <div>
        <Text size="sm" c="dimmed">
          Annualized premium
        </Text>
        <Text size="xl" fw={700} data-testid="annualized-premium">
          {describePremium(evaluation, input)}
        </Text>
      </div>
      <div>
        <Text size="sm" c="dimmed">
          Regime
        </Text>
        <Group gap="xs">
          <RegimeBadge regime={evaluation.regime} size="lg" />
          {evaluation.heldByHysteresis && (
            <Text size="sm">
              Held by hysteresis: the premium is under the entry level but has not fallen below the
              exit level yet.
            </Text>
          )}
        </Group>
      </div>
      {evaluation.warning !== null && (
        <Alert color="yellow" title="Near expiry">
          {evaluation.warning}
        </Alert>
      )}
      <div>
        <Text size="sm" c="dimmed" mb={6}>
          Target weights of the asset&apos;s slice
        </Text>
        <BucketChart weights={evaluation.weights} />
      </div>
    </Stack>
  );
}

export function CalculatorPage({ headingRef }: { headingRef?: Ref<HTMLHeadingElement> }) {
  const client = useClient();
  const [draft, setDraft] = useState<QuoteDraft>(INITIAL_QUOTE_DRAFT);
  const [answer, setAnswer] = useState<Answer | null>(null);
  const parsed = useMemo(() => quoteFromDraft(draft), [draft]);
  const input = parsed.ok ? parsed.input : null;
  const outcome = outcomeOf(input, answer);
  // Keyed by value, so retyping the same number neither re-asks the host nor dims the result.
  const inputKey = input === null ? null : JSON.stringify(input);
  // The saved thresholds and policy may have changed while the host was out of reach: ask again.
  const reconnects = useReconnects(client);
  // Only typing is worth waiting out: the first quote is asked at once.
  const answered = useRef(false);

  useEffect(() => {
    if (inputKey === null) return;
    const input = JSON.parse(inputKey) as QuoteInput;
    let current = true;
    const timer = window.setTimeout(
      () => {
        client.evaluateQuote(input).then(
          (evaluation) => {
            answered.current = true;
            if (current) setAnswer({ input, evaluation });
          },
          (error: unknown) => {
            if (!current) return;
            const { message, field } = shownError(error);
            setAnswer({ input, refused: { message, field } });
          },
        );
      },
      answered.current ? EVALUATE_DELAY_MS : 0,
    );
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
  }, [client, inputKey, reconnects]);

  const errors: QuoteErrors = parsed.ok ? {} : { ...parsed.errors };
  if (outcome.kind === 'refused' && outcome.field !== null) {
    errors[outcome.field] = withoutFieldPrefix(outcome.message, outcome.field);
  }
  const errorOf = (field: string) => {
    const message = errors[field];
    return message === undefined ? undefined : asSentence(message);
  };
  const set = <K extends keyof QuoteDraft>(key: K, value: QuoteDraft[K]) =>
    setDraft((d) => ({ ...d, [key]: value }));

  return (
    <Stack gap="md">
      <div>
        <Title order={1} ref={headingRef} tabIndex={-1}>
          Premium calculator
        </Title>
        <Text c="dimmed" size="sm">
          Annualize a futures premium or a funding rate and see the regime and target weights it
          implies under your saved thresholds and policy.
        </Text>
      </div>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Section title="Quote">
            <LabeledSegments
              label="Quote type"
              value={draft.kind}
              data={QUOTE_KINDS}
              onChange={(kind) => set('kind', kind)}
              fullWidth
            />
            {draft.kind === 'future' ? (
              <>
                <DraftNumberInput
                  label="Spot price"
                  value={draft.spot}
                  onChange={(t) => set('spot', t)}
                  error={errorOf('spot')}
                />
                <DraftNumberInput
                  label="Futures price"
                  value={draft.futures}
                  onChange={(t) => set('futures', t)}
                  error={errorOf('futures')}
                />
                <DraftNumberInput
                  label="Days to expiry"
                  description="Time left on the contract, in days (fractions allowed)."
                  unit="days"
                  value={draft.daysToExpiry}
                  onChange={(t) => set('daysToExpiry', t)}
                  error={errorOf('daysToExpiry')}
                />
                <LabeledSegments<BasisMethod>
                  label="Annualization method"
                  value={draft.method}
                  data={METHODS}
                  onChange={(method) => set('method', method)}
                  fullWidth
                />
              </>
            ) : (
              <>
                <DraftNumberInput
                  label="Funding rate per interval"
                  description="As the venue shows it, e.g. 0.01 for 0.01%. Positive: longs pay shorts."
                  unit="%"
                  step={0.005}
                  value={draft.ratePercent}
                  onChange={(t) => set('ratePercent', t)}
                  error={errorOf('rate')}
                />
                <DraftNumberInput
                  label="Funding interval"
                  description="Hours between payments: 8 is common, 1 and 4 exist."
                  unit="h"
                  value={draft.intervalHours}
                  onChange={(t) => set('intervalHours', t)}
                  error={errorOf('intervalHours')}
                />
              </>
            )}
            <NativeSelect
              label="Previous regime"
              description="Optional: the regime the asset was in, to see the exit hysteresis at work."
              value={draft.previousRegime ?? ''}
              data={[
                { value: '', label: 'None' },
                ...REGIMES.map((r) => ({ value: r, label: REGIME_LABELS[r] })),
              ]}
              onChange={(e) => {
                const value = e.currentTarget.value;
                set('previousRegime', value === '' ? null : (value as Regime));
              }}
            />
          </Section>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Section title="Result">
            <div
              aria-live="polite"
              aria-busy={outcome.kind === 'pending' || (outcome.kind === 'result' && outcome.stale)}
            >
              <QuoteResult outcome={outcome} />
            </div>
          </Section>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
