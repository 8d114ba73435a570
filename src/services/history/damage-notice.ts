// The one notice the history store gives on opening when it found damage: per series, in plain words,
// what was dropped, moved aside or skipped, and where the copies of the damaged files are.
import type { SeriesField } from './series-keys';
import { FIELD_LABELS } from './series-keys';
import type { SeriesRepairs } from './series-open';

export type OpenProblem =
  | { kind: 'repaired'; subject: string; field: SeriesField; repairs: SeriesRepairs }
  | { kind: 'unreadable'; subject: string; field: SeriesField | null; detail: string };

/** Paths listed in full before the rest are counted. */
const LISTED_PATHS = 3;

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`;
}

function seriesName(subject: string, field: SeriesField | null): string {
  return field === null ? `the history of ${subject}` : `${FIELD_LABELS[field]} of ${subject}`;
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function listed(paths: readonly string[]): string {
  const shown = paths.slice(0, LISTED_PATHS).join(', ');
  const more = paths.length - LISTED_PATHS;
  return more > 0 ? `${shown} and ${more} more` : shown;
}

function day(t: number): string {
  return new Date(t).toISOString().slice(0, 10);
}

function damagedSpan(starts: readonly number[]): string {
  const first = starts[0];
  const last = starts.at(-1);
  if (first === undefined || last === undefined) return '';
  return first === last
    ? ` (in the file of ${day(first)})`
    : ` (in files of ${day(first)} to ${day(last)})`;
}

function describeRepairs(name: string, r: SeriesRepairs): string[] {
  const parts: string[] = [];
  if (r.droppedRecords > 0 || r.strayBytes > 0) {
    const what = [
      r.droppedRecords > 0 ? `${plural(r.droppedRecords, 'damaged record')} dropped` : '',
      r.strayBytes > 0 ? `${plural(r.strayBytes, 'stray byte')} cut out` : '',
    ]
      .filter(Boolean)
      .join(' and ');
    parts.push(
      `${name}: ${what}${damagedSpan(r.damagedSegments)}; every readable point is kept. ` +
        `The damaged ${r.copies.length === 1 ? 'file was' : 'files were'} copied to ${listed(r.copies)}.`,
    );
  }
  if (r.foreign.length > 0) {
    parts.push(
      `${name}: ${plural(r.foreign.length, 'file')} that Premia cannot read as history ` +
        `${r.foreign.length === 1 ? 'was' : 'were'} moved aside to ${listed(r.foreign)}.`,
    );
  }
  if (r.folders.length > 0) {
    parts.push(
      `${name}: ${listed(r.folders)} ${r.folders.length === 1 ? 'is a folder' : 'are folders'} ` +
        'where a history file belongs; left as it is and skipped.',
    );
  }
  return parts;
}

/** One message for every problem found while opening the history. */
export function damageNotice(problems: readonly OpenProblem[]): string {
  const parts = problems.flatMap((p) => {
    const name = capitalised(seriesName(p.subject, p.field));
    if (p.kind === 'repaired') return describeRepairs(name, p.repairs);
    return [
      `${name} could not be opened: ${p.detail}. It is left as it is on disk, and is neither shown ` +
        'nor recorded until that is put right and Premia is started again.',
    ];
  });
  return `Premia found damage in its market history while opening it. ${parts.join(' ')}`;
}
