// SQS's query protocol as older clients speak it: like every query service, plus the queue named by the request's
// path, and SQS's MissingParameter for a required parameter left out. The AWS SDK for Java 1.x (and other query-era clients) send a queue's requests to its URL
// (POST /ACCOUNT/NAME) without a QueueUrl parameter; AWS takes the queue from the path, and so does Lambent.
import type { HttpRequestParts } from '../../protocol/codec.js';
import type { Operation } from '../../protocol/model.js';
import { QueryCodec } from '../../protocol/query/codec.js';
import { sqsDecodeError } from './missing-parameter.js';

const QUEUE_PATH_RE = /^\/\d{12}\/[A-Za-z0-9_.%-]{1,240}\/?$/;

export class SqsQueryCodec extends QueryCodec {
  override decode(req: HttpRequestParts, operation: Operation, labels: Record<string, string>): Record<string, unknown> {
    // `labels` are the request's parameters as route() parsed them (the decoder keeps only members of the input
    // shape, so a QueueUrl added to an operation without one is ignored).
    if (labels['Action'] !== undefined && labels['QueueUrl'] === undefined && QUEUE_PATH_RE.test(req.rawPath)) {
      const host = typeof req.headers['host'] === 'string' ? req.headers['host'] : 'localhost';
      labels['QueueUrl'] = `http://${host}${req.rawPath.replace(/\/$/, '')}`;
    }
    try {
      return super.decode(req, operation, labels);
    } catch (e) {
      throw sqsDecodeError(e);
    }
  }
}
