// The contract every wire protocol (rest-json now; json 1.0/1.1 and query later)
// fulfils, so the gateway and services never depend on a protocol's details.
import type { IncomingHttpHeaders } from 'node:http';
import type { AwsError } from './errors.js';
import type { Model, Operation } from './model.js';

export interface HttpRequestParts {
  method: string;
  /** Path as on the request line, still percent-encoded, without the query. */
  rawPath: string;
  /** Query as on the request line without '?', possibly ''. */
  rawQuery: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface HttpResponseParts {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

export interface DecodedRequest {
  operation: Operation;
  input: Record<string, unknown>;
}

export interface ProtocolCodec {
  readonly model: Model;
  /** Finds the operation a request addresses, or undefined. Cheap; no body parsing. */
  route(req: HttpRequestParts): { operation: Operation; labels: Record<string, string> } | undefined;
  /** Decodes and validates the input of a routed request. Throws AwsError. */
  decode(req: HttpRequestParts, operation: Operation, labels: Record<string, string>): Record<string, unknown>;
  /** Serializes a successful output for the operation. */
  encode(operation: Operation, output: Record<string, unknown> | undefined): HttpResponseParts;
  /** Serializes an error the way this protocol's SDKs parse it. */
  encodeError(error: AwsError): HttpResponseParts;
}
