// AWS managed policies (arn:aws:iam::aws:policy/...) known by ARN: the bundled subset in
// models/iam-managed-policies (see its NOTICE.md for what is included and why). Read once, on first use.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface AwsManagedPolicy {
  PolicyName: string;
  PolicyId: string;
  Arn: string;
  Path: string;
  DefaultVersionId: string;
  CreateDate: string;
  UpdateDate: string;
  IsAttachable: boolean;
  Description?: string;
  VersionCreateDate: string;
  /** The default version's document, JSON text. */
  Document: string;
}

let byArn: Map<string, AwsManagedPolicy> | undefined;

function load(): Map<string, AwsManagedPolicy> {
  if (byArn === undefined) {
    // dist/services/iam or src/services/iam → the repository's models/ folder.
    const url = new URL('../../../models/iam-managed-policies/aws-managed-policies.json', import.meta.url);
    const list = JSON.parse(readFileSync(fileURLToPath(url), 'utf8')) as AwsManagedPolicy[];
    byArn = new Map(list.map((p) => [p.Arn, p]));
  }
  return byArn;
}

export function awsManagedPolicy(arn: string): AwsManagedPolicy | undefined {
  return load().get(arn);
}

export function awsManagedPolicies(): AwsManagedPolicy[] {
  return [...load().values()];
}

export function isAwsManagedArn(arn: string): boolean {
  return arn.startsWith('arn:aws:iam::aws:policy/');
}
