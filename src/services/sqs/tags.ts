// Queue tags: at most 50 per queue; keys 1–128 characters, values up to 256 (AWS's tag rules for SQS).
import { SqsErrors } from './errors.js';

export const MAX_TAGS = 50;

export function validateTags(tags: Readonly<Record<string, string>>): void {
  for (const [k, v] of Object.entries(tags)) {
    if (k.length < 1 || k.length > 128) throw SqsErrors.invalidParameterValue('Tag keys must be between 1 and 128 characters in length.');
    if (v.length > 256) throw SqsErrors.invalidParameterValue('Tag values must be less than 256 characters in length.');
  }
}
