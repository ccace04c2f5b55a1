import { t } from '@vscode/l10n';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { getHomeDir, loadSharedConfigFiles, type ParsedIniData } from '@smithy/shared-ini-file-loader';
import { findIgnoredIniLines, findUnsafeSections } from './iniDiagnostics';

/** Where the shared config and credentials files live, as the SDK decides it. */
export interface ConfigFilePaths {
  config: string;
  credentials: string;
}

export interface ConfigFileProblem {
  file: string;
  line?: number;
  message: string;
}

/** What the shared config and credentials files say, parsed by the SDK's own loader. */
export interface AwsConfigFiles {
  paths: ConfigFilePaths;
  configExists: boolean;
  credentialsExists: boolean;
  /** Sections of the config file: `default`, `x` for `[profile x]`, `sso-session.s`, `services.n`. */
  config: ParsedIniData;
  /** Sections of the credentials file. */
  credentials: ParsedIniData;
  problems: ConfigFileProblem[];
}

export type Environment = Record<string, string | undefined>;

/** Ignored lines reported one by one per file; the rest are counted in one more problem. */
const maxIgnoredLinesShown = 10;

export function configFilePaths(env: Environment = process.env): ConfigFilePaths {
  const home = getHomeDir();
  return {
    config: expandHome(env.AWS_CONFIG_FILE || path.join(home, '.aws', 'config'), home),
    credentials: expandHome(env.AWS_SHARED_CREDENTIALS_FILE || path.join(home, '.aws', 'credentials'), home),
  };
}

function expandHome(file: string, home: string): string {
  return file.startsWith('~/') ? path.join(home, file.slice(2)) : file;
}

/**
 * Reads both files fresh (the SDK loader caches by default) and explains what the loader
 * silently skips: unreadable files and lines it ignores.
 */
export async function readAwsConfigFiles(env: Environment = process.env): Promise<AwsConfigFiles> {
  const paths = configFilePaths(env);
  const [configText, credentialsText] = await Promise.all([readText(paths.config), readText(paths.credentials)]);
  const unsafe = [
    ...findUnsafeSections(configText.content ?? '').map((problem) => ({ file: paths.config, ...problem })),
    ...findUnsafeSections(credentialsText.content ?? '').map((problem) => ({ file: paths.credentials, ...problem })),
  ];
  if (unsafe.length > 0) {
    return {
      paths,
      configExists: configText.content !== undefined,
      credentialsExists: credentialsText.content !== undefined,
      config: {},
      credentials: {},
      problems: unsafe.map(({ file, line, reason }) => ({ file, line, message: reason })),
    };
  }
  const parsed = await loadSharedConfigFiles({
    configFilepath: paths.config,
    filepath: paths.credentials,
    ignoreCache: true,
  });

  const problems: ConfigFileProblem[] = [];
  for (const [file, text, kind] of [
    [paths.config, configText, 'config'],
    [paths.credentials, credentialsText, 'credentials'],
  ] as const) {
    if (text.error) {
      problems.push({ file, message: t('the file cannot be read ({0})', text.error) });
    } else if (text.content !== undefined) {
      const ignored = findIgnoredIniLines(text.content, kind);
      for (const { line, reason } of ignored.slice(0, maxIgnoredLinesShown)) {
        problems.push({ file, line, message: reason });
      }
      // A file of garbage (or a huge one) says so in one more line, not in one warning per line above the profiles.
      const next = ignored[maxIgnoredLinesShown];
      if (next) {
        problems.push({ file, line: next.line, message: t('and {0} more lines the AWS SDK ignores, the next on line {1}', ignored.length - maxIgnoredLinesShown, next.line) });
      }
      if (isEmptyParse(kind === 'config' ? parsed.configFile : parsed.credentialsFile) && hasSections(text.content)) {
        problems.push({ file, message: t('the AWS SDK could not read any profile from this file') });
      }
    }
  }

  return {
    paths,
    configExists: configText.content !== undefined,
    credentialsExists: credentialsText.content !== undefined,
    config: parsed.configFile,
    credentials: parsed.credentialsFile,
    problems,
  };
}

interface TextRead {
  content?: string;
  error?: string;
}

async function readText(file: string): Promise<TextRead> {
  try {
    return { content: await fs.readFile(file, 'utf8') };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      return {};
    }
    return { error: code ?? String(error) };
  }
}

function isEmptyParse(data: ParsedIniData): boolean {
  return Object.keys(data).length === 0;
}

function hasSections(text: string): boolean {
  return /^\s*\[[^\]]+\]/m.test(text);
}
