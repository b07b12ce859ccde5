// What the front door allows a client before (and while) it proves who it is: how many connections, how long
// headers may take, how slowly a body may arrive, and how many body bytes of not-yet-authenticated requests
// may be held in memory at once. Resolved by config (flags/env), applied by the gateway and its HTTP server.

export interface FrontDoorLimits {
  /** Open client connections; beyond it new ones are closed on accept (one log line per minute says so). */
  maxConnections: number;
  /** A request's headers must be complete this long after its first byte (or after the connection opened). */
  headersTimeoutMs: number;
  /**
   * A request body must keep arriving: each window of this length has to bring at least BODY_MIN_BYTES_PER_S
   * per second of it, or the request is answered 408 and the connection closed. No bound on the total time,
   * so a large upload over a slow link still gets through; the response may take as long as the invoke does.
   */
  bodyTimeoutMs: number;
  /** Body bytes of requests whose signature is not verified yet, over every connection. */
  unauthenticatedBodyBytes: number;
}

/** The slowest body Lambent waits for: 1 KiB/s (a slowloris trickle is far below; any real link far above). */
export const BODY_MIN_BYTES_PER_S = 1024;

export const DEFAULT_FRONT_DOOR_LIMITS: FrontDoorLimits = {
  maxConnections: 1024,
  headersTimeoutMs: 60_000,
  bodyTimeoutMs: 30_000,
  unauthenticatedBodyBytes: 64 * 1024 * 1024,
};
