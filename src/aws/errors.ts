import { t } from '@vscode/l10n';
import { shellOption } from '../platform/shellQuote';
import { CredentialProcessError, describeProcessFailure, sdkProcessFailure } from './credentialProcessFailure';
import type { SecretRedactor } from './secrets';

export type AwsProblemKind =
  | 'sso-login-required'
  | 'expired-credentials'
  | 'invalid-credentials'
  | 'missing-credentials'
  | 'mfa-cancelled'
  | 'credentials-timeout'
  | 'access-denied'
  | 'throttled'
  | 'not-found'
  | 'invalid-state'
  | 'invalid-parameters'
  | 'limit-exceeded'
  | 'too-many-pages'
  | 'invalid-region'
  | 'invalid-config'
  | 'network'
  | 'service-unavailable'
  | 'cancelled'
  | 'unknown';

/** What a user should be told about a failed AWS call. Never contains a secret. */
export interface AwsProblem {
  kind: AwsProblemKind;
  /** A few words, for a tree node or a status line. */
  summary: string;
  /** What happened, in full, with the service's own words where they help. */
  detail: string;
  /** What to do about it, when there is something to do. */
  fix?: string;
  /** For an SSO profile whose token is missing or expired. */
  ssoLoginCommand?: string;
  /** Whether trying again later may work without changing anything. */
  retryable: boolean;
  /** The error's name as AWS or the SDK gave it. */
  code?: string;
  requestId?: string;
}

export interface ProblemContext {
  profile: string;
  region?: string;
  /** Host of a configured endpoint, for network errors. */
  endpointHost?: string;
  /** For a discovered IAM Identity Center role or a portal listing: the session, and the command that signs in to it. */
  ssoLogin?: { session: string; command: string };
}

const credentialProblemKinds: ReadonlySet<AwsProblemKind> = new Set([
  'sso-login-required',
  'expired-credentials',
  'invalid-credentials',
  'missing-credentials',
  'mfa-cancelled',
  'credentials-timeout',
]);

/** Whether the problem is about the profile's credentials (so they should be resolved again before a retry). */
export function isCredentialProblem(problem: Pick<AwsProblem, 'kind'>): boolean {
  return credentialProblemKinds.has(problem.kind);
}

/** A failed call, already classified and free of secrets. */
export class AwsCallError extends Error {
  override readonly name = 'AwsCallError';
  constructor(
    readonly problem: AwsProblem,
    readonly operation: string,
  ) {
    super(problem.detail);
  }
}

/**
 * The problem behind any error: a classified AWS failure as it is, anything else classified here too,
 * so its text is redacted like every other message the user sees.
 */
export function problemOf(error: unknown, redactor: SecretRedactor, context: ProblemContext = { profile: '' }): AwsProblem {
  return error instanceof AwsCallError ? error.problem : classifyAwsError(error, context, redactor);
}

/** Raised by the extension itself when a credential source does not answer in time. */
export class CredentialsTimeoutError extends Error {
  override readonly name = 'CredentialsTimeoutError';
  constructor(readonly seconds: number) {
    super(`Credentials were not resolved within ${seconds} s`);
  }
}

/** Raised when the user dismisses the MFA code prompt. */
export class MfaCancelledError extends Error {
  override readonly name = 'MfaCancelledError';
  constructor() {
    super('The MFA code prompt was dismissed');
  }
}

/** Raised for a profile whose configuration cannot work, before any call is made. */
export class ProfileConfigError extends Error {
  override readonly name = 'ProfileConfigError';
}

interface ErrorFacts {
  name: string;
  message: string;
  code?: string;
  status?: number;
  attempts?: number;
  requestId?: string;
}

const throttlingNames = new Set([
  'ThrottlingException',
  'Throttling',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'SlowDown',
]);
const expiredNames = new Set(['ExpiredTokenException', 'ExpiredToken', 'RequestExpired', 'TokenRefreshRequired']);
const invalidCredentialNames = new Set([
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'InvalidSignatureException',
  'SignatureDoesNotMatch',
  'IncompleteSignature',
  'MissingAuthenticationToken',
]);
const accessDeniedNames = new Set(['AccessDeniedException', 'AccessDenied', 'UnauthorizedOperation', 'NotAuthorized']);
const networkCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ECONNABORTED',
  'UND_ERR_SOCKET',
]);

