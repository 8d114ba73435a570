// Reading the journal file back: one JSON record per line. A last line without its line break is a
// write the process did not live to finish (its append never resolved, so nothing was sent on the
// strength of it) and is left for the opener to cut away; any other line that cannot be read is
// skipped and named, and the lines after it are read as usual.
import { z } from 'zod';
import {
  describeRecordProblem,
  JOURNAL_VERSION,
  journalRecordSchema,
  type JournalRecord,
} from './journal-record';

export interface SkippedLine {
  /** 1-based line number in the file. */
  line: number;
  problem: string;
}

export interface ReadRecord {
  line: number;
  record: JournalRecord;
}

export interface JournalScan {
  records: ReadRecord[];
  skipped: SkippedLine[];
  /** Bytes up to and including the last line break: what stays when a torn tail is cut. */
  soundLength: number;
  /** Bytes after the last line break (a torn write), 0 when the file ends cleanly. */
  tornBytes: number;
}

const versioned = z.looseObject({ v: z.number() });

function readLine(text: string): JournalRecord | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return 'not a JSON record';
  }
  const version = versioned.safeParse(value);
  if (version.success && version.data.v > JOURNAL_VERSION) {
    return `written by a newer Premia (record version ${version.data.v})`;
  }
  const parsed = journalRecordSchema.safeParse(value);
  return parsed.success
    ? parsed.data
    : `not a journal record (${describeRecordProblem(parsed.error)})`;
}

export function scanJournal(bytes: Uint8Array): JournalScan {
  const soundLength = bytes.lastIndexOf(0x0a) + 1;
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, soundLength).toString('utf8');
  const records: ReadRecord[] = [];
  const skipped: SkippedLine[] = [];
  const lines = text.split('\n');
  // The text ends with a line break (or is empty), so the last piece is always empty.
  lines.pop();
  lines.forEach((line, index) => {
    // A blank line holds nothing to lose.
    if (line.trim() === '') return;
    const read = readLine(line);
    if (typeof read === 'string') skipped.push({ line: index + 1, problem: read });
    else records.push({ line: index + 1, record: read });
  });
  return { records, skipped, soundLength, tornBytes: bytes.length - soundLength };
}

/** One sentence for the user about lines that were skipped, or null when none were. */
export function skippedNotice(path: string, skipped: readonly SkippedLine[]): string | null {
  if (skipped.length === 0) return null;
  const shown = skipped.slice(0, 5).map((s) => `line ${s.line} (${s.problem})`);
  const more = skipped.length > shown.length ? ` and ${skipped.length - shown.length} more` : '';
  const count = skipped.length === 1 ? 'One line' : `${skipped.length} lines`;
  return (
    `${count} of the order journal ${path} could not be read and ${skipped.length === 1 ? 'was' : 'were'} skipped: ` +
    `${shown.join(', ')}${more}. Every other record was loaded, and the file was left as it was.`
  );
}
