import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

/** A temporary pair of AWS config and credentials files, and the environment that points at them. */
export class TempAwsFiles {
  readonly dir = mkdtempSync(path.join(tmpdir(), 'sc-aws-'));
  readonly configFile = path.join(this.dir, 'config');
  readonly credentialsFile = path.join(this.dir, 'credentials');

  constructor(config?: string, credentials?: string) {
    if (config !== undefined) {
      this.writeConfig(config);
    }
    if (credentials !== undefined) {
      this.writeCredentials(credentials);
    }
  }

  get env(): Record<string, string> {
    return { AWS_CONFIG_FILE: this.configFile, AWS_SHARED_CREDENTIALS_FILE: this.credentialsFile };
  }

  writeConfig(text: string): void {
    writeFileSync(this.configFile, dedent(text));
  }

  writeCredentials(text: string): void {
    writeFileSync(this.credentialsFile, dedent(text));
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Removes the indentation of a template literal, keeping the relative indentation of sub-keys. */
export function dedent(text: string): string {
  const lines = text.replace(/^\n/, '').split('\n');
  const indent = Math.min(...lines.filter((line) => line.trim()).map((line) => line.match(/^ */)![0].length));
  return lines.map((line) => line.slice(indent)).join('\n');
}
