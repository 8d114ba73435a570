/**
 * One line explaining a download electron-builder could not make, or null when the output shows
 * another kind of failure.
 */
export function explainFailure(output: string): string | null;
