// The error an SQS call fails with, as a test asserts it: the SDK's error name, the query-compatible Code the SDK
// takes from x-amzn-query-error, AWS's message and the HTTP status.
import { strict as assert } from 'node:assert';

export interface SqsFailure {
  name: string;
  code: string | undefined;
  message: string;
  status: number | undefined;
}

export async function failure(p: Promise<unknown>): Promise<SqsFailure> {
  try {
    await p;
  } catch (e) {
    const err = e as Error & { Code?: string; $metadata?: { httpStatusCode?: number } };
    return { name: err.name, code: err.Code, message: err.message, status: err.$metadata?.httpStatusCode };
  }
  assert.fail('expected the call to fail');
}
