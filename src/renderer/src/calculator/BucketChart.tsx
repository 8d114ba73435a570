// Target weights as one stacked horizontal bar, with the same numbers repeated as text beside it.
import { Box, Group, Stack, Text } from '@mantine/core';
import type { Bucket, Weights } from '../../../shared/strategy';
import { bucketSegments, describeWeights, type BucketSegment } from './bucket-chart';

/** Shades dark enough for white labels at 4.5:1 or more, in both schemes. */
export const BUCKET_COLORS: Record<Bucket, string> = {
  spot: 'var(--mantine-color-blue-8)',
  hedged: 'var(--mantine-color-violet-8)',
  stable: 'var(--mantine-color-teal-9)',
};

/** Below this share a segment is too narrow to hold its label; the legend still gives the number. */
const LABEL_MIN_SHARE = 0.12;

export interface StackedBucketBarProps {
  segments: readonly BucketSegment[];
  /** The bar in words, for screen readers: the drawing is one image. */
  description: string;
  height: number;
  radius: 'sm' | 'md';
  textSize: 'xs' | 'sm';
  /** Takes the rest of a row it shares with a label. */
  grow?: boolean;
}

/** The three buckets as one stacked horizontal bar, each segment as wide as its share. */
export function StackedBucketBar({
  segments,
  description,
  height,
  radius,
  textSize,
  grow = false,
}: StackedBucketBarProps) {
  return (
    <Box
      role="img"
      aria-label={description}
      style={{
        display: 'flex',
        ...(grow ? { flex: 1, minWidth: 0 } : {}),
        height,
        borderRadius: `var(--mantine-radius-${radius})`,
        overflow: 'hidden',
        border: '1px solid var(--mantine-color-default-border)',
      }}
    >
      {segments
        .filter((s) => s.share > 0)
        .map((s) => (
          <Box
            key={s.bucket}
            style={{
              flex: `${s.share} 1 0`,
              background: BUCKET_COLORS[s.bucket],
              color: 'var(--mantine-color-white)',
              display: 'flex',
              alignItems: 'center',
              justifyContent: 'center',
              minWidth: 2,
              overflow: 'hidden',
              whiteSpace: 'nowrap',
            }}
          >
            {s.share >= LABEL_MIN_SHARE && (
              <Text size={textSize} fw={600} c="inherit" px={4} aria-hidden>
                {s.text}
              </Text>
            )}
          </Box>
        ))}
    </Box>
  );
}

export function BucketChart({ weights }: { weights: Weights }) {
  const segments = bucketSegments(weights);
  return (
    <Stack gap="xs">
      <StackedBucketBar
        segments={segments}
        description={describeWeights(weights)}
        height={44}
        radius="md"
        textSize="sm"
      />
      <Group component="ul" gap="lg" p={0} m={0} style={{ listStyle: 'none' }}>
        {segments.map((s) => (
          <Group component="li" key={s.bucket} gap={6} wrap="nowrap">
            <Box
              aria-hidden
              w={12}
              h={12}
              style={{ borderRadius: 3, background: BUCKET_COLORS[s.bucket], flexShrink: 0 }}
            />
            <Text size="sm">
              {s.label}: <strong>{s.text}</strong>
            </Text>
          </Group>
        ))}
      </Group>
    </Stack>
  );
}
