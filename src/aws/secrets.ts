/**
 * Keeps credentials out of every text the extension shows or logs. It knows the secret values it has
 * seen (from the credentials files and from resolved credentials), also as they look JSON-escaped or
 * URL-encoded, and masks the shapes secrets take in text it has not seen before: `password=…`,
 * `"SecretAccessKey": "…"`, `--token …`, `Authorization: …`, `Bearer …`, AWS access key ids.
 */
export class SecretRedactor {
  private readonly secrets = new Set<string>();
  private known: RegExp | undefined;

  /** Remembers values that must never be shown. Very short values are ignored: masking them would mangle text. */
  remember(...values: Array<string | undefined>): void {
    for (const value of values) {
      if (value && value.length >= 8 && !this.secrets.has(value)) {
        this.secrets.add(value);
        this.known = undefined;
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
    const known = this.knownSecrets();
    const withoutKnown = known ? text.replace(known, mask) : text;
    return withoutKnown
      .replace(authorizationHeader, `$1${mask}`)
      .replace(bearerToken, `$1${mask}`)
      .replace(secretOption, `$1${mask}`)
      .replace(secretAssignment, (_match, name: string, separator: string, value: string) => `${name}${separator}${masked(value)}`)
      .replace(accessKeyId, (id: string) => `${id.slice(0, 4)}${mask}`)
      .replace(authorizationSignature, `$1${mask}`);
  }

  /** One pattern for every remembered secret in every form it takes in text, longest first. */
  private knownSecrets(): RegExp | undefined {
    if (this.secrets.size === 0) {
      return undefined;
    }
    this.known ??= new RegExp(
      [...new Set([...this.secrets].flatMap(encodedForms))]
        .sort((a, b) => b.length - a.length)
        .map(escapeRegExp)
        .join('|'),
      // Percent-escapes may be written in either case (%2F, %2f).
      'gi',
    );
    return this.known;
  }
}

const mask = '****';

const secretSettingKeys = new Set(['aws_secret_access_key', 'aws_session_token', 'aws_security_token']);

/** A secret as it appears in JSON (escaped, also with `\/`), in a URL or form body (percent-encoded), and as it is. */
function encodedForms(secret: string): string[] {
  const json = JSON.stringify(secret).slice(1, -1);
  const percent = encodeURIComponent(secret);
  return [secret, json, json.replace(/\//g, '\\/'), percent, encodeURIComponent(json), percent.replace(/%2F/gi, '/')];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// Names that hold a secret: aws_secret_access_key, SessionToken, X-Amz-Security-Token, db_password, passwd, pwd,
// api_key, client-secret, private_key... A word made of letters, digits and `_`, `-`, `.` around one of these.
const secretName = String.raw`[\w.-]*(?:secret|token|passw(?:or)?d|passphrase|pwd|api[_-]?key|private[_-]?key)[\w.-]*`;

// A value: up to a space, a quote, a comma, a closing brace, `&` (a query string) or `;`; JSON escapes such as `\/` are part
// of it, and an escaped quote (`\"`, JSON inside a quoted command line) ends it.
const secretValue = String.raw`(?:\\[^"'\s]|[^\s"'\`,;&}\\])+`;

// A quoted value, whole: "x y", 'x y', or \"x y\" (JSON inside a quoted command line).
const quotedValue = String.raw`\\"(?:[^\\\n]|\\(?!"))*\\"|"(?:\\.|[^"\\\n])*"|'[^'\n]*'`;

// `name = x`, `"name": "x y"`, `name=x`, `name: x`, also in single quotes (a Python dict) and with escaped quotes
// (`\"SecretAccessKey\": \"x\"`, JSON inside a quoted command line).
const secretAssignment = new RegExp(String.raw`(\b${secretName})(\\?["']?\s*(?:[:=]|%3[ad])\s*)(${quotedValue}|${secretValue})`, 'gi');

/** The mask, in the quotes the value had. */
function masked(value: string): string {
  const quote = /^(\\"|"|')/.exec(value)?.[1];
  return quote ? `${quote}${mask}${quote}` : mask;
}

// A command line option: `--password x`, `-token=x`, `--client-secret 'x'`.
const secretOption = new RegExp(String.raw`((?:^|\s)--?${secretName}(?:\s+|=)["']?)${secretValue}`, 'gi');

// `Authorization: anything up to the end of the line or a quote` (a bearer token, a signature, basic credentials).
const authorizationHeader = /(\bauthorization\\?["']?\s*[:=]\s*\\?["']?)[^\r\n"'\\]+/gi;

const bearerToken = /(\b(?:bearer|basic)\s+)[A-Za-z0-9._~+/=-]{8,}/gi;

// Access key ids are not secret on their own, but they are never needed in a message either.
const accessKeyId = /\b(?:AKIA|ASIA|AIDA|AROA|ABIA|ACCA)[A-Z0-9]{12,}\b/g;

const authorizationSignature = /(Signature=)[0-9a-f]{64}/gi;
