// The condition keys a request's tags set, for every service whose tags travel as [{Key, Value}] (IAM, STS):
// aws:RequestTag/KEY per tag and aws:TagKeys for the keys.
export function requestTagConditions(tags: unknown, out: Record<string, string | string[]>): void {
  if (!Array.isArray(tags)) return;
  const keys: string[] = [];
  for (const t of tags) {
    if (t === null || typeof t !== 'object') continue;
    const k = (t as Record<string, unknown>)['Key'];
    const v = (t as Record<string, unknown>)['Value'];
    if (typeof k !== 'string') continue;
    keys.push(k);
    if (typeof v === 'string') out[`aws:RequestTag/${k}`] = v;
  }
  if (keys.length > 0) out['aws:TagKeys'] = keys;
}
