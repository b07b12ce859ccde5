// The awsQuery protocol (IAM, STS, SNS, SQS and CloudWatch of older SDKs):
// a form-encoded POST (or a GET query string) naming `Action` and `Version`,
// members as flat dotted names; answers are XML documents in the model's
// namespace, errors an `<ErrorResponse>` whose code botocore and the JS SDK
// read from `Error/Code`.
import type { HttpRequestParts, HttpResponseParts, ProtocolCodec } from '../codec.js';
import { AwsError, CommonErrors } from '../errors.js';
import type { Model, Operation, StructureShape } from '../model.js';
import { Validator } from '../validate.js';
import { QueryDecoder, QueryValueError } from './decode.js';
import { emptyParams, parseForm, type FlatParams } from './params.js';
import { xmlEscape, XmlWriter } from './xml.js';

const CONTENT_TYPE = 'text/xml';

/** What the query protocol calls the errors every service shares (AWS's common errors for query APIs). */
interface WireError {
  code: string;
  status: number;
  message?: string;
}
const COMMON: Record<string, WireError> = {
  UnrecognizedClientException: { code: 'InvalidClientTokenId', status: 403 },
  InvalidSignatureException: { code: 'SignatureDoesNotMatch', status: 403 },
  IncompleteSignatureException: { code: 'IncompleteSignature', status: 403 },
  MissingAuthenticationTokenException: {
    code: 'MissingAuthenticationToken',
    status: 403,
    message: 'Request is missing Authentication Token',
  },
  ValidationException: { code: 'ValidationError', status: 400 },
  // The request's own credentials expired (IdentityProvider.identify). AWS answers 403 for query services.
  ExpiredTokenException: { code: 'ExpiredToken', status: 403 },
  TooManyRequestsException: { code: 'Throttling', status: 400 },
  UnknownOperationException: { code: 'InvalidAction', status: 400 },
  ServiceException: { code: 'InternalFailure', status: 500 },
};

export interface QueryCodecOptions {
  /**
   * Common codes this service's model defines itself and means by them what the common error means
   * (none by default: STS's own ExpiredTokenException is about a token passed in, not the request's).
   */
  keepCodes?: string[];
}

export class QueryCodec implements ProtocolCodec {
  readonly routesOnBody = true;
  private readonly namespace: string;
  private readonly version: string;
  private readonly validator: Validator;
  private readonly decoder: QueryDecoder;
  private readonly writer: XmlWriter;
  /** Error shapes by shape name and by wire code (IAM's NoSuchEntityException is `NoSuchEntity` on the wire). */
  private readonly errors = new Map<string, { code: string; status: number; sender: boolean; shape: StructureShape }>();
  private readonly keep: Set<string>;

  constructor(
    readonly model: Model,
    opts: QueryCodecOptions = {},
  ) {
    this.namespace = model.raw.metadata.xmlNamespace ?? '';
    this.version = model.raw.metadata.apiVersion;
    this.validator = new Validator(model);
    this.decoder = new QueryDecoder(model);
    this.writer = new XmlWriter(model);
    for (const [name, shape] of Object.entries(model.raw.shapes)) {
      if (shape.type !== 'structure' || !shape.exception) continue;
      const status = shape.error?.httpStatusCode ?? 400;
      const entry = { code: shape.error?.code ?? name, status, sender: shape.error?.senderFault ?? (status < 500 && !shape.fault), shape };
      this.errors.set(name, entry);
      if (!this.errors.has(entry.code)) this.errors.set(entry.code, entry);
    }
    this.keep = new Set(opts.keepCodes ?? []);
  }

  /** The request's parameters: the query string's, then the form body's (a name's first value wins). */
  private params(req: HttpRequestParts): FlatParams {
    const params = emptyParams();
    parseForm(req.rawQuery, params);
    if (req.body.length > 0) parseForm(req.body.toString('utf8'), params);
    return params;
  }

