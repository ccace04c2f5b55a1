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

/**
 * Whose AWS files the extension reads: the user's own (those the environment names) or the sandbox's.
 * Requests and records are tied to the files they were made with, and followed only while those are read.
 */
export type AwsFiles = 'user' | 'sandbox';

/** Ignored lines reported one by one per file; the rest are counted in one more problem. */
const maxIgnoredLinesShown = 10;

/**
 * The largest AWS config or credentials file the extension reads (512 KiB: about 4,000 profiles). The SDK
 * parses these files in one synchronous step, in the extension host every extension shares; a file over
 * this is refused with a node that says so, and nothing is read from the AWS files.
 */
export const maxAwsFileBytes = 512 * 1024;

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
  const nothingRead = (problems: ConfigFileProblem[]): AwsConfigFiles => ({
    paths,
    configExists: configText.content !== undefined || configText.tooBig !== undefined,
    credentialsExists: credentialsText.content !== undefined || credentialsText.tooBig !== undefined,
    config: {},
    credentials: {},
    problems,
  });
  const tooBig = [
    [paths.config, configText],
    [paths.credentials, credentialsText],
  ].flatMap(([file, text]) => (typeof text === 'object' && text.tooBig !== undefined ? [{ file: file as string, message: tooBigMessage(text.tooBig) }] : []));
  if (tooBig.length > 0) {
    return nothingRead(tooBig);
  }
  // Each step below is synchronous work in the shared extension host: it gives way to the others between steps.
  await yieldToEventLoop();
  const unsafe = [
    ...findUnsafeSections(configText.content ?? '').map((problem) => ({ file: paths.config, ...problem })),
    ...findUnsafeSections(credentialsText.content ?? '').map((problem) => ({ file: paths.credentials, ...problem })),
  ];
  if (unsafe.length > 0) {
    return nothingRead(unsafe.map(({ file, line, reason }) => ({ file, line, message: reason })));
  }
  await yieldToEventLoop();
  const parsed = await loadSharedConfigFiles({
    configFilepath: paths.config,
    filepath: paths.credentials,
    ignoreCache: true,
  });
  await yieldToEventLoop();

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
      await yieldToEventLoop();
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
  /** The size of a file over `maxAwsFileBytes`, which is not read. */
  tooBig?: number;
}

async function readText(file: string): Promise<TextRead> {
  try {
    const { size } = await fs.stat(file);
    if (size > maxAwsFileBytes) {
      return { tooBig: size };
    }
    const content = await fs.readFile(file, 'utf8');
    // It may have grown since.
    return content.length > maxAwsFileBytes ? { tooBig: Buffer.byteLength(content) } : { content };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      return {};
    }
    return { error: code ?? String(error) };
  }
}

function tooBigMessage(size: number): string {
  const megabytes = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
  return t('the file is {0} MB, more than the {1} MB the extension reads: no profile is read from the AWS files until it is smaller', megabytes(size), megabytes(maxAwsFileBytes));
}

/** Lets the extension host run what waits (other extensions, the UI's requests) before the next synchronous step. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function isEmptyParse(data: ParsedIniData): boolean {
  return Object.keys(data).length === 0;
}

function hasSections(text: string): boolean {
  return /^\s*\[[^\]]+\]/m.test(text);
}
