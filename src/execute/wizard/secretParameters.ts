import type { ExecutionParameters } from '../../aws/serviceCatalogApi';

/**
 * Parameters whose names look like secrets: a password, a secret, a token, a credential, an API key,
 * a private key, a connection string (which usually holds a password)...
 *
 * The rule: their values serve the execution and nothing else.
 * - They are sent to Service Catalog, and kept in the pending request (`PendingExecutionStore`) only
 *   until its record is known, because a retry or a reload must send exactly the same request.
 * - They are never remembered to prefill the next run (`ChoiceMemory`), never part of the record's
 *   origin (so neither persisted with the records in flight nor shown or kept by the record panel),
 *   typed in a masked box and masked in the review.
 * - "Execute again" from a record therefore asks for them again.
 *
 * Names are compared without case and without separators, so `DB_PASSWORD`, `dbPassword` and
 * `db-password` all match.
 */
const secretWords = [
  'password',
  'passwd',
  'passphrase',
  'pwd',
  'secret',
  'token',
  'credential',
  'apikey',
  'accesskey',
  'privatekey',
  'signingkey',
  'sessionkey',
  'connectionstring',
];

export function looksSecret(name: string): boolean {
  const normalized = name.toLowerCase().replace(/[^a-z0-9]/g, '');
  return secretWords.some((word) => normalized.includes(word));
}

/** The parameters without those whose names look like secrets. */
export function withoutSecretValues(parameters: ExecutionParameters): ExecutionParameters {
  return Object.fromEntries(Object.entries(parameters).filter(([name]) => !looksSecret(name)));
}

/** How a secret value is shown where a value would be (the review). */
export const maskedValue = '••••••';