export function classifyAwsError(error: unknown, context: ProblemContext, redactor: SecretRedactor): AwsProblem {
  const facts = readFacts(error);
  const awsText = redactor.redact(facts.message);
  const base = { code: facts.name, requestId: facts.requestId };
  const profile = context.profile;

  if (facts.name === 'CredentialsTimeoutError') {
    return {
      ...base,
      kind: 'credentials-timeout',
      summary: t('Credentials timed out'),
      detail: t('The credentials of profile "{0}" were not ready after {1} s.', profile, (error as CredentialsTimeoutError).seconds),
      fix: t('Check the credential_process or login of profile "{0}", then refresh.', profile),
      retryable: true,
    };
  }
  const processFailure = error instanceof CredentialProcessError ? error.failure : sdkProcessFailure(facts.message, redactor);
  if (processFailure) {
    return {
      ...base,
      kind: 'missing-credentials',
      summary: t('credential_process failed'),
      detail: t('The credential_process of profile "{0}" gave no credentials: {1}', profile, describeProcessFailure(processFailure)),
      fix: t('Run the credential_process of profile "{0}" in a terminal to see what it needs, then refresh.', profile),
      retryable: false,
    };
  }
  if (facts.name === 'MfaCancelledError') {
    return {
      ...base,
      kind: 'mfa-cancelled',
      summary: t('MFA code needed'),
      detail: t('Profile "{0}" needs an MFA code and none was entered.', profile),
      fix: t('Refresh to be asked again.'),
      retryable: true,
    };
  }
  if (facts.name === 'ProfileConfigError') {
    return {
      ...base,
      kind: 'invalid-config',
      summary: t('Profile misconfigured'),
      detail: awsText,
      fix: t('Fix profile "{0}" in the AWS config file.', profile),
      retryable: false,
    };
  }
  if (isSsoTokenProblem(facts) || (context.ssoLogin && isPortalRefusal(facts))) {
    const command = context.ssoLogin?.command ?? `aws sso login ${shellOption('--profile', profile)}`;
    return {
      ...base,
      kind: 'sso-login-required',
      summary: t('SSO session expired'),
      detail: context.ssoLogin
        ? t('The IAM Identity Center session "{0}" has expired or has not been started.', context.ssoLogin.session)
        : t('The SSO session of profile "{0}" has expired or has not been started.', profile),
      fix: t('Run "{0}" and refresh.', command),
      ssoLoginCommand: command,
      retryable: false,
    };
  }
  if (facts.name === 'CredentialsProviderError' || /could not load credentials|could not resolve credentials/i.test(facts.message)) {
    return {
      ...base,
      kind: 'missing-credentials',
      summary: t('No usable credentials'),
      detail: t('Profile "{0}" has no usable credentials: {1}', profile, awsText),
      fix: t('Add credentials for profile "{0}" to the AWS credentials or config file, then refresh.', profile),
      retryable: false,
    };
  }
  if (expiredNames.has(facts.name) || /security token included in the request is expired/i.test(facts.message)) {
    return {
      ...base,
      kind: 'expired-credentials',
      summary: t('Credentials expired'),
      detail: t('The credentials of profile "{0}" have expired.', profile),
      fix: t('Renew them (new keys or a new session token in the credentials file, or a new login), then refresh.'),
      retryable: false,
    };
  }
  if (facts.name === 'InvalidSignatureException' && /scoped to a valid region/i.test(facts.message)) {
    return invalidRegion(base, context);
  }
  if (invalidCredentialNames.has(facts.name)) {
    return {
      ...base,
      kind: 'invalid-credentials',
      summary: t('Credentials rejected'),
      detail: t('AWS rejected the credentials of profile "{0}": {1}', profile, awsText),
      fix: t('Check the access key and secret key of profile "{0}", then refresh.', profile),
      retryable: false,
    };
  }
  if (accessDeniedNames.has(facts.name) || (facts.status === 403 && !facts.name.endsWith('Exception'))) {
    return {
      ...base,
      kind: 'access-denied',
      summary: t('Access denied'),
      detail: awsText || t('Profile "{0}" is not allowed to do this.', profile),
      fix: t('Ask your administrator for the Service Catalog end-user permissions of this account.'),
      retryable: false,
    };
  }
  if (throttlingNames.has(facts.name) || facts.status === 429) {
    return {
      ...base,
      kind: 'throttled',
      summary: t('Throttled by AWS'),
      detail: t('AWS is limiting the request rate of profile "{0}"{1}.', profile, attemptsText(facts.attempts)),
      fix: t('Wait a moment and try again.'),
      retryable: true,
    };
  }
  if (facts.name === 'ResourceNotFoundException') {
    return { ...base, kind: 'not-found', summary: t('Not found'), detail: awsText, retryable: false };
  }
  if (facts.name === 'InvalidStateException') {
    return { ...base, kind: 'invalid-state', summary: t('Not possible now'), detail: awsText, retryable: true };
  }
  if (facts.name === 'LimitExceededException') {
    // Service Catalog's quota error (actions per product, for example), not a request rate.
    return {
      ...base,
      kind: 'limit-exceeded',
      summary: t('Limit reached'),
      detail: awsText,
      fix: t('Ask your administrator whether the Service Catalog quota can be raised.'),
      retryable: false,
    };
  }
  if (facts.name === 'InvalidParametersException' || facts.name === 'ValidationException') {
    return { ...base, kind: 'invalid-parameters', summary: t('Invalid parameters'), detail: awsText, retryable: false };
  }
  if (/region/i.test(facts.message) && /invalid|not valid|unknown/i.test(facts.message)) {
    return invalidRegion(base, context);
  }
  if (facts.name === 'AbortError') {
    return { ...base, kind: 'cancelled', summary: t('Cancelled'), detail: t('The request was cancelled.'), retryable: true };
  }
  if (isNetworkProblem(facts)) {
    const where = context.endpointHost ?? (context.region ? `servicecatalog.${context.region}.amazonaws.com` : 'AWS');
    return {
      ...base,
      kind: 'network',
      summary: t('Cannot reach AWS'),
      detail: t('Could not reach {0} ({1}).', where, facts.code ?? facts.name),
      fix: t('Check the network, proxy and endpoint settings, then refresh.'),
      retryable: true,
    };
  }
  if (facts.status !== undefined && facts.status >= 500) {
    return {
      ...base,
      kind: 'service-unavailable',
      summary: t('Service error'),
      detail: t('Service Catalog answered with an error ({0}){1}.', facts.name, attemptsText(facts.attempts)),
      fix: t('Try again in a moment.'),
      retryable: true,
    };
  }
  return {
    ...base,
    kind: 'unknown',
    summary: t('Request failed'),
    detail: awsText || facts.name,
    retryable: false,
  };
}

