// The answer to a request signed for an AWS service Lambent does not host
// (dynamodb, s3, …), in a form that service's SDK parses, so the user reads
// "Service 'dynamodb' is not available in Lambent." rather than a parse error.
// The protocol is read from the request when it shows it (X-Amz-Target: a
// json service; a form or Action=: query), else from the signing name.
import type { HttpRequestParts, HttpResponseParts } from '../protocol/codec.js';

type Wire = 'json' | 'query' | 'rest-xml' | 'rest-json';

/** Well-known signing names whose protocol the request alone does not show. */
const PROTOCOLS: Record<string, Wire> = {
  s3: 'rest-xml',
  route53: 'rest-xml',
  cloudfront: 'rest-xml',
  iam: 'query',
  sts: 'query',
  sns: 'query',
  sqs: 'query',
  cloudformation: 'query',
  ec2: 'query',
  elasticloadbalancing: 'query',
  rds: 'query',
  monitoring: 'query',
  ses: 'query',
  autoscaling: 'query',
  dynamodb: 'json',
  kinesis: 'json',
  logs: 'json',
  states: 'json',
  events: 'json',
  kms: 'json',
  secretsmanager: 'json',
  ssm: 'json',
};

export const UNHOSTED_CODE = 'UnknownServiceException';

function wireOf(signingName: string, req: Pick<HttpRequestParts, 'headers' | 'rawQuery'>): Wire {
  if (req.headers['x-amz-target'] !== undefined) return 'json';
  const ct = req.headers['content-type'];
  if ((typeof ct === 'string' && ct.startsWith('application/x-www-form-urlencoded')) || /(?:^|&)Action=/.test(req.rawQuery)) return 'query';
  return Object.prototype.hasOwnProperty.call(PROTOCOLS, signingName) ? (PROTOCOLS[signingName] as Wire) : 'rest-json';
}

/** Character references for XML's five special characters (the message's only variable part is already sanitized). */
function xmlText(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The sentence for a service Lambent does not host (the HTTP answers here, in-process calls in in-process.ts). */
export function unhostedMessage(signingName: string): string {
  return `Service '${signingName}' is not available in Lambent.`;
}

/** A 400 (not retried by any SDK) naming the service. */
export function unhostedService(signingName: string, req: Pick<HttpRequestParts, 'headers' | 'rawQuery'>, requestId: string): HttpResponseParts {
  // The name comes from the request: keep it short and printable before echoing it.
  const name = signingName.replace(/[^A-Za-z0-9._-]/g, '').slice(0, 64);
  const message = unhostedMessage(name);
  switch (wireOf(signingName, req)) {
    case 'query':
      return {
        status: 400,
        headers: { 'Content-Type': 'text/xml' },
        body: Buffer.from(
          `<ErrorResponse><Error><Type>Sender</Type><Code>${UNHOSTED_CODE}</Code><Message>${xmlText(message)}</Message></Error>` +
            `<RequestId>${requestId}</RequestId></ErrorResponse>`,
        ),
      };
    case 'rest-xml':
      return {
        status: 400,
        headers: { 'Content-Type': 'application/xml' },
        body: Buffer.from(
          `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${UNHOSTED_CODE}</Code><Message>${xmlText(message)}</Message>` +
            `<RequestId>${requestId}</RequestId></Error>`,
        ),
      };
    case 'json':
      return {
        status: 400,
        headers: { 'Content-Type': 'application/x-amz-json-1.0', 'x-amzn-ErrorType': UNHOSTED_CODE },
        body: Buffer.from(JSON.stringify({ __type: UNHOSTED_CODE, message })),
      };
    default:
      return {
        status: 400,
        headers: { 'Content-Type': 'application/json', 'x-amzn-ErrorType': UNHOSTED_CODE },
        body: Buffer.from(JSON.stringify({ Type: 'User', message })),
      };
  }
}
