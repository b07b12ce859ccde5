// Types for AWS's botocore service models (service-2.json) and a loader for the
// models vendored under models/. The model is the single source of truth for
// routing, parsing, validation, serialization and error shapes.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export type MemberLocation = 'uri' | 'querystring' | 'header' | 'headers' | 'statusCode';

export interface MemberRef {
  shape: string;
  location?: MemberLocation;
  locationName?: string;
  idempotencyToken?: boolean;
  eventpayload?: boolean;
  /** Query/XML protocols: a list or map member written without its wrapper element. */
  flattened?: boolean;
  /** ec2 query protocol: the parameter name, when it differs from locationName. */
  queryName?: string;
  xmlNamespace?: { uri: string };
}

interface ShapeBase {
  documentation?: string;
  deprecated?: boolean;
  sensitive?: boolean;
}

export interface StructureShape extends ShapeBase {
  type: 'structure';
  members: Record<string, MemberRef>;
  required?: string[];
  payload?: string;
  error?: { httpStatusCode: number; senderFault?: boolean; code?: string };
  exception?: boolean;
  fault?: boolean;
  eventstream?: boolean;
  event?: boolean;
}
export interface StringShape extends ShapeBase {
  type: 'string';
  min?: number;
  max?: number;
  pattern?: string;
  enum?: string[];
}
export interface NumberShape extends ShapeBase {
  type: 'integer' | 'long' | 'double' | 'float';
  min?: number;
  max?: number;
  box?: boolean;
}
export interface ListShape extends ShapeBase {
  type: 'list';
  member: MemberRef;
  flattened?: boolean;
  min?: number;
  max?: number;
}
export interface MapShape extends ShapeBase {
  type: 'map';
  key: MemberRef;
  value: MemberRef;
  flattened?: boolean;
  locationName?: string;
  min?: number;
  max?: number;
}
export interface BlobShape extends ShapeBase {
  type: 'blob';
  min?: number;
  max?: number;
  streaming?: boolean;
}
export interface BooleanShape extends ShapeBase {
  type: 'boolean';
  box?: boolean;
}
export interface TimestampShape extends ShapeBase {
  type: 'timestamp';
  timestampFormat?: 'iso8601' | 'unixTimestamp' | 'rfc822';
}

export type Shape =
  | StructureShape
  | StringShape
  | NumberShape
  | ListShape
  | MapShape
  | BlobShape
  | BooleanShape
  | TimestampShape;

export interface Operation {
  name: string;
  http: { method: string; requestUri: string; responseCode?: number };
  input?: { shape: string };
  /** resultWrapper: the query protocol's `<OpResult>` element name. */
  output?: { shape: string; resultWrapper?: string };
  errors?: { shape: string }[];
  deprecated?: boolean;
}

export interface ServiceModel {
  metadata: {
    apiVersion: string;
    endpointPrefix: string;
    protocol: string;
    protocols?: string[];
    signingName?: string;
    serviceId: string;
    targetPrefix?: string;
    jsonVersion?: string;
    timestampFormat?: string;
    /** Query protocol: the namespace of every response document. */
    xmlNamespace?: string;
    /** json protocol services that used to speak query (SQS): errors also carry their query-era code. */
    awsQueryCompatible?: Record<string, unknown>;
  };
  operations: Record<string, Operation>;
  shapes: Record<string, Shape>;
}

export interface Paginator {
  input_token: string | string[];
  output_token: string | string[];
  limit_key?: string;
  result_key?: string | string[];
}

/** A loaded model with lookup helpers that fail loudly on a broken model. */
export class Model {
  readonly paginators: Record<string, Paginator>;
  constructor(
    readonly raw: ServiceModel,
    paginators: Record<string, Paginator> = {},
  ) {
    this.paginators = paginators;
  }

  get protocol(): string {
    return this.raw.metadata.protocol;
  }

  shape(name: string): Shape {
    const s = this.raw.shapes[name];
    if (!s) throw new Error(`model ${this.raw.metadata.serviceId}: no shape ${name}`);
    return s;
  }

  structure(name: string): StructureShape {
    const s = this.shape(name);
    if (s.type !== 'structure') throw new Error(`shape ${name} is ${s.type}, not a structure`);
    return s;
  }

  operation(name: string): Operation {
    const op = this.raw.operations[name];
    if (!op) throw new Error(`model ${this.raw.metadata.serviceId}: no operation ${name}`);
    return op;
  }

  get operationNames(): string[] {
    return Object.keys(this.raw.operations);
  }

  /** Error shape names, for mapping a typed error code to its HTTP status and message field. */
  errorShape(code: string): StructureShape | undefined {
    const s = this.raw.shapes[code];
    return s && s.type === 'structure' && s.exception ? s : undefined;
  }
}

const modelsRoot = new URL('../../models/', import.meta.url);
const cache = new Map<string, Model>();

/** Loads a vendored model by folder name (e.g. "lambda"); parsed once per process. */
export function loadModel(service: string): Model {
  const cached = cache.get(service);
  if (cached) return cached;
  const dir = new URL(`${service}/`, modelsRoot);
  const raw = JSON.parse(readFileSync(fileURLToPath(new URL('service-2.json', dir)), 'utf8')) as ServiceModel;
  let paginators: Record<string, Paginator> = {};
  try {
    const p = JSON.parse(readFileSync(fileURLToPath(new URL('paginators-1.json', dir)), 'utf8')) as {
      pagination: Record<string, Paginator>;
    };
    paginators = p.pagination;
  } catch {
    // Paginators are optional metadata.
  }
  const model = new Model(raw, paginators);
  cache.set(service, model);
  return model;
}
