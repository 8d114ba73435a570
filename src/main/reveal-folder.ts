// "Reveal Data Folder": the data folder opened in the system's file manager, and a word to the user
// when the system could not open it.
export interface RevealShell {
  /** Electron's `shell.openPath`: resolves with an error message, empty when it worked. */
  openPath(path: string): Promise<string>;
  showError(title: string, message: string): void;
}

export async function revealFolder(shell: RevealShell, dataDir: string): Promise<void> {
  let problem: string;
  try {
    problem = await shell.openPath(dataDir);
  } catch (error) {
    problem = error instanceof Error ? error.message : 'the system refused';
  }
  if (problem === '') return;
  shell.showError(
    'The data folder could not be opened',
    `Premia keeps its data in ${dataDir}, but the system could not open it (${problem}). You can open that folder yourself.`,
  );
}
