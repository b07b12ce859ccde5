// The context keys a policy reads (IAM's GetContextKeysForCustomPolicy / …ForPrincipalPolicy): every condition
// key and every policy variable, as the document wrote them, each once (compared without case, as IAM does).
import { operandTemplates } from './conditions.js';
import type { ParsedPolicy } from './parse.js';
import { templateVariables } from './template.js';

export function contextKeysOf(policies: readonly ParsedPolicy[]): string[] {
  const seen = new Map<string, string>();
  const add = (key: string): void => {
    const k = key.toLowerCase();
    if (!seen.has(k)) seen.set(k, key);
  };
  for (const policy of policies) {
    for (const st of policy.statements) {
      for (const r of st.resources ?? []) for (const v of templateVariables(r.template)) add(v);
      for (const t of st.conditions) {
        add(t.keyAsWritten);
        for (const tpl of operandTemplates(t)) for (const v of templateVariables(tpl)) add(v);
      }
    }
  }
  return [...seen.values()];
}
