// The policy engine's one error: a document IAM would refuse. Its message is AWS's MalformedPolicyDocument text,
// which the IAM service (and Lambda's AddPermission) put in their own error shapes.

/** Thrown for a document IAM would refuse; `message` is AWS's MalformedPolicyDocument text. */
export class PolicySyntaxError extends Error {
  override readonly name = 'PolicySyntaxError';
}
