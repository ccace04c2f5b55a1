import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { paginate } from '../paging';
import { applyFaults } from '../protocol/applyFaults';
import type { AwsJsonDependencies } from '../protocol/awsJsonHandler';
import { AwsError } from '../protocol/awsErrors';
import { header } from '../protocol/requestParts';
import { accountsOf, roleCredentials, rolesOf, sessionOfToken, ssoErrors } from './identityCenter';

/** The portal's operations by method and path (restJson1, as `@aws-sdk/client-sso` calls them). */
const ROUTES: Record<string, string> = {
  'GET /assignment/accounts': 'ListAccounts',
  'GET /assignment/roles': 'ListAccountRoles',
  'GET /federation/credentials': 'GetRoleCredentials',
  'POST /logout': 'Logout',
};

const DEFAULT_MAX_RESULTS = 20;

/** Whether a request is for IAM Identity Center's portal API rather than Service Catalog or STS. */
export function isSsoPortalRequest(req: IncomingMessage): boolean {
  return routeOf(req) !== undefined;
}

/**
 * IAM Identity Center's portal API (the AWS access portal behind `aws sso login`), on the emulator's port:
 * ListAccounts, ListAccountRoles, GetRoleCredentials and Logout. Calls are not signed: the user's bearer
 * token in `x-amz-sso_bearer_token` says who is asking. Faults and counters name the operations `sso:<Name>`.
 */
export async function handleSsoPortalRequest(req: IncomingMessage, res: ServerResponse, deps: AwsJsonDependencies): Promise<void> {
  const name = routeOf(req) ?? 'Unknown';
  const operation = `sso:${name}`;
  deps.counters.countCall(operation, undefined);
  try {
    const outcome = await applyFaults(req, deps, { operation, accessKeyId: '' });
    if (outcome === 'dropped') return;
    const query = new URL(req.url ?? '/', 'http://emulator').searchParams;
    const state = deps.state();
    const session = sessionOfToken(state, header(req, 'x-amz-sso_bearer_token'));
    switch (name) {
      case 'ListAccounts': {
        const paging = pageRequest(query, outcome);
        const { page, nextPageToken } = paginate(accountsOf(state, session), paging, [name, session.name], invalidToken);
        return send(res, 200, { accountList: page, ...nextToken(nextPageToken, outcome) });
      }
      case 'ListAccountRoles': {
        const accountId = required(query, 'account_id', 'accountId');
        const paging = pageRequest(query, outcome);
        const { page, nextPageToken } = paginate(rolesOf(state, session, accountId), paging, [name, session.name, accountId], invalidToken);
        return send(res, 200, { roleList: page, ...nextToken(nextPageToken, outcome) });
      }
      case 'GetRoleCredentials': {
        const roleName = required(query, 'role_name', 'roleName');
        const accountId = required(query, 'account_id', 'accountId');
        const credential = roleCredentials(state, session, accountId, roleName, Date.now());
        return send(res, 200, {
          roleCredentials: {
            accessKeyId: credential.accessKeyId,
            secretAccessKey: credential.secretAccessKey,
            sessionToken: credential.sessionToken,
            expiration: credential.expiresAt,
          },
        });
      }
      case 'Logout':
        state.expiredSsoSessions.add(session.name);
        return send(res, 200, {});
      default:
        throw ssoErrors.notFound();
    }
  } catch (err) {
    sendError(res, portalError(err, deps, operation));
  }
}

function routeOf(req: IncomingMessage): string | undefined {
  const path = new URL(req.url ?? '/', 'http://emulator').pathname;
  return ROUTES[`${req.method} ${path}`];
}

/** With the endlessPages fault the token asked for is ignored: the first page again, with a new token. */
function pageRequest(query: URLSearchParams, fault?: 'endlessPages'): { PageSize?: number; PageToken?: string } {
  const text = query.get('max_result');
  let size = DEFAULT_MAX_RESULTS;
  if (text !== null) {
    size = Number(text);
    if (!/^-?\d+$/.test(text)) throw ssoErrors.invalidRequest(`Value '${text}' at 'maxResults' failed to satisfy constraint: Member must be a number`);
    if (size < 1 || size > 100) {
      throw ssoErrors.invalidRequest(`1 validation error detected: Value '${text}' at 'maxResults' failed to satisfy constraint: Member must have value ${size < 1 ? 'greater than or equal to 1' : 'less than or equal to 100'}`);
    }
  }
  return { PageSize: size, PageToken: fault === 'endlessPages' ? undefined : query.get('next_token') || undefined };
}

function nextToken(next: string | undefined, fault?: 'endlessPages'): { nextToken?: string } {
  if (fault === 'endlessPages') return { nextToken: `endless-${randomUUID()}` };
  return next ? { nextToken: next } : {};
}

function required(query: URLSearchParams, key: string, member: string): string {
  const value = query.get(key);
  if (!value) throw ssoErrors.invalidRequest(`1 validation error detected: Value null at '${member}' failed to satisfy constraint: Member must not be null`);
  return value;
}

const invalidToken = () => ssoErrors.invalidRequest('Invalid next token');

/** The portal's words for the faults the injector raises (Service Catalog's names otherwise). */
function portalError(err: unknown, deps: AwsJsonDependencies, operation: string): AwsError {
  if (err instanceof AwsError) {
    return err.code === 'ThrottlingException' ? ssoErrors.tooManyRequests() : err;
  }
  deps.log(`emulator: unexpected error in ${operation}: ${(err as Error)?.stack ?? String(err)}`);
  return new AwsError('InternalServerException', 'An internal error occurred.', 500, { messageKey: 'message' });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), 'x-amzn-RequestId': randomUUID() });
  res.end(text);
}

function sendError(res: ServerResponse, error: AwsError): void {
  const text = JSON.stringify({ message: error.message });
  res.writeHead(error.httpStatus, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
    'x-amzn-RequestId': randomUUID(),
    'x-amzn-ErrorType': error.code,
  });
  res.end(text);
}
