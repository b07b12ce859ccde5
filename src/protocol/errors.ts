// Typed AWS errors. Services throw these; the protocol codec turns them into
// AWS's wire format (status from the model's error shape, x-amzn-ErrorType,
// JSON body with the message member in the shape's own case).

export interface AwsErrorOptions {
  /** HTTP status when the service model has no shape for this code (e.g. ValidationException). */
  status?: number;
  /** Extra body members, e.g. Reason for TooManyRequestsException. */
  fields?: Record<string, unknown>;
  /** Extra response headers, e.g. Retry-After. */
  headers?: Record<string, string>;
  /** 'User' (sender fault, the default) or 'Service'. */
  type?: 'User' | 'Service';
}

export class AwsError extends Error {
  readonly code: string;
  readonly status: number | undefined;
  readonly fields: Record<string, unknown>;
  readonly headers: Record<string, string>;
  readonly type: 'User' | 'Service';

  constructor(code: string, message: string, opts: AwsErrorOptions = {}) {
    super(message);
    this.name = code;
    this.code = code;
    this.status = opts.status;
    this.fields = opts.fields ?? {};
    this.headers = opts.headers ?? {};
    this.type = opts.type ?? 'User';
  }
}

/** Errors every AWS service can answer, independent of its model. */
export const CommonErrors = {
  validation(messages: string[]): AwsError {
    const n = messages.length;
    return new AwsError(
      'ValidationException',
      `${n} validation error${n === 1 ? '' : 's'} detected: ${messages.join('; ')}`,
      { status: 400 },
    );
  },
  missingAuthenticationToken(): AwsError {
    return new AwsError('MissingAuthenticationTokenException', 'Missing Authentication Token', { status: 403 });
  },
  unrecognizedClient(): AwsError {
    return new AwsError('UnrecognizedClientException', 'The security token included in the request is invalid.', {
      status: 403,
    });
  },
  /** Temporary credentials past their expiry (IdentityProvider.identify); the query codec writes ExpiredToken. */
  expiredToken(): AwsError {
    return new AwsError('ExpiredTokenException', 'The security token included in the request is expired', { status: 403 });
  },
  invalidSignature(detail?: string): AwsError {
    return new AwsError(
      'InvalidSignatureException',
      detail ??
        'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
      { status: 403 },
    );
  },
  incompleteSignature(detail: string): AwsError {
    return new AwsError('IncompleteSignatureException', detail, { status: 403 });
  },
  unknownOperation(method: string, path: string): AwsError {
    return new AwsError('UnknownOperationException', `No operation matches ${method} ${path}`, { status: 404 });
  },
  notImplemented(service: string, operation: string): AwsError {
    return new AwsError(
      'NotImplementedException',
      `${service} operation ${operation} is not implemented by Lambent yet.`,
      { status: 501 },
    );
  },
  /**
   * Lambent is holding as many bodies of not-yet-authenticated requests as it allows; the SDKs retry a 429
   * (TooManyRequestsException is in every SDK's throttling list, and its Retry-After is honoured).
   */
  busy(): AwsError {
    return new AwsError('TooManyRequestsException', 'Rate exceeded', { status: 429, headers: { 'Retry-After': '1' } });
  },
  internal(): AwsError {
    return new AwsError('ServiceException', 'An internal error occurred in Lambent; see the server log.', {
      status: 500,
      type: 'Service',
    });
  },
} as const;
