import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

/**
 * The SDK finds an sso-session's token through a profile: `fromSSO` and the `fromSso` token provider read the
 * `sso_session` of the profile they are given, whatever session they are passed. A discovered role has no
 * profile, so this keeps, per session, a one-profile file of the extension's own (in its storage, never in the
 * user's AWS files) that holds only `sso_session = NAME`: no credential, no token. The SDK reads it as the
 * credentials file beside the user's config file, where the session itself is. Windows write identical files.
 */
export class SsoHelperProfiles {
  private readonly written = new Map<string, Promise<void>>();

  constructor(private readonly dir: string) {}

  /** The profile to give the SDK for `session`, and the file that holds it. */
  async profileFor(session: string): Promise<{ profile: string; filepath: string }> {
    const profile = `service-catalog-actions-sso-${session}`;
    const filepath = path.join(this.dir, `sso-session-${createHash('sha1').update(session).digest('hex')}`);
    let writing = this.written.get(session);
    if (!writing) {
      writing = writeAtomically(filepath, `# Written by Service Catalog Actions for the AWS SDK's fromSSO: names the IAM Identity Center session. No credentials.\n[${profile}]\nsso_session = ${session}\n`);
      writing.catch(() => this.written.delete(session));
      this.written.set(session, writing);
    }
    await writing;
    return { profile, filepath };
  }
}

async function writeAtomically(file: string, content: string): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
  await fs.writeFile(temporary, content, { mode: 0o600 });
  await fs.rename(temporary, file);
}
