import type { ExecutionParameters } from '../../aws/serviceCatalogApi';

/**
 * Secret parameters: those whose names look like secrets (a password, a passcode, a PIN, a one-time
 * password, a secret, a token, a credential, an API, private or SSH key, a connection string...), and
 * those the user marked as secret in the wizard (remembered per action by `ChoiceMemory`).
 *
 * The rule: their values serve the execution and nothing else.
 * - They are sent to Service Catalog. While the request is pending (a retry or a reload must send
 *   exactly the same request) they are kept in VS Code's secret storage, never in `globalState`
 *   (`PendingExecutionStore`), and deleted once the record is known or the request dropped.
 * - They are never remembered to prefill the next run (`ChoiceMemory`), never part of the record's
 *   origin (so neither persisted with the records in flight nor shown, kept or copied by the record
 *   panel), typed in a masked box and masked in the review.
 * - "Execute again" from a record therefore asks for them again.
 *
 * Names are read as words (`DB_PASSWORD`, `dbPassword`, `db-password`, `DbPass`, `SSHKey`) and also as one
 * lower-case run (`dbpassword`). When in doubt a name counts as secret: masking a value that was not
 * secret costs a retype, keeping one that was costs a leak.
 */
const secretFragments = ['password', 'passwd', 'passphrase', 'passcode', 'pwd', 'secret', 'token', 'credential', 'apikey', 'accesskey', 'privatekey', 'signingkey', 'sessionkey', 'connectionstring'];

/** Whole words that name a secret on their own: `DbPass`, `MasterUserPw`, `Otp`, `Pin`. */
const secretWords = new Set(['pass', 'pw', 'pwd', 'pin', 'pins', 'otp', 'totp', 'hotp', 'mfa', 'passcode', 'creds', 'cred']);

/** What follows `Key` in the name of an identifier rather than a key: `KeyName`, `KmsKeyId`, `KeyPairName`, `KeyArn`. */
const keyIdentifierWords = new Set(['name', 'names', 'id', 'ids', 'arn', 'arns', 'alias', 'pair', 'prefix', 'spec', 'usage', 'type', 'length', 'size', 'rotation', 'format', 'version', 'algorithm', 'schema', 'path', 'field', 'column', 'count']);

/**
 * Kinds of `…Key` that name data or a public part, never a secret: a public key, a table's partition or
 * sort key, an S3 object key, a tag key, a KMS key (named by its id or ARN).
 */
const nonSecretKeyKinds = new Set(['public', 'partition', 'sort', 'hash', 'range', 'primary', 'foreign', 'object', 's3', 'tag', 'cache', 'routing', 'idempotency', 'lookup', 'index', 'kms', 'dedup', 'deduplication', 'group', 'shard', 'row', 'dimension']);

export function looksSecret(name: string): boolean {
  const normalized = name.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (secretFragments.some((fragment) => normalized.includes(fragment))) {
    return true;
  }
  const words = wordsOf(name);
  if (words.some((word) => secretWords.has(word))) {
    return true;
  }
  const key = words.lastIndexOf('key');
  if (key >= 0) {
    const after = words[key + 1];
    // `S3Key` reads as s, 3, key: the kind may be two words joined.
    const kinds = [words[key - 1], `${words[key - 2] ?? ''}${words[key - 1] ?? ''}`];
    return !(after !== undefined && keyIdentifierWords.has(after)) && !kinds.some((kind) => nonSecretKeyKinds.has(kind));
  }
  // One lower-case run (`dbpass`, `sshkey`): its ending says it.
  return words.length === 1 && /(pass|pw|key)$/.test(normalized) && !/(publickey|bypass|compass)$/.test(normalized);
}

/** A name's words: split at separators, digits and camelCase humps (`SSHKey` → ssh, key; `DbPass2` → db, pass, 2). */
function wordsOf(name: string): string[] {
  return (name.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+/g) ?? []).map((word) => word.toLowerCase());
}

/** Whether a parameter is secret: by its name, or because the user marked it so for this action. */
export function isSecretParameter(name: string, marked: readonly string[] = []): boolean {
  return marked.includes(name) || looksSecret(name);
}

/** The secret ones among `names`. */
export function secretNamesOf(names: Iterable<string>, marked: readonly string[] = []): string[] {
  return [...new Set(names)].filter((name) => isSecretParameter(name, marked));
}

/** The parameters without the secret ones. */
export function withoutSecretValues(parameters: ExecutionParameters, marked: readonly string[] = []): ExecutionParameters {
  return Object.fromEntries(Object.entries(parameters).filter(([name]) => !isSecretParameter(name, marked)));
}

/** Only the secret ones. */
export function secretValuesOf(parameters: ExecutionParameters, marked: readonly string[] = []): ExecutionParameters {
  return Object.fromEntries(Object.entries(parameters).filter(([name]) => isSecretParameter(name, marked)));
}

/** How a secret value is shown where a value would be (the review). */
export const maskedValue = '••••••';
