// The Lambda Runtime API for one execution environment, on bare node:http.
// The invoke layer calls dispatch() with one invocation at a time; the runtime
// long-polls GET /next for it and posts its outcome back.
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { MAX_HEADER_BYTES, onClientError } from './client-error.js';
import { DEFAULT_MAX_RESPONSE_BYTES } from './errors.js';
import { route } from './router.js';
import { RuntimeApiState } from './state.js';
import type { InvocationOutcome, RuntimeApiEvents, RuntimeApiOptions, RuntimeInvocation } from './types.js';

export class RuntimeApiEndpoint {
  /** "host:port", the value for AWS_LAMBDA_RUNTIME_API. */
  readonly address: string;

  private constructor(
    private readonly server: Server,
    private readonly state: RuntimeApiState,
    address: string,
  ) {
    this.address = address;
  }

  static listen(events: RuntimeApiEvents = {}, opts: RuntimeApiOptions = {}): Promise<RuntimeApiEndpoint> {
    const host = opts.host ?? '127.0.0.1';
    const state = new RuntimeApiState(events, opts.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES);
    const server = createServer(
      { noDelay: true, requireHostHeader: false, requestTimeout: 0, maxHeaderSize: MAX_HEADER_BYTES },
      (req: IncomingMessage, res: ServerResponse) => route(state, req, res),
    );
    // The runtime holds its connection across invocations; never time it out.
    server.keepAliveTimeout = 0;
    server.requestTimeout = 0;
    server.headersTimeout = 60_000;
    // One runtime per endpoint; a handful of connections is plenty (AWS's client uses 2-3).
    server.maxConnections = 64;
    server.on('clientError', onClientError);
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, host, () => {
        server.removeListener('error', reject);
        const a = server.address() as AddressInfo;
        const h = a.family === 'IPv6' ? `[${a.address}]` : a.address;
        resolve(new RuntimeApiEndpoint(server, state, `${h}:${a.port}`));
      });
    });
  }

  /** Hands one invocation to the runtime (on its next /next) and resolves with its outcome. One at a time. */
  dispatch(inv: RuntimeInvocation): Promise<InvocationOutcome> {
    return this.state.dispatch(inv);
  }

  /**
   * Whether the runtime received the in-flight invocation. When the environment dies before that, the
   * invocation never ran and can be retried on a fresh environment.
   */
  get delivered(): boolean {
    return this.state.delivered;
  }

  /** Abandons the in-flight invocation: later posts for it get 400, dispatch() rejects with reason. */
  abort(reason: Error): void {
    this.state.abort(reason);
  }

  close(): Promise<void> {
    this.state.close();
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }
}
