// PackedPolicySize: AWS packs a session's inline policy, managed policy ARNs and session tags into a compressed
// binary form with its own limit, and reports how much of that limit a request used, in percent. Its format is not
// public; this estimate compresses the same material (the policy without insignificant whitespace) and divides by
// a fixed budget, so small policies report a few percent and a request can still exceed 100 % with tags alone.
import { deflateRawSync } from 'node:zlib';

/** The compressed bytes that make 100 %. */
const PACKED_BUDGET_BYTES = 2048;

export function packedPolicyPercent(policy: string | undefined, policyArns: readonly string[], tags: Record<string, string>): number {
  let material = '';
  if (policy !== undefined) {
    try {
      material += JSON.stringify(JSON.parse(policy));
    } catch {
      material += policy;
    }
  }
  for (const arn of policyArns) material += `\n${arn}`;
  for (const [k, v] of Object.entries(tags)) material += `\n${k}=${v}`;
  if (material === '') return 0;
  const packed = deflateRawSync(Buffer.from(material, 'utf8')).length;
  return Math.max(1, Math.ceil((packed * 100) / PACKED_BUDGET_BYTES));
}
