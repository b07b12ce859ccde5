// Queue URLs and ARNs. Lambent hands out AWS's URL form on its own endpoint (http://HOST/ACCOUNT/NAME) and reads
// that form back, as well as AWS's own hosts (https://sqs.REGION.amazonaws.com/ACCOUNT/NAME, the legacy
// https://queue.amazonaws.com/ACCOUNT/NAME and https://REGION.queue.amazonaws.com/...) so code and configuration
// written for AWS keep working: the host is not checked against ours, only the account and name are read.
import { isValidQueueName, queueArnOf, type QueueKey } from '../../store/queue-types.js';

const ACCOUNT_RE = /^\d{12}$/;
const AWS_HOST_RE = /^(?:sqs\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?|([a-z0-9-]+)\.queue\.amazonaws\.com|queue\.amazonaws\.com)$/;

export function queueUrl(endpoint: string, accountId: string, name: string): string {
  return `${endpoint.replace(/\/+$/, '')}/${accountId}/${name}`;
}

export function queueArn(region: string, accountId: string, name: string): string {
  return queueArnOf({ region, accountId, name });
}

/**
 * Parsed URLs by region and text: every message call names its queue by URL and a client uses a few URLs over and
 * over, so the WHATWG parse is done once per URL, not per request. Emptied when full (a hostile client sending
 * ever new URLs costs a parse each, as without the cache).
 */
const parsed = new Map<string, QueueKey | undefined>();
const PARSED_MAX = 4096;

/**
 * The queue a QueueUrl names, or undefined when it is not a queue URL at all (InvalidAddress). The region is the
 * one in an AWS host name, else the request's (a Lambent URL names no region: it serves every region).
 * The key returned is shared: callers must not modify it.
 */
export function parseQueueUrl(url: string, requestRegion: string): QueueKey | undefined {
  const cacheKey = `${requestRegion} ${url}`;
  if (parsed.has(cacheKey)) return parsed.get(cacheKey);
  const key = parseUncached(url, requestRegion);
  if (parsed.size >= PARSED_MAX) parsed.clear();
  if (key !== undefined) Object.freeze(key);
  parsed.set(cacheKey, key);
  return key;
}

function parseUncached(url: string, requestRegion: string): QueueKey | undefined {
  if (url.length > 2048) return undefined;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return undefined;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return undefined;
  const parts = u.pathname.split('/').filter((p) => p !== '');
  if (parts.length !== 2) return undefined;
  const [accountId, rawName] = parts as [string, string];
  let name: string;
  try {
    name = decodeURIComponent(rawName);
  } catch {
    return undefined;
  }
  if (!ACCOUNT_RE.test(accountId) || !isValidQueueName(name)) return undefined;
  const host = AWS_HOST_RE.exec(u.hostname);
  const region = host?.[1] ?? host?.[2] ?? requestRegion;
  return { accountId, region, name };
}


