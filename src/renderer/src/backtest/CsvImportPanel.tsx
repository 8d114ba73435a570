// The user's own history files: per asset a file of daily prices and a funding file, each read as
// soon as it is chosen and checked, with what it holds or what is wrong with it, line and all.
import {
  Alert,
  Button,
  CloseButton,
  FileInput,
  Group,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { formatPrice } from '../../../core/format';
import {
  assetFromFileName,
  MAX_CSV_BYTES,
  readCsvEntry,
  type CsvEntry,
  type CsvFile,
} from './csv-source';

export interface CsvImportPanelProps {
  entries: readonly CsvEntry[];
  /** Takes an updater, as a file is read after a wait during which other edits may land. */
  onChange: (update: (entries: CsvEntry[]) => CsvEntry[]) => void;
}

/** The file's text, or why it was not read. */
async function readFile(file: File): Promise<CsvFile | { problem: string }> {
  if (file.size > MAX_CSV_BYTES) {
    return {
      problem: `${file.name} is ${formatPrice(file.size / 1024 / 1024, 0)} MB; files of up to ${MAX_CSV_BYTES / 1024 / 1024} MB are read.`,
    };
  }
  try {
    return { name: file.name, text: await file.text() };
  } catch {
    return { problem: `${file.name} could not be read.` };
  }
}

let nextId = 1;
/** A new, empty entry. */
export function newCsvEntry(): CsvEntry {
  return { id: nextId++, asset: '', prices: null, funding: null };
}

export function CsvImportPanel({ entries, onChange }: CsvImportPanelProps) {
  const update = (id: number, change: (entry: CsvEntry) => CsvEntry) =>
    onChange((all) => all.map((e) => (e.id === id ? change(e) : e)));

  const choose = async (id: number, kind: 'prices' | 'funding', file: File | null) => {
    if (!file) {
      update(id, ({ unreadable, ...e }) => ({
        ...e,
        [kind]: null,
        ...(unreadable && unreadable.field !== kind ? { unreadable } : {}),
      }));
      return;
    }
    const read = await readFile(file);
    update(id, ({ unreadable, ...e }) => {
      const kept = unreadable && unreadable.field !== kind ? { unreadable } : {};
      if ('problem' in read) {
        return { ...e, [kind]: null, unreadable: { field: kind, problem: read.problem } };
      }
      const asset = e.asset.trim() === '' ? assetFromFileName(file.name) : e.asset;
      return { ...e, ...kept, [kind]: read, asset };
    });
  };

  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        Daily prices as <code>date,price</code>; funding as <code>date,funding_mean</code> (the mean
        of each day&apos;s 8-hourly rates) or the venue&apos;s own{' '}
        <code>fundingTime,fundingRate</code>. The files are read here and stay on this computer.
      </Text>
      {entries.map((entry, i) => {
        const reading = readCsvEntry(entry);
        const problemOn = (field: 'asset' | 'prices' | 'funding') =>
          !reading.ok && reading.field === field && fieldTouched(entry, field)
            ? reading.problem
            : undefined;
        return (
          <Stack
            key={entry.id}
            gap="xs"
            role="group"
            aria-label={`Files of asset ${i + 1}${entry.asset ? ` (${entry.asset})` : ''}`}
          >
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <TextInput
                label="Asset"
                value={entry.asset}
                onChange={(e) => {
                  const asset = e.currentTarget.value;
                  update(entry.id, (old) => ({ ...old, asset }));
                }}
                error={problemOn('asset')}
                placeholder="BTC"
              />
              <FileInput
                label="Daily prices"
                accept=".csv,text/csv"
                placeholder="Choose a CSV file"
                onChange={(file) => void choose(entry.id, 'prices', file)}
                error={problemOn('prices')}
                clearable
              />
              <FileInput
                label="Funding"
                accept=".csv,text/csv"
                placeholder="Choose a CSV file"
                onChange={(file) => void choose(entry.id, 'funding', file)}
                error={problemOn('funding')}
                clearable
              />
            </SimpleGrid>
            <Group justify="space-between" wrap="nowrap">
              <Text size="sm" role="status">
                {reading.ok ? `${reading.asset}: ${reading.summary}.` : ''}
              </Text>
              <CloseButton
                aria-label={`Remove the files of ${entry.asset || `asset ${i + 1}`}`}
                onClick={() => onChange((all) => all.filter((e) => e.id !== entry.id))}
              />
            </Group>
          </Stack>
        );
      })}
      <Group>
        <Button variant="default" onClick={() => onChange((all) => [...all, newCsvEntry()])}>
          Add an asset
        </Button>
      </Group>
      {entries.length === 0 && (
        <Alert color="gray" title="No files yet">
          Add an asset, then choose its two files.
        </Alert>
      )}
    </Stack>
  );
}

/** A field's problem is shown once the user has given it something, so a new row is not all red. */
function fieldTouched(entry: CsvEntry, field: 'asset' | 'prices' | 'funding'): boolean {
  if (field === 'asset')
    return entry.asset !== '' || entry.prices !== null || entry.funding !== null;
  return (
    entry[field] !== null ||
    entry.unreadable?.field === field ||
    (field === 'funding' && entry.prices !== null)
  );
}
