// The contract every wire protocol (rest-json, json 1.0/1.1, query)
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
  /**
   * True when the operation is named inside the body (query protocol: `Action=` in a form): the gateway reads and
   * authenticates the body before routing. False or absent: route() looks at the request line and headers only.
   */
  readonly routesOnBody?: boolean;
  /**
   * Finds the operation a request addresses, or undefined. Cheap; parses the body only when routesOnBody.
   * A protocol whose requests name their operation (query's Action, json's X-Amz-Target) may throw its own
   * AwsError for a name it does not know (InvalidAction, UnknownOperationException), worded as AWS words it.
   * `labels`: whatever decode() needs again (URI labels; the query protocol's parsed parameters).
   */
  route(req: HttpRequestParts): { operation: Operation; labels: Record<string, string> } | undefined;
  /** Decodes and validates the input of a routed request. Throws AwsError. */
  decode(req: HttpRequestParts, operation: Operation, labels: Record<string, string>): Record<string, unknown>;
  /** Serializes a successful output for the operation (the query protocol writes the request id into the body). */
  encode(operation: Operation, output: Record<string, unknown> | undefined, requestId: string): HttpResponseParts;
  /** Serializes an error the way this protocol's SDKs parse it. */
  encodeError(error: AwsError, requestId: string): HttpResponseParts;
}
