// A rule between two fields (one level below another) is refused by the settings schema on one fixed
// side. When the user has just edited the other side, the message moves to the field they are on,
// worded from its side, so it appears where they are looking rather than somewhere above or below.
import { parseNumberText } from '../ui/number-text';
import type { FieldErrors, SettingsDraft } from './settings-draft';

/** Every leaf path whose text differs between two drafts, e.g. 'thresholds.fixed.deepBelow'. */
export function changedPaths(before: unknown, after: unknown, prefix = ''): string[] {
  if (before === after) return [];
  const isRecord = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v);
  // A list is one field (the tracked tickers): changed when any entry is.
  if (!isRecord(before) || !isRecord(after)) {
    return JSON.stringify(before) === JSON.stringify(after) ? [] : [prefix];
  }
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].flatMap((key) =>
    changedPaths(before[key], after[key], prefix === '' ? key : `${prefix}.${key}`),
  );
}

interface Ordering {
  low: string;
  high: string;
  /** Whether the two may be equal. */
  equalAllowed: boolean;
  lowName: string;
  highName: string;
  unit: string;
}

const fixed = (key: string) => `thresholds.fixed.${key}`;

/**
 * One group per rule set the schema checks in order and reports once: the first broken ordering of a
 * group is the one the schema named, so only that one may be moved.
 */
const GROUPS: Ordering[][] = [
  [
    {
      low: fixed('deepBelow'),
      high: fixed('moderateFrom'),
      equalAllowed: false,
      lowName: 'the deep-backwardation level',
      highName: 'the moderate-contango level',
      unit: '%',
    },
    {
      low: fixed('moderateFrom'),
      high: fixed('extremeAbove'),
      equalAllowed: false,
      lowName: 'the moderate-contango level',
      highName: 'the extreme-contango level',
      unit: '%',
    },
    {
      low: fixed('extremeExit'),
      high: fixed('extremeAbove'),
      equalAllowed: true,
      lowName: 'the level that leaves extreme contango',
      highName: 'the extreme-contango entry level',
      unit: '%',
    },
    {
      low: fixed('deepBelow'),
      high: fixed('extremeExit'),
      equalAllowed: false,
      lowName: 'the deep-backwardation level',
      highName: 'the level that leaves extreme contango',
      unit: '%',
    },
  ],
  [
    {
      low: 'thresholds.historyK.moderate',
      high: 'thresholds.historyK.extreme',
      equalAllowed: false,
      lowName: 'the moderate multiple',
      highName: 'the extreme multiple',
      unit: '',
    },
  ],
];

function textAt(draft: SettingsDraft, path: string): string {
  let value: unknown = draft;
  for (const key of path.split('.')) {
    value =
      typeof value === 'object' && value !== null
        ? (value as Record<string, unknown>)[key]
        : undefined;
  }
  return typeof value === 'string' ? value : '';
}

function numberAt(draft: SettingsDraft, path: string): number | null {
  return parseNumberText(textAt(draft, path));
}

function holds(order: Ordering, draft: SettingsDraft): boolean | null {
  const low = numberAt(draft, order.low);
  const high = numberAt(draft, order.high);
  if (low === null || high === null) return null;
  return order.equalAllowed ? low <= high : low < high;
}

function messageFromSide(order: Ordering, side: 'low' | 'high', draft: SettingsDraft): string {
  const otherPath = side === 'low' ? order.high : order.low;
  const value = `${textAt(draft, otherPath).trim()}${order.unit}`;
  if (side === 'low') {
    const verb = order.equalAllowed ? 'must not be above' : 'must be below';
    return `${verb} ${order.highName} (${value})`;
  }
  const verb = order.equalAllowed ? 'must not be below' : 'must be above';
  return `${verb} ${order.lowName} (${value})`;
}

/**
 * The errors with a broken ordering's message moved onto `edited` when that is the side the user
 * just changed and the schema put it on the other side. Anything else is returned as it was.
 */
export function errorsAtEditedField(
  errors: FieldErrors,
  draft: SettingsDraft,
  edited: string | null,
): FieldErrors {
  if (edited === null || errors[edited] !== undefined) return errors;
  for (const group of GROUPS) {
    const broken = group.find((order) => holds(order, draft) === false);
    if (broken === undefined) continue;
    const side = broken.low === edited ? 'low' : broken.high === edited ? 'high' : null;
    if (side === null) continue;
    const other = side === 'low' ? broken.high : broken.low;
    if (errors[other] === undefined) continue;
    const moved = { ...errors };
    delete moved[other];
    moved[edited] = messageFromSide(broken, side, draft);
    return moved;
  }
  return errors;
}
