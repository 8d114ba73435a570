// What a refused input is told, in words for people: the message a schema wrote for the case, or, where
// zod would answer with its own wording ('Invalid key in record', 'Invalid option: expected one of
// "demo"|"live"'), a plain phrase in its place. Phrases read after the field's name: 'must be a number'.
import type { z } from 'zod';

type Issue = z.core.$ZodIssue;

/** zod's own English messages all begin so; the schemas' messages never do. */
const ZOD_WORDING = /^(Invalid |Too (small|big)|Unrecognized key)/;

function shown(value: unknown): string {
  return typeof value === 'string' ? `"${value}"` : String(value);
}

/** 'a', 'a or b', 'a, b or c'. */
function oneOf(values: readonly unknown[]): string {
  const words = values.map(shown);
  if (words.length <= 1) return words[0] ?? 'something else';
  return `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

const KINDS: Record<string, string> = {
  number: 'must be a number',
  int: 'must be a whole number',
  bigint: 'must be a whole number',
  string: 'must be text',
  boolean: 'must be true or false',
  array: 'must be a list',
  tuple: 'must be a list',
  object: 'must be a group of fields',
  record: 'must be a group of fields',
  undefined: 'takes no value',
  null: 'must be empty',
};

function typeText(issue: z.core.$ZodIssueInvalidType): string {
  if (issue.message.endsWith('received undefined')) return 'is missing';
  return KINDS[issue.expected] ?? 'is not the right kind of value';
}

function sizeText(issue: z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig): string {
  const small = issue.code === 'too_small';
  const limit = String(small ? issue.minimum : issue.maximum);
  const inclusive = issue.inclusive !== false;
  switch (issue.origin) {
    case 'string':
      if (small && limit === '1') return 'must not be empty';
      return `must be at ${small ? 'least' : 'most'} ${limit} characters long`;
    case 'array':
    case 'set':
      if (small && limit === '1') return 'must have at least one entry';
      return `must have at ${small ? 'least' : 'most'} ${limit} entries`;
    case 'number':
    case 'int':
    case 'bigint':
      if (small) return inclusive ? `must be at least ${limit}` : `must be above ${limit}`;
      return inclusive ? `must be at most ${limit}` : `must be below ${limit}`;
    default:
      return small ? 'is too small' : 'is too large';
  }
}

function unionText(issue: z.core.$ZodIssueInvalidUnion): string {
  const options = (issue as { options?: unknown }).options;
  if (Array.isArray(options) && options.length > 0) return `must be ${oneOf(options)}`;
  return 'does not match any accepted form';
}

/** The phrase for one issue, to follow the name of the field it concerns. */
export function issueText(issue: Issue): string {
  // A record's key: zod words it 'Invalid key in record' whatever the key schema said.
  if (issue.code === 'invalid_key') {
    const inner = issue.issues[0];
    return `the name ${inner ? issueText(inner) : 'is not valid'}`;
  }
  if (!ZOD_WORDING.test(issue.message)) return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      return typeText(issue);
    case 'invalid_value':
      return `must be ${oneOf(issue.values)}`;
    case 'invalid_union':
      return unionText(issue);
    case 'too_small':
    case 'too_big':
      return sizeText(issue);
    case 'invalid_format':
      return 'is not in the expected form';
    case 'not_multiple_of':
      return `must be a multiple of ${String(issue.divisor)}`;
    case 'unrecognized_keys':
      return `has fields that are not known: ${issue.keys.join(', ')}`;
    case 'invalid_element':
      return 'has an entry that is not valid';
    default:
      return 'is not valid';
  }
}
