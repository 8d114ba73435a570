// Reads electron-builder's output after a failed run and, when the failure was a download (Electron's
// zip, or one of the tools it fetches to make an installer), says so in one plain line with what to do.
// Anything else is left for electron-builder's own words.
import { stripVTControlCharacters } from 'node:util';

/** Errors that mean "the internet could not be reached", as Node and got word them. */
const DOWNLOAD_FAILURE =
  /\b(ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH|ERR_SOCKET_TIMEOUT|socket hang up|getaddrinfo|unable to get local issuer certificate|self[- ]signed certificate|Response code [45]\d\d|status code [45]\d\d|cannot resolve https?:\/\/)/i;

/** What electron-builder downloads to make each kind of installer. */
const TOOLS = {
  appimage: 'its AppImage tool',
  deb: 'fpm (the tool that builds .deb packages)',
  rpm: 'fpm (the tool that builds .rpm packages)',
  snap: 'its snap tools',
  nsis: 'NSIS (the tool that builds the Windows installer)',
  dmg: 'its dmg tools',
};

const progressLines = (lines) =>
  lines.filter((line) => line.trimStart().startsWith('•')).map((line) => line.trim());

/** The short cause in an error line: `error=…` when given, else the text up to the first field. */
function causeOf(errorLine) {
  const text = errorLine.trim().replace(/^⨯\s*/, '');
  const given = /\berror=(.+?)(?:\s{2,}\S+=|$)/.exec(text);
  const cause = (given ? given[1] : text.split(/\s{2,}/)[0]).trim();
  return cause.length > 160 ? `${cause.slice(0, 157)}…` : cause;
}

/**
 * One line explaining a download electron-builder could not make, or null when the output shows
 * another kind of failure.
 * @param {string} output everything electron-builder printed (stdout and stderr)
 * @returns {string | null}
 */
export function explainFailure(output) {
  const lines = stripVTControlCharacters(output).split(/\r?\n/);
  const errorAt = lines.findIndex((line) => line.trimStart().startsWith('⨯'));
  if (errorAt === -1) return null;
  const failure = lines.slice(errorAt).join('\n');
  if (!DOWNLOAD_FAILURE.test(failure)) return null;
  const cause = causeOf(lines[errorAt]);
  const before = progressLines(lines.slice(0, errorAt));
  // The step that failed: the last "packaging" (which fetches Electron) or "building" (which fetches
  // the target's tool) line; warnings may come between it and the error.
  const stage = before.findLast((line) => /\b(packaging|building)\s+\w+=/.test(line)) ?? '';
  const prefix = 'Premia could not be packaged here: electron-builder needs';
  const building = /\bbuilding\s+target=(\S+)/.exec(stage);
  if (building) {
    const target = building[1];
    const tool = TOOLS[target.toLowerCase()] ?? `the tools for ${target}`;
    return (
      `${prefix} ${tool} to make the ${target}, which could not be downloaded (${cause}). ` +
      "Build on a machine with internet, or set ELECTRON_BUILDER_BINARIES_MIRROR to a mirror of electron-builder's tools."
    );
  }
  const packaging = /\bpackaging\s+platform=(\S+)\s+arch=(\S+)\s+electron=(\S+)/.exec(stage);
  const usesLocalElectron = before.some((line) => /unpacked Electron distribution/.test(line));
  if (packaging && !usesLocalElectron) {
    const [, platform, arch, version] = packaging;
    return (
      `${prefix} Electron ${version}'s zip for ${platform}-${arch}, which could not be downloaded (${cause}). ` +
      `Build on a machine with internet, or set ELECTRON_OVERRIDE_DIST_PATH to a local Electron ${version} (the folder holding its executable).`
    );
  }
  return (
    `${prefix} something it downloads, which could not be downloaded (${cause}). ` +
    'Build on a machine with internet.'
  );
}
