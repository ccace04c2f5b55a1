/**
 * Errors as AWS serialises them for awsJson1_1: HTTP status, a `__type` body member and a message.
 * Service-modelled errors use `Message`; errors raised by the AWS front end (auth, throttling,
 * unknown operation) use `message`, as the real endpoints do. SDKs read both.
 */
export class AwsError extends Error {
  constructor(
    readonly code: string,
    message: string | undefined,
    readonly httpStatus: number = 400,
    readonly options: { typePrefix?: string; messageKey?: 'Message' | 'message' } = {},
  ) {
    super(message ?? code);
    this.hasMessage = message !== undefined;
  }

  readonly hasMessage: boolean;

  toBody(): Record<string, string> {
    const body: Record<string, string> = { __type: `${this.options.typePrefix ?? ''}${this.code}` };
    if (this.hasMessage) body[this.options.messageKey ?? 'Message'] = this.message;
    return body;
  }
}

const CORAL = 'com.amazon.coral.service#';
const frontEnd = { messageKey: 'message' as const };

export const errors = {
  invalidParameters: (message: string) => new AwsError('InvalidParametersException', message),
  resourceNotFound: (message: string) => new AwsError('ResourceNotFoundException', message),
  invalidState: (message: string) => new AwsError('InvalidStateException', message),

  serialization: (message?: string) => new AwsError('SerializationException', message, 400, { typePrefix: CORAL, messageKey: 'Message' }),
  unknownOperation: () => new AwsError('UnknownOperationException', undefined, 400, { typePrefix: CORAL }),

  missingAuthenticationToken: () => new AwsError('MissingAuthenticationTokenException', 'Missing Authentication Token', 400, frontEnd),
  incompleteSignature: (message: string) => new AwsError('IncompleteSignatureException', message, 400, frontEnd),
  invalidSignature: (message: string) => new AwsError('InvalidSignatureException', message, 400, frontEnd),
  signatureMismatch: () =>
    new AwsError(
      'InvalidSignatureException',
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
      400,
      frontEnd,
    ),
  unrecognizedClient: () => new AwsError('UnrecognizedClientException', 'The security token included in the request is invalid.', 400, frontEnd),
  expiredToken: () => new AwsError('ExpiredTokenException', 'The security token included in the request is expired', 400, frontEnd),
  accessDenied: (message: string) => new AwsError('AccessDeniedException', message, 400, frontEnd),

  throttling: () => new AwsError('ThrottlingException', 'Rate exceeded', 400, frontEnd),
  internalFailure: () => new AwsError('InternalFailure', 'An internal error occurred. Try again.', 500, frontEnd),
  serviceUnavailable: () => new AwsError('ServiceUnavailable', 'Service is unavailable. Try again later.', 503, frontEnd),
};
