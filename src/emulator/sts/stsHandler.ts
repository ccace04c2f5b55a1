import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { verifySignature } from '../auth/verifySignature';
import { applyFaults } from '../protocol/applyFaults';
import type { AwsJsonDependencies } from '../protocol/awsJsonHandler';
import { AwsError } from '../protocol/awsErrors';
import { accessKeyIdOf, toSignedRequest } from '../protocol/requestParts';
import { assumeRole, callerUserId, stsErrors } from './assumeRole';

const NAMESPACE = 'https://sts.amazonaws.com/doc/2011-06-15/';

// STS (awsQuery) names the front-end errors differently from JSON services.
const STS_ERROR_CODES: Record<string, { code: string; status: number }> = {
  UnrecognizedClientException: { code: 'InvalidClientTokenId', status: 403 },
  InvalidSignatureException: { code: 'SignatureDoesNotMatch', status: 403 },
  IncompleteSignatureException: { code: 'IncompleteSignature', status: 403 },
  MissingAuthenticationTokenException: { code: 'MissingAuthenticationToken', status: 403 },
  ExpiredTokenException: { code: 'ExpiredToken', status: 400 },
  ThrottlingException: { code: 'Throttling', status: 400 },
};

/**
 * STS on the emulator's port (awsQuery: a form-encoded POST with `Action=`, XML answers), so that
 * profiles with role_arn, source_profile and mfa_serial can be tested: AssumeRole and GetCallerIdentity.
 */
export async function handleStsRequest(req: IncomingMessage, res: ServerResponse, body: Buffer, deps: AwsJsonDependencies): Promise<void> {
  const params = new URLSearchParams(body.toString('utf8'));
  const action = params.get('Action') ?? '';
  const operation = `sts:${action}`;
  deps.counters.countCall(operation, accessKeyIdOf(req));
  try {
    const { credential } = await verifySignature(toSignedRequest(req, body), (key) => deps.state().credentials.get(key), { service: 'sts' });
    if ((await applyFaults(req, deps, { operation, accessKeyId: credential.accessKeyId })) === 'dropped') return;
    switch (action) {
      case 'GetCallerIdentity':
        return sendXml(res, 200, 'GetCallerIdentity', `<UserId>${xml(callerUserId(credential))}</UserId><Account>${credential.accountId}</Account><Arn>${xml(credential.userArn)}</Arn>`);
      case 'AssumeRole': {
        const { credential: session, assumedRoleId } = assumeRole(params, credential, deps.state(), Date.now());
        return sendXml(
          res,
          200,
          'AssumeRole',
          `<Credentials><AccessKeyId>${session.accessKeyId}</AccessKeyId><SecretAccessKey>${xml(session.secretAccessKey)}</SecretAccessKey>` +
            `<SessionToken>${xml(session.sessionToken!)}</SessionToken><Expiration>${new Date(session.expiresAt!).toISOString()}</Expiration></Credentials>` +
            `<AssumedRoleUser><AssumedRoleId>${xml(assumedRoleId)}</AssumedRoleId><Arn>${xml(session.userArn)}</Arn></AssumedRoleUser>`,
        );
      }
      default:
        throw stsErrors.invalidAction(action);
    }
  } catch (err) {
    const error = err instanceof AwsError ? err : new AwsError('InternalFailure', 'An internal error occurred.', 500);
    if (!(err instanceof AwsError)) deps.log(`emulator: unexpected error in ${operation}: ${(err as Error)?.stack ?? String(err)}`);
    const mapped = STS_ERROR_CODES[error.code] ?? { code: error.code, status: error.httpStatus };
    const type = mapped.status >= 500 ? 'Receiver' : 'Sender';
    const text = `<ErrorResponse xmlns="${NAMESPACE}"><Error><Type>${type}</Type><Code>${mapped.code}</Code><Message>${xml(error.message)}</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`;
    send(res, mapped.status, text);
  }
}

function sendXml(res: ServerResponse, status: number, action: string, result: string): void {
  send(
    res,
    status,
    `<${action}Response xmlns="${NAMESPACE}"><${action}Result>${result}</${action}Result><ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></${action}Response>`,
  );
}

function send(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/xml', 'Content-Length': Buffer.byteLength(text), 'x-amzn-RequestId': randomUUID() });
  res.end(text);
}

function xml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
