// The Lambda Runtime API for one execution environment, on bare node:http.
// The invoke layer calls dispatch() with one invocation at a time; the runtime
// long-polls GET /next for it and posts its outcome back.
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo, Server as NetServer, Socket } from 'node:net';

import { MAX_HEADER_BYTES, onClientError } from './client-error.js';
import { DEFAULT_MAX_RESPONSE_BYTES } from './errors.js';
import { route } from './router.js';
import { RuntimeApiState } from './state.js';
import type { InvocationOutcome, RuntimeApiEvents, RuntimeApiOptions, RuntimeInvocation } from './types.js';

const RUNTIME_API_PREFIX = '/2018-06-01/';

export class RuntimeApiEndpoint {
  /** "host:port", the value for AWS_LAMBDA_RUNTIME_API. */
  readonly address: string;

  /** A listener inside a sandbox's network namespace (adopt()); the server then listens on nothing of the host. */
  private listener: NetServer | undefined;

  private constructor(
    private readonly server: Server,
    private readonly state: RuntimeApiState,
    address: string,
  ) {
    this.address = address;
  }

  /**
   * An endpoint for a sandbox with its own network namespace: AWS_LAMBDA_RUNTIME_API is 127.0.0.1:9001 there, and
   * the listening socket, made inside that namespace, is handed over with adopt() before the runtime starts.
   */
  static inNamespace(events: RuntimeApiEvents = {}, opts: RuntimeApiOptions = {}, address = '127.0.0.1:9001'): RuntimeApiEndpoint {
    const { server, state } = RuntimeApiEndpoint.serve(events, opts);
    return new RuntimeApiEndpoint(server, state, address);
  }

  /** Serves this endpoint on a listening socket (one per endpoint; a second one is closed). */
  adopt(listener: NetServer): void {
    if (this.listener) {
      listener.close();
      return;
    }
    this.listener = listener;
    listener.maxConnections = 64;
    listener.on('error', () => undefined);
    listener.on('connection', (socket: Socket) => {
      socket.setNoDelay(true);
      this.server.emit('connection', socket);
    });
  }

  private static serve(events: RuntimeApiEvents, opts: RuntimeApiOptions): { server: Server; state: RuntimeApiState } {
    const state = new RuntimeApiState(events, opts.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES);
    const server = createServer(
      { noDelay: true, requireHostHeader: false, requestTimeout: 0, maxHeaderSize: MAX_HEADER_BYTES },
      opts.aws
        ? (req: IncomingMessage, res: ServerResponse) => {
            if (req.url?.startsWith(RUNTIME_API_PREFIX) === false) (opts.aws as NonNullable<RuntimeApiOptions['aws']>)(req, res);
            else route(state, req, res);
          }
        : (req: IncomingMessage, res: ServerResponse) => route(state, req, res),
    );
    // The runtime holds its connection across invocations; never time it out.
    server.keepAliveTimeout = 0;
    server.requestTimeout = 0;
    server.headersTimeout = 60_000;
    // One runtime per endpoint; a handful of connections is plenty (AWS's client uses 2-3).
    server.maxConnections = 64;
    server.on('clientError', onClientError);
    return { server, state };
  }

  /** An endpoint on a port of the host's loopback (sandboxes that share the host's network; tests). */
  static listen(events: RuntimeApiEvents = {}, opts: RuntimeApiOptions = {}): Promise<RuntimeApiEndpoint> {
    const host = opts.host ?? '127.0.0.1';
    const { server, state } = RuntimeApiEndpoint.serve(events, opts);
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
    if (this.listener) {
      this.listener.close();
      this.server.closeAllConnections();
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }
}
