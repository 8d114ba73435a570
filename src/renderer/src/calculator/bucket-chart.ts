// The numbers behind the bucket chart: one segment per bucket, and the sentence that describes them.
import type { Bucket, Weights } from '../../../shared/strategy';
import { BUCKET_LABELS, BUCKETS } from '../../../shared/strategy';
import { numberToText } from '../ui/number-text';

export interface BucketSegment {
  bucket: Bucket;
  label: string;
  /** Share of the slice, 0 to 1. */
  share: number;
  /** The share as shown, e.g. '15%' or '12.5%'. */
  text: string;
}

/** A weight as a percent with at most two decimals and no trailing zeros: 0.125 → '12.5%'. */
export function formatWeight(share: number): string {
  return `${numberToText(Number((share * 100).toFixed(2)))}%`;
}

export function bucketSegments(weights: Weights): BucketSegment[] {
  return BUCKETS.map((bucket) => ({
    bucket,
    label: BUCKET_LABELS[bucket],
    share: weights[bucket],
    text: formatWeight(weights[bucket]),
  }));
}

/** What a screen reader hears for the chart. */
export function describeWeights(weights: Weights): string {
  const parts = bucketSegments(weights).map((s) => `${s.label} ${s.text}`);
  return `Target weights: ${parts.join(', ')}`;
}
