// The awsJson1_0 / awsJson1_1 protocols (SQS, Step Functions, CloudWatch
// Logs, EventBridge): every request is `POST /` naming its operation in
// `X-Amz-Target: {targetPrefix}.{Operation}`, members travel as a JSON body;
// errors are `{"__type": code, "message": text}`. Services that moved from the
// query protocol (SQS: `awsQueryCompatible`) also name the query-era code in
// `x-amzn-query-error: Code;Sender|Receiver`, which the SDKs prefer.
import type { HttpRequestParts, HttpResponseParts, ProtocolCodec } from '../codec.js';
import { AwsError, CommonErrors } from '../errors.js';
import { fromJson, JsonDepthError, JsonTypeError, toJson } from '../json-values.js';
import type { Model, Operation } from '../model.js';
import { Validator } from '../validate.js';
import { QueryCodec } from '../query/codec.js';

export interface JsonCodecOptions {
  /**
   * For awsQueryCompatible models: the same service's query model, whose error shapes carry the query-era codes
   * (SQS's QueueDoesNotExist is `AWS.SimpleQueueService.NonExistentQueue`).
   */
  queryModel?: Model;
}

const NO_LABELS: Record<string, string> = Object.freeze({}) as Record<string, string>;

export class JsonCodec implements ProtocolCodec {
  private readonly prefix: string;
  private readonly contentType: string;
  private readonly validator: Validator;
  /** Query-compatible error codes, when the model asks for them. */
  private readonly query: QueryCodec | undefined;
  private readonly routed = new Map<string, { operation: Operation; labels: Record<string, string> }>();

  constructor(
    readonly model: Model,
    opts: JsonCodecOptions = {},
  ) {
    const meta = model.raw.metadata;
    this.prefix = `${meta.targetPrefix ?? ''}.`;
    this.contentType = `application/x-amz-json-${meta.jsonVersion ?? '1.0'}`;
    this.validator = new Validator(model);
    if (meta.awsQueryCompatible) this.query = new QueryCodec(opts.queryModel ?? model);
    for (const op of Object.values(model.raw.operations)) {
      this.routed.set(`${this.prefix}${op.name}`, { operation: op, labels: NO_LABELS });
    }
  }

  /** The target a request names, when it is this service's. */
  static target(req: HttpRequestParts): string | undefined {
    const t = req.headers['x-amz-target'];
    return typeof t === 'string' ? t : undefined;
  }

  /** True when the request's X-Amz-Target names this service (any operation, known or not). */
  claims(req: HttpRequestParts): boolean {
    return JsonCodec.target(req)?.startsWith(this.prefix) ?? false;
  }

  route(req: HttpRequestParts): { operation: Operation; labels: Record<string, string> } | undefined {
    const target = JsonCodec.target(req);
    if (target === undefined || req.method !== 'POST') return undefined;
    const hit = this.routed.get(target);
    if (hit) return hit;
    if (target.startsWith(this.prefix)) {
      throw new AwsError('UnknownOperationException', `Unknown operation ${target.slice(this.prefix.length)}`, { status: 400 });
    }
    return undefined;
  }

  decode(req: HttpRequestParts, operation: Operation): Record<string, unknown> {
    if (!operation.input) return {};
    let input: Record<string, unknown> = {};
    if (req.body.length > 0) {
      let doc: unknown;
      try {
        doc = JSON.parse(req.body.toString('utf8'));
      } catch {
        throw new AwsError('SerializationException', 'Start of structure or map found where not expected.', { status: 400 });
      }
      try {
        input = (fromJson(this.model, operation.input.shape, doc, '') as Record<string, unknown> | undefined) ?? {};
      } catch (e) {
        if (e instanceof JsonTypeError || e instanceof JsonDepthError) {
          throw new AwsError('SerializationException', e.message, { status: 400 });
        }
        throw e;
      }
    }
    const violations = this.validator.validate(operation.input.shape, input);
    if (violations.length > 0) throw CommonErrors.validation(violations);
    return input;
  }

  encode(operation: Operation, output: Record<string, unknown> | undefined): HttpResponseParts {
    const doc = operation.output && output ? toJson(this.model, operation.output.shape, output) : {};
    return { status: 200, headers: { 'Content-Type': this.contentType }, body: Buffer.from(JSON.stringify(doc)) };
  }

  encodeError(error: AwsError): HttpResponseParts {
    const shape = this.model.errorShape(error.code);
    const status = shape?.error?.httpStatusCode ?? error.status ?? 400;
    const headers: Record<string, string> = { 'Content-Type': this.contentType, ...error.headers };
    const messageKey = shape && 'Message' in shape.members ? 'Message' : 'message';
    const body: Record<string, unknown> = { __type: error.code, [messageKey]: error.message };
    for (const [k, v] of Object.entries(error.fields)) if (!(k in body)) body[k] = v;
    if (this.query) {
      const wire = this.query.wireError(error);
      headers['x-amzn-query-error'] = `${wire.code};${wire.sender ? 'Sender' : 'Receiver'}`;
    }
    return { status, headers, body: Buffer.from(JSON.stringify(body)) };
  }
}
