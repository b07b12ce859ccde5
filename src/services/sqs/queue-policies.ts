// Queue policies (the Policy attribute) as the authorizer reads them, and the statements AddPermission writes and
// RemovePermission removes, in AWS's document form:
//   {"Version":"2012-10-17","Id":"ARN/SQSDefaultPolicy","Statement":[{"Sid":LABEL,"Effect":"Allow",
//    "Principal":{"AWS":"arn:aws:iam::ACCOUNT:root"},"Action":"SQS:SendMessage","Resource":ARN}]}
import type { QueueStore } from '../../store/queue-types.js';
import type { ResourcePolicySource } from '../identity.js';
import { SqsErrors } from './errors.js';

/** Actions AddPermission may grant (AWS refuses the queue-management ones). */
const GRANTABLE = new Set([
  '*',
  'SendMessage',
  'ReceiveMessage',
  'DeleteMessage',
  'ChangeMessageVisibility',
  'GetQueueAttributes',
  'GetQueueUrl',
  'PurgeQueue',
  'ListDeadLetterSourceQueues',
]);
const LABEL_RE = /^[A-Za-z0-9_-]{1,80}$/;
const ACCOUNT_RE = /^\d{12}$/;

export class QueuePolicies implements ResourcePolicySource {
  private gen = 0;

  constructor(private readonly queues: QueueStore) {}

  policyFor(arn: string): Promise<string | undefined> {
    const policy = this.queues.getQueueByArn(arn)?.attributes['Policy'];
    return Promise.resolve(policy === undefined || policy === '' ? undefined : policy);
  }

  generation(): number {
    return this.gen;
  }

  /** A queue's policy changed, or a queue was created or deleted (a new queue of an old name has no policy). */
  changed(): void {
    this.gen++;
  }
}

interface Statement {
  Sid?: unknown;
  [k: string]: unknown;
}
interface PolicyDoc {
  Version?: unknown;
  Id?: unknown;
  Statement?: unknown;
  [k: string]: unknown;
}

function parsePolicy(text: string | undefined, arn: string): PolicyDoc & { Statement: Statement[] } {
  if (text === undefined || text === '') return { Version: '2012-10-17', Id: `${arn}/SQSDefaultPolicy`, Statement: [] };
  const doc = JSON.parse(text) as PolicyDoc;
  const st = doc.Statement;
  return { ...doc, Statement: Array.isArray(st) ? (st as Statement[]) : st !== undefined && st !== null ? [st as Statement] : [] };
}

/** The Policy after AddPermission: a statement per label granting the accounts the actions. */
export function addPermission(policy: string | undefined, arn: string, label: string, accounts: readonly string[], actions: readonly string[]): string {
  if (!LABEL_RE.test(label)) throw SqsErrors.invalidParameter(label, 'Label', 'Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length');
  if (accounts.length === 0) throw SqsErrors.missingParameter('AWSAccountIds');
  if (actions.length === 0) throw SqsErrors.missingParameter('Actions');
  for (const a of accounts) if (!ACCOUNT_RE.test(a)) throw SqsErrors.invalidParameter(a, 'PrincipalId', 'Unable to verify.');
  for (const a of actions) if (!GRANTABLE.has(a)) throw SqsErrors.invalidParameter(`SQS:${a}`, 'ActionName', 'Only the queue owner is allowed to invoke this action.');
  const doc = parsePolicy(policy, arn);
  if (doc.Statement.some((s) => s.Sid === label)) throw SqsErrors.invalidParameter(label, 'Label', 'Already exists.');
  const principals = accounts.map((a) => `arn:aws:iam::${a}:root`);
  const names = actions.map((a) => `SQS:${a}`);
  doc.Statement.push({
    Sid: label,
    Effect: 'Allow',
    Principal: { AWS: principals.length === 1 ? principals[0] : principals },
    Action: names.length === 1 ? names[0] : names,
    Resource: arn,
  });
  return JSON.stringify(doc);
}

/** The Policy after RemovePermission ('' when no statement is left: the attribute goes). */
export function removePermission(policy: string | undefined, arn: string, label: string): string {
  const doc = parsePolicy(policy, arn);
  const kept = doc.Statement.filter((s) => s.Sid !== label);
  if (kept.length === doc.Statement.length) throw SqsErrors.invalidParameter(label, 'Label', "can't find label on existing policy.");
  return kept.length === 0 ? '' : JSON.stringify({ ...doc, Statement: kept });
}
