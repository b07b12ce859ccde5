// GetFunction's Code.Location: a URL on Lambent itself that downloads the
// package without AWS credentials, valid for 10 minutes, like the presigned S3
// URL AWS hands out. The HMAC key lives in the data dir so URLs survive restarts.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CodeStore } from '../../store/code-store.js';

const PREFIX = '/_lambent/code/';
const VALID_SECONDS = 600;

// Served by the gateway as one of its internal routes (gateway/server.ts InternalRoute, matched structurally: services
// do not import the gateway).
export class CodeLocations {
  constructor(
    private readonly key: Buffer,
    private readonly code: CodeStore,
  ) {}

  url(endpoint: string, sha256Hex: string, now = Date.now()): string {
    const expires = Math.floor(now / 1000) + VALID_SECONDS;
    return `${endpoint}${PREFIX}${sha256Hex}.zip?Expires=${expires}&Signature=${this.sign(sha256Hex, expires)}`;
  }

  handle(req: IncomingMessage, res: ServerResponse, rawPath: string, rawQuery: string): boolean {
    if (!rawPath.startsWith(PREFIX)) return false;
    const fail = (status: number, code: string, message: string): true => {
      res.writeHead(status, { 'Content-Type': 'application/xml' });
      res.end(`<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`);
      return true;
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return fail(405, 'MethodNotAllowed', 'Only GET is allowed');
    const m = /^([0-9a-f]{64})\.zip$/.exec(rawPath.slice(PREFIX.length));
    const q = new URLSearchParams(rawQuery);
    const expires = Number(q.get('Expires'));
    const sig = q.get('Signature') ?? '';
    if (!m || !Number.isInteger(expires)) return fail(403, 'AccessDenied', 'Request is not signed');
    const sha = m[1] as string;
    const want = Buffer.from(this.sign(sha, expires));
    const got = Buffer.from(sig);
    if (want.length !== got.length || !timingSafeEqual(want, got)) {
      return fail(403, 'SignatureDoesNotMatch', 'The request signature does not match');
    }
    if (expires < Date.now() / 1000) return fail(403, 'AccessDenied', 'Request has expired');
    const file = this.code.pathOf(sha);
    if (!existsSync(file)) return fail(404, 'NoSuchKey', 'The specified key does not exist.');
    res.writeHead(200, { 'Content-Type': 'application/zip', 'Content-Length': statSync(file).size });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
    return true;
  }

  private sign(sha: string, expires: number): string {
    return createHmac('sha256', this.key).update(`${sha}\n${expires}`).digest('hex');
  }
}
