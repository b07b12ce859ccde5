// rest-json protocol (Lambda, Scheduler, ...): members bound to the URI,
// query string, headers or a payload; the rest travel as a JSON body.
import type { Model, MemberRef, Operation, Shape, StructureShape } from '../model.js';
import type { HttpRequestParts, HttpResponseParts, ProtocolCodec } from '../codec.js';
import { AwsError, CommonErrors } from '../errors.js';
import { fromJson, JsonDepthError, JsonTypeError, toJson } from '../json-values.js';
import { Validator } from '../validate.js';
import { RestRouter } from './router.js';

/** Services may set this on an output whose payload is a blob, to choose its Content-Type. */
export const CONTENT_TYPE = Symbol('content-type');

export interface RestJsonOptions {
  /** The error a service answers for an unparsable body or a mistyped member. */
  malformedBody?: (detail: string) => AwsError;
}

const EMPTY = Buffer.alloc(0);
/** Routing results remembered per request line (method, path, query); past this many it starts over. */
const ROUTE_CACHE_MAX = 2048;

type Routed = { operation: Operation; labels: Record<string, string> };

/** How to read one input structure, worked out once per shape rather than per request. */
interface InputPlan {
  shape: StructureShape;
  /** Members bound to the URI, query string, headers or a header prefix, with their wire names. */
  located: { name: string; ref: MemberRef; wireName: string; headerName: string }[];
  /** Query names bound to a member: a query map member gets every other parameter. */
  boundQueryNames: Set<string>;
  hasQueryMembers: boolean;
}

export class RestJsonCodec implements ProtocolCodec {
  private readonly router: RestRouter;
  private readonly validator: Validator;
  private readonly malformed: (detail: string) => AwsError;
  /** The same function is invoked over and over: its request line routes the same way each time. */
  private readonly routes = new Map<string, Routed | undefined>();
  private readonly plans = new Map<string, InputPlan>();

  constructor(
    readonly model: Model,
    opts: RestJsonOptions = {},
  ) {
    this.router = new RestRouter(model);
    this.validator = new Validator(model);
    this.malformed = opts.malformedBody ?? ((d) => new AwsError('SerializationException', d, { status: 400 }));
  }

  route(req: HttpRequestParts): Routed | undefined {
    const key = `${req.method} ${req.rawPath}?${req.rawQuery}`;
    const hit = this.routes.get(key);
    if (hit !== undefined) return hit;
    const routed = this.router.match(req.method, req.rawPath, new URLSearchParams(req.rawQuery));
    // Only matches are remembered: misses are rare and their keys unbounded in variety.
    if (routed) {
      if (this.routes.size >= ROUTE_CACHE_MAX) this.routes.clear();
      Object.freeze(routed.labels); // shared by every request with this line
      this.routes.set(key, routed);
    }
    return routed;
  }

  private plan(shapeName: string): InputPlan {
    let plan = this.plans.get(shapeName);
    if (plan) return plan;
    const shape = this.model.structure(shapeName);
    const located: InputPlan['located'] = [];
    const boundQueryNames = new Set<string>();
    let hasQueryMembers = false;
    for (const [name, ref] of Object.entries(shape.members)) {
      if (!ref.location) continue;
      const wireName = ref.locationName ?? name;
      located.push({ name, ref, wireName, headerName: wireName.toLowerCase() });
      if (ref.location === 'querystring') {
        hasQueryMembers = true;
        boundQueryNames.add(ref.locationName ?? '');
      }
    }
    plan = { shape, located, boundQueryNames, hasQueryMembers };
    this.plans.set(shapeName, plan);
    return plan;
  }

  knowsPath(rawPath: string): boolean {
    return this.router.knowsPath(rawPath);
  }

  decode(req: HttpRequestParts, operation: Operation, labels: Record<string, string>): Record<string, unknown> {
    if (!operation.input) return {};
    const shapeName = operation.input.shape;
    const { shape, located, boundQueryNames, hasQueryMembers } = this.plan(shapeName);
    const input: Record<string, unknown> = {};
    const query = hasQueryMembers && req.rawQuery !== '' ? new URLSearchParams(req.rawQuery) : NO_QUERY;

    for (const { name, ref, wireName, headerName } of located) {
      switch (ref.location) {
        case 'uri': {
          const raw = labels[wireName];
          if (raw !== undefined) input[name] = this.scalarFromString(ref, raw, name);
          break;
        }
        case 'querystring': {
          const memberShape = this.model.shape(ref.shape);
          if (memberShape.type === 'map') {
            const m: Record<string, string> = {};
            for (const [k, v] of query) if (!boundQueryNames.has(k)) m[k] = v;
            if (Object.keys(m).length > 0) input[name] = m;
          } else if (memberShape.type === 'list') {
            const all = query.getAll(wireName);
            if (all.length > 0) input[name] = all.map((v) => this.scalarFromString(memberShape.member, v, name));
          } else {
            const v = query.get(wireName);
            if (v !== null) input[name] = this.scalarFromString(ref, v, name);
          }
          break;
        }
        case 'header': {
          const v = req.headers[headerName];
          const s = Array.isArray(v) ? v.join(',') : v;
          if (s !== undefined) input[name] = this.scalarFromString(ref, s, name);
          break;
        }
        case 'headers': {
          const prefix = headerName;
          const m: Record<string, string> = {};
          for (const [k, v] of Object.entries(req.headers)) {
            if (k.startsWith(prefix) && v !== undefined) m[k.slice(prefix.length)] = Array.isArray(v) ? v.join(',') : v;
          }
          if (Object.keys(m).length > 0) input[name] = m;
          break;
        }
        default:
          break;
      }
    }

    if (shape.payload) {
      const ref = shape.members[shape.payload];
      if (ref) this.decodePayload(shape.payload, ref, req.body, input);
    } else if (req.body.length > 0) {
      const doc = this.parseJson(req.body);
      const body = this.convert(shapeName, stripLocated(shape, doc), '');
      Object.assign(input, body);
    }

    const violations = this.validator.validate(shapeName, input);
    if (violations.length > 0) throw CommonErrors.validation(violations);
    return input;
  }