function invalidRegion(base: Pick<AwsProblem, 'code' | 'requestId'>, context: ProblemContext): AwsProblem {
  return {
    ...base,
    kind: 'invalid-region',
    summary: t('Unknown region'),
    detail: t('"{0}" is not a region Service Catalog knows.', context.region ?? ''),
    fix: t('Fix the region of profile "{0}" or the serviceCatalog.regions setting.', context.profile),
    retryable: false,
  };
}

function readFacts(error: unknown): ErrorFacts {
  if (!(error instanceof Error) && (typeof error !== 'object' || error === null)) {
    return { name: 'Error', message: String(error) };
  }
  const candidate = error as Error & {
    code?: string;
    errno?: string;
    cause?: unknown;
    $metadata?: { httpStatusCode?: number; attempts?: number; requestId?: string };
  };
  const causeCode = (candidate.cause as { code?: string } | undefined)?.code;
  return {
    name: candidate.name ?? 'Error',
    message: candidate.message ?? '',
    code: candidate.code ?? causeCode,
    status: candidate.$metadata?.httpStatusCode,
    attempts: candidate.$metadata?.attempts,
    requestId: candidate.$metadata?.requestId,
  };
}

function isSsoTokenProblem(facts: ErrorFacts): boolean {
  if (facts.name === 'TokenProviderError' || facts.name === 'SSOTokenProviderFailure') {
    return true;
  }
  // Only the credential chain's own errors (and the SSO service refusing a token) are about signing in.
  const fromCredentials = facts.name === 'CredentialsProviderError' || facts.name === 'UnauthorizedException';
  return fromCredentials && /\bsso\b/i.test(facts.message) && /(expired|token|login|refresh)/i.test(facts.message);
}

/** IAM Identity Center's portal refusing the session's token (it answers 401 UnauthorizedException, "Session token not found or invalid"). */
function isPortalRefusal(facts: ErrorFacts): boolean {
  return facts.name === 'UnauthorizedException' || /session token not found or invalid/i.test(facts.message);
}

function isNetworkProblem(facts: ErrorFacts): boolean {
  return (
    (facts.code !== undefined && networkCodes.has(facts.code)) ||
    facts.name === 'TimeoutError' ||
    facts.name === 'RequestTimeout' ||
    /socket hang up|ECONNREFUSED|ENOTFOUND|ECONNRESET|getaddrinfo/i.test(facts.message)
  );
}

function attemptsText(attempts: number | undefined): string {
  return attempts && attempts > 1 ? t(' (tried {0} times)', attempts) : '';
}
