/** A validation message as a sentence under its field: 'must be above 0' → 'Must be above 0'. */
export function asSentence(message: string): string {
  return message.charAt(0).toUpperCase() + message.slice(1);
}

/** A host refusal without the field path it starts with, since it is shown at that field. */
export function withoutFieldPrefix(message: string, field: string): string {
  const prefix = `${field}: `;
  return message.startsWith(prefix) ? message.slice(prefix.length) : message;
}
