import { t } from '@vscode/l10n';

/**
 * The SDK's INI loader (`@smithy/shared-ini-file-loader`) is deliberately lenient: it skips lines it
 * does not understand and returns `{}` for a file it cannot parse. The values always come from the
 * loader; this module only points at the lines it skipped, so a user learns why a profile is missing.
 * Reasons never quote a key or value line: in the credentials file that text may be a secret.
 */

export interface IgnoredIniLine {
  line: number;
  reason: string;
}

const knownSectionPrefixes = new Set(['profile', 'sso-session', 'services']);
// The loader's own rule for "prefix name" section headers.
const prefixedSection = /^([\w-]+)\s(["'])?([\w-@+.%:/]+)\2$/;

export function findIgnoredIniLines(text: string, file: 'config' | 'credentials'): IgnoredIniLine[] {
  const ignored: IgnoredIniLine[] = [];
  let section: 'none' | 'usable' | 'ignored' = 'none';
  /** Where each usable section header was first seen, by the name the SDK gives it. */
  const firstSeen = new Map<string, number>();

  text.split(/\r?\n/).forEach((rawLine, index) => {
    const line = rawLine.split(/(^|\s)[;#]/)[0].trim();
    const lineNumber = index + 1;
    if (line === '') {
      return;
    }
    if (line.startsWith('[')) {
      if (!line.endsWith(']')) {
        ignored.push({ line: lineNumber, reason: t('the section header is not closed with "]", so the settings below it do not form a profile') });
        section = 'ignored';
        return;
      }
      const name = line.slice(1, -1).trim();
      const problem = sectionProblem(name, file);
      section = problem === undefined ? 'usable' : 'ignored';
      if (problem) {
        ignored.push({ line: lineNumber, reason: problem });
        return;
      }
      const key = sectionKey(name);
      const first = firstSeen.get(key);
      if (first === undefined) {
        firstSeen.set(key, lineNumber);
      } else {
        ignored.push({
          line: lineNumber,
          reason: t('section "[{0}]" appears more than once (first on line {1}): the AWS SDK merges them, the later lines winning, and the AWS CLI refuses the file', name, first),
        });
      }
      return;
    }
    const equals = line.indexOf('=');
    if (equals === -1) {
      ignored.push({ line: lineNumber, reason: t('the line is not "key = value"') });
    } else if (equals === 0) {
      ignored.push({ line: lineNumber, reason: t('the line starts with "=" and has no key') });
    } else if (section === 'none') {
      ignored.push({ line: lineNumber, reason: t('the setting comes before any section') });
    }
  });
  return ignored;
}

/**
 * Section headers the SDK's parser would turn into writes on a built-in object: a plain `[constructor]`
 * or `[toString]` makes it set its keys on `Object` or `Object.prototype.toString`, shared by every
 * extension in the host. Such a file must not reach the SDK at all.
 */
export function findUnsafeSections(text: string): IgnoredIniLine[] {
  const unsafe: IgnoredIniLine[] = [];
  text.split(/\r?\n/).forEach((rawLine, index) => {
    const line = rawLine.split(/(^|\s)[;#]/)[0].trim();
    if (line.startsWith('[') && line.endsWith(']')) {
      const name = line.slice(1, -1);
      if (name !== '__proto__' && !prefixedSection.test(name) && name in Object.prototype) {
        unsafe.push({ line: index + 1, reason: t('section "[{0}]" has a name the AWS SDK cannot read safely: rename it. Until then no profile is read from the AWS files.', name) });
      }
    }
  });
  return unsafe;
}

/** A section's name as the SDK keys it: `profile  "x"` and `profile x` are the same section. */
function sectionKey(name: string): string {
  const prefixed = prefixedSection.exec(name);
  return prefixed ? `${prefixed[1]} ${prefixed[3]}` : name;
}

function sectionProblem(name: string, file: 'config' | 'credentials'): string | undefined {
  if (name === '__proto__' || name === 'profile __proto__') {
    return t('"[{0}]" is not a valid profile name; the SDK rejects the whole file', name);
  }
  const prefixed = prefixedSection.exec(name);
  if (prefixed) {
    const prefix = prefixed[1];
    if (!knownSectionPrefixes.has(prefix)) {
      return t('section "[{0}]" is not a known kind (profile, sso-session, services) and is ignored', name);
    }
    if (file === 'credentials' && prefix === 'profile') {
      return t('the credentials file names sections "[{0}]", not "[{1}]"', prefixed[3], name);
    }
    return undefined;
  }
  if (/\s/.test(name)) {
    return t('section "[{0}]" has a name the SDK cannot read and is ignored', name);
  }
  if (file === 'config' && name !== 'default') {
    return t('the config file ignores "[{0}]": write "[profile {0}]"', name);
  }
  return undefined;
}
