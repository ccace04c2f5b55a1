import { t } from '@vscode/l10n';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { profileNameForRole } from './scopeNames';
import type { SsoSource } from './ssoSources';

/** A discovered IAM Identity Center role: its source, account and role. */
export interface RoleOfSource {
  source: SsoSource;
  accountId: string;
  roleName: string;
}

export interface ProfileSection {
  /** The profile name, for `--profile`. */
  name: string;
  /** The section's lines, header first. */
  lines: string[];
}

/**
 * The `[profile NAME]` section `aws configure sso` would write for a discovered role: its session (or, for a legacy
 * start URL, the start URL and region), account, role and region. The AWS CLI and the SDK's `fromIni` read it as an
 * SSO profile. A value that would not stay one value of one line (a line break, a control character) is refused:
 * role names come from the portal, and must not add lines to the user's config file.
 */
export function roleProfileSection(role: RoleOfSource, region: string): ProfileSection {
  const name = profileNameForRole({ source: role.source.id, accountId: role.accountId, roleName: role.roleName }, role.source.label);
  const settings: Array<[string, string]> = [
    ...(role.source.kind === 'session'
      ? ([['sso_session', role.source.id]] as Array<[string, string]>)
      : ([
          ['sso_start_url', role.source.startUrl],
          ['sso_region', role.source.region],
        ] as Array<[string, string]>)),
    ['sso_account_id', role.accountId],
    ['sso_role_name', role.roleName],
    ['region', region],
  ];
  for (const [key, value] of [['profile', name], ...settings]) {
    // eslint-disable-next-line no-control-regex -- control characters are what is refused
    if (value.trim() === '' || /[\u0000-\u001f\u007f]/.test(value) || (key === 'profile' && /[[\]]/.test(value))) {
      throw new Error(t('The profile cannot be written: its {0} is empty or holds characters the AWS config file cannot keep in one line.', key));
    }
  }
  return { name, lines: [`[profile ${name}]`, ...settings.map(([key, value]) => `${key} = ${value}`)] };
}

/**
 * Appends a section to the end of the config file (created, readable by its owner only, when there is none),
 * after a blank line. Nothing else of the file is read or changed: only its last two bytes, to place the blank line.
 */
export async function appendProfileSection(file: string, section: ProfileSection): Promise<void> {
  const tail = await lastBytes(file, 2);
  const separator = tail === '' || tail === '\n\n' ? '' : tail.endsWith('\n') ? '\n' : '\n\n';
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.appendFile(file, `${separator}${section.lines.join('\n')}\n`, { mode: 0o600 });
}

async function lastBytes(file: string, count: number): Promise<string> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, 'r');
  } catch {
    return '';
  }
  try {
    const { size } = await handle.stat();
    const buffer = Buffer.alloc(Math.min(count, size));
    await handle.read(buffer, 0, buffer.length, size - buffer.length);
    return buffer.toString('latin1');
  } finally {
    await handle.close();
  }
}
