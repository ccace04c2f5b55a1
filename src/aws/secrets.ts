/**
 * Keeps credentials out of every text the extension shows or logs. It knows the secret values it has
 * seen (from the credentials files and from resolved credentials) and also masks the shapes secrets
 * take in text it has not seen before, such as the JSON printed by a `credential_process`.
 */
export class SecretRedactor {
  private readonly secrets = new Set<string>();

  /** Remembers values that must never be shown. Very short values are ignored: masking them would mangle text. */
  remember(...values: Array<string | undefined>): void {
    for (const value of values) {
      if (value && value.length >= 8) {
        this.secrets.add(value);
      }
    }
  }

  /** Remembers every secret-bearing setting of parsed shared-config sections. */
  rememberSections(sections: Record<string, Record<string, string | undefined>>): void {
    for (const section of Object.values(sections)) {
      for (const [key, value] of Object.entries(section)) {
        if (secretSettingKeys.has(key)) {
          this.remember(value);
        }
      }
    }
  }

  redact(text: string): string {
    let result = text;
    for (const secret of this.secrets) {
      if (result.includes(secret)) {
        result = result.split(secret).join(mask);
      }
    }
    return result
      .replace(secretAssignment, (_match, key: string, separator: string) => `${key}${separator}${mask}`)
      .replace(accessKeyId, (id: string) => `${id.slice(0, 4)}${mask}`)
      .replace(authorizationSignature, `$1${mask}`);
  }
}

const mask = '****';

const secretSettingKeys = new Set(['aws_secret_access_key', 'aws_session_token', 'aws_security_token']);

// `aws_secret_access_key = x`, `"SecretAccessKey": "x"`, `SessionToken=x`, `X-Amz-Security-Token: x` and the like, also
// in single quotes (a Python dict) and with escaped quotes (`\"SecretAccessKey\": \"x\"`), as JSON shows up inside a
// quoted command line (a failed credential_process).
const secretAssignment =
  /\b(aws_secret_access_key|aws_session_token|aws_security_token|SecretAccessKey|SessionToken|x-amz-security-token)(\\?["']?\s*[:=]\s*\\?["']?)[^\s"',}\\]+/gi;

// Access key ids are not secret on their own, but they are never needed in a message either.
const accessKeyId = /\b(?:AKIA|ASIA|AIDA|AROA|ABIA|ACCA)[A-Z0-9]{12,}\b/g;

const authorizationSignature = /(Signature=)[0-9a-f]{64}/gi;