  encode(operation: Operation, output: Record<string, unknown> | undefined): HttpResponseParts {
    let status = operation.http.responseCode ?? 200;
    const headers: Record<string, string> = {};
    if (!operation.output || !output) return { status, headers, body: EMPTY };
    const shape = this.model.structure(operation.output.shape);
    for (const [name, ref] of Object.entries(shape.members)) {
      const v = output[name];
      if (v === undefined || v === null) continue;
      if (ref.location === 'statusCode') status = v as number;
      else if (ref.location === 'header') headers[ref.locationName ?? name] = headerValue(v);
      else if (ref.location === 'headers') {
        for (const [k, hv] of Object.entries(v as Record<string, string>)) headers[`${ref.locationName ?? ''}${k}`] = hv;
      }
    }
    if (shape.payload) {
      const ref = shape.members[shape.payload];
      const v = output[shape.payload];
      if (!ref || v === undefined || v === null) return { status, headers, body: EMPTY };
      const payloadShape = this.model.shape(ref.shape);
      if (payloadShape.type === 'blob') {
        headers['Content-Type'] = (output as { [CONTENT_TYPE]?: string })[CONTENT_TYPE] ?? 'application/octet-stream';
        return { status, headers, body: Buffer.isBuffer(v) ? v : Buffer.from(v as string) };
      }
      if (payloadShape.type === 'string') {
        headers['Content-Type'] = 'text/plain';
        return { status, headers, body: Buffer.from(v as string) };
      }
      headers['Content-Type'] = 'application/json';
      return { status, headers, body: Buffer.from(JSON.stringify(toJson(this.model, ref.shape, v))) };
    }
    // 204 and 304 carry no body by definition.
    if (status === 204 || status === 304) return { status, headers, body: EMPTY };
    headers['Content-Type'] = 'application/json';
    return { status, headers, body: Buffer.from(JSON.stringify(toJson(this.model, operation.output.shape, output))) };
  }

  encodeError(error: AwsError): HttpResponseParts {
    const shape = this.model.errorShape(error.code);
    const status = shape?.error?.httpStatusCode ?? error.status ?? 400;
    const headers: Record<string, string> = {
      'Content-Type': 'application/json',
      'x-amzn-ErrorType': error.code,
      ...error.headers,
    };
    const messageKey = shape && 'Message' in shape.members ? 'Message' : 'message';
    const body: Record<string, unknown> = { Type: error.type, [messageKey]: error.message };
    for (const [k, v] of Object.entries(error.fields)) {
      const ref = shape?.members[k];
      if (ref?.location === 'header') headers[ref.locationName ?? k] = headerValue(v);
      else body[k] = v;
    }
    return { status, headers, body: Buffer.from(JSON.stringify(body)) };
  }

  private decodePayload(name: string, ref: MemberRef, body: Buffer, input: Record<string, unknown>): void {
    const payloadShape = this.model.shape(ref.shape);
    if (payloadShape.type === 'blob') {
      input[name] = body;
    } else if (payloadShape.type === 'string') {
      if (body.length > 0) input[name] = body.toString('utf8');
    } else if (body.length > 0) {
      input[name] = this.convert(ref.shape, this.parseJson(body), name);
    }
  }

  private parseJson(body: Buffer): unknown {
    try {
      return JSON.parse(body.toString('utf8'));
    } catch (e) {
      throw this.malformed(`Could not parse request body into json: ${(e as Error).message}`);
    }
  }

  private convert(shapeName: string, doc: unknown, path: string): Record<string, unknown> {
    try {
      return (fromJson(this.model, shapeName, doc, path) as Record<string, unknown>) ?? {};
    } catch (e) {
      if (e instanceof JsonTypeError || e instanceof JsonDepthError) {
        throw this.malformed(`Could not parse request body into json: ${e.message}`);
      }
      throw e;
    }
  }

  private scalarFromString(ref: MemberRef, raw: string, name: string): unknown {
    const shape: Shape = this.model.shape(ref.shape);
    switch (shape.type) {
      case 'integer':
      case 'long': {
        if (!/^-?\d+$/.test(raw.trim())) throw CommonErrors.validation([`Value '${raw}' at '${lowerFirst(name)}' failed to satisfy constraint: Member must be an integer`]);
        return Number(raw);
      }
      case 'double':
      case 'float': {
        const n = Number(raw);
        if (Number.isNaN(n)) throw CommonErrors.validation([`Value '${raw}' at '${lowerFirst(name)}' failed to satisfy constraint: Member must be a number`]);
        return n;
      }
      case 'boolean':
        return raw.toLowerCase() === 'true';
      case 'timestamp':
        return new Date(/^\d+(\.\d+)?$/.test(raw) ? Number(raw) * 1000 : raw);
      default:
        return raw;
    }
  }
}

const NO_QUERY = new URLSearchParams();

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

function headerValue(v: unknown): string {
  if (v instanceof Date) return v.toUTCString();
  return String(v);
}

/** Body members only: members bound elsewhere must not be settable from the body. */
function stripLocated(shape: StructureShape, doc: unknown): unknown {
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return doc;
  const out: Record<string, unknown> = { ...(doc as Record<string, unknown>) };
  for (const [name, ref] of Object.entries(shape.members)) if (ref.location) delete out[name];
  return out;
}