  route(req: HttpRequestParts): { operation: Operation; labels: Record<string, string> } {
    const params = this.params(req);
    const action = params['Action'];
    if (action === undefined || action === '') throw new AwsError('MissingAction', 'Missing Action', { status: 400 });
    const version = params['Version'];
    const op = Object.prototype.hasOwnProperty.call(this.model.raw.operations, action) ? this.model.raw.operations[action] : undefined;
    // Every SDK sends the model's Version; another version names an API Lambent does not have.
    if (!op || (version !== undefined && version !== this.version)) {
      throw new AwsError('InvalidAction', `Could not find operation ${action} for version ${version ?? 'NO_VERSION_SPECIFIED'}`, {
        status: 400,
      });
    }
    return { operation: op, labels: params };
  }

  decode(req: HttpRequestParts, operation: Operation, labels: Record<string, string>): Record<string, unknown> {
    if (!operation.input) return {};
    // The gateway hands back what route() parsed; a caller that did not route re-reads the request.
    const params = labels['Action'] !== undefined ? labels : this.params(req);
    let input: Record<string, unknown>;
    try {
      input = this.decoder.input(operation.input.shape, params);
    } catch (e) {
      if (e instanceof QueryValueError) throw CommonErrors.validation([e.sentence]);
      throw e;
    }
    const violations = this.validator.validate(operation.input.shape, input);
    if (violations.length > 0) throw CommonErrors.validation(violations);
    return input;
  }

  encode(operation: Operation, output: Record<string, unknown> | undefined, requestId: string): HttpResponseParts {
    const name = operation.name;
    const out: string[] = [`<${name}Response xmlns="${xmlEscape(this.namespace)}">`];
    if (operation.output) {
      const wrapper = operation.output.resultWrapper ?? `${name}Result`;
      out.push(`<${wrapper}>`);
      if (output) this.writer.members(operation.output.shape, output, out);
      out.push(`</${wrapper}>`);
    }
    out.push(`<ResponseMetadata><RequestId>${xmlEscape(requestId)}</RequestId></ResponseMetadata></${name}Response>`);
    return { status: 200, headers: { 'Content-Type': CONTENT_TYPE }, body: Buffer.from(out.join('')) };
  }

  /** The code, status and fault a typed error has on this protocol's wire. */
  wireError(error: AwsError): { code: string; status: number; sender: boolean; message: string; shape?: StructureShape } {
    const common = this.keep.has(error.code) ? undefined : COMMON[error.code];
    if (common) {
      return {
        code: common.code,
        status: common.status,
        sender: common.status < 500,
        message: common.message ?? error.message,
      };
    }
    const known = this.errors.get(error.code);
    if (known) return { code: known.code, status: known.status, sender: known.sender, message: error.message, shape: known.shape };
    const status = error.status ?? 400;
    return { code: error.code, status, sender: error.type === 'User' && status < 500, message: error.message };
  }

  encodeError(error: AwsError, requestId: string): HttpResponseParts {
    const wire = this.wireError(error);
    const out: string[] = [
      `<ErrorResponse xmlns="${xmlEscape(this.namespace)}"><Error><Type>${wire.sender ? 'Sender' : 'Receiver'}</Type>`,
      `<Code>${xmlEscape(wire.code)}</Code><Message>${xmlEscape(wire.message)}</Message>`,
    ];
    // Extra members the error shape models (botocore copies Error's children onto the error).
    for (const [k, v] of Object.entries(error.fields)) {
      if (v === undefined || v === null || !/^[A-Za-z][A-Za-z0-9_]*$/.test(k)) continue;
      out.push(`<${k}>${xmlEscape(v instanceof Date ? v.toISOString() : String(v))}</${k}>`);
    }
    out.push(`</Error><RequestId>${xmlEscape(requestId)}</RequestId></ErrorResponse>`);
    return {
      status: wire.status,
      headers: { 'Content-Type': CONTENT_TYPE, ...error.headers },
      body: Buffer.from(out.join('')),
    };
  }
}
