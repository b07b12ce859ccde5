// Input validation driven by the model's constraints (required, length, range,
// enum, pattern), producing AWS's "N validation errors detected: Value 'x' at
// 'memberPath' failed to satisfy constraint: ..." messages.
import type { Model, MemberRef, Shape } from './model.js';

const patternCache = new Map<string, RegExp | null>();

/** Java-style full-match pattern compiled for JS; null when JS cannot express it (then it is not enforced). */
function compilePattern(pattern: string): RegExp | null {
  const cached = patternCache.get(pattern);
  if (cached !== undefined) return cached;
  let re: RegExp | null = null;
  for (const flags of ['u', '']) {
    try {
      re = new RegExp(`^(?:${pattern})$`, flags);
      break;
    } catch {
      // try the next flavour; some model patterns are not valid under the u flag
    }
  }
  patternCache.set(pattern, re);
  return re;
}

/** AWS names fields in messages by the member name with a lower-case first letter. */
function fieldName(member: string): string {
  return member.charAt(0).toLowerCase() + member.slice(1);
}

/** Renders a value as AWS's (Java) toString does in validation messages. */
export function renderValue(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Buffer.isBuffer(value)) return `java.nio.HeapByteBuffer[pos=0 lim=${value.length} cap=${value.length}]`;
  if (Array.isArray(value)) return `[${value.map(renderValue).join(', ')}]`;
  if (typeof value === 'object') {
    return `{${Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${k}=${renderValue(v)}`)
      .join(', ')}}`;
  }
  return String(value);
}

function quoted(value: unknown): string {
  return value === null || value === undefined ? 'null' : `'${renderValue(value)}'`;
}

/** A number as Java prints it for the shape: doubles and floats always carry a fraction ("1.0"). */
function renderNumber(shape: Shape, n: number): string {
  return (shape.type === 'double' || shape.type === 'float') && Number.isInteger(n) ? n.toFixed(1) : String(n);
}

/** A map as AWS renders it in messages, numbers formatted by the value shape: {2=0.5}. */
function renderMap(value: Record<string, unknown>, valShape: Shape): string {
  return `{${Object.entries(value)
    .map(([k, v]) => `${k}=${typeof v === 'number' ? renderNumber(valShape, v) : renderValue(v)}`)
    .join(', ')}}`;
}

/** Every constraint of a scalar shape, in AWS's order (map key/value messages list them all). */
function allConstraints(shape: Shape): string[] {
  const out: string[] = [];
  switch (shape.type) {
    case 'string':
    case 'blob':
      if (shape.max !== undefined) out.push(`Member must have length less than or equal to ${shape.max}`);
      if (shape.min !== undefined) out.push(`Member must have length greater than or equal to ${shape.min}`);
      if (shape.type === 'string' && shape.enum) out.push(`Member must satisfy enum value set: [${shape.enum.join(', ')}]`);
      if (shape.type === 'string' && shape.pattern) out.push(`Member must satisfy regular expression pattern: ${shape.pattern}`);
      break;
    case 'integer':
    case 'long':
    case 'double':
    case 'float':
      if (shape.max !== undefined) out.push(`Member must have value less than or equal to ${renderNumber(shape, shape.max)}`);
      if (shape.min !== undefined) out.push(`Member must have value greater than or equal to ${renderNumber(shape, shape.min)}`);
      break;
    default:
      break;
  }
  return out;
}

/** Constraint sentences for one scalar shape, without the "Value ... at ..." prefix. */
function scalarViolations(shape: Shape, value: unknown): string[] {
  const out: string[] = [];
  switch (shape.type) {
    case 'string': {
      if (typeof value !== 'string') break;
      const len = [...value].length;
      if (shape.max !== undefined && len > shape.max) out.push(`Member must have length less than or equal to ${shape.max}`);
      if (shape.min !== undefined && len < shape.min) out.push(`Member must have length greater than or equal to ${shape.min}`);
      if (shape.enum && !shape.enum.includes(value)) out.push(`Member must satisfy enum value set: [${shape.enum.join(', ')}]`);
      if (shape.pattern) {
        const re = compilePattern(shape.pattern);
        if (re && !re.test(value)) out.push(`Member must satisfy regular expression pattern: ${shape.pattern}`);
      }
      break;
    }
    case 'integer':
    case 'long':
    case 'double':
    case 'float': {
      if (typeof value !== 'number') break;
      if (shape.max !== undefined && value > shape.max) {
        out.push(`Member must have value less than or equal to ${renderNumber(shape, shape.max)}`);
      }
      if (shape.min !== undefined && value < shape.min) {
        out.push(`Member must have value greater than or equal to ${renderNumber(shape, shape.min)}`);
      }
      break;
    }
    case 'blob': {
      if (!Buffer.isBuffer(value)) break;
      if (shape.max !== undefined && value.length > shape.max) out.push(`Member must have length less than or equal to ${shape.max}`);
      if (shape.min !== undefined && value.length < shape.min) out.push(`Member must have length greater than or equal to ${shape.min}`);
      break;
    }
    default:
      break;
  }
  return out;
}

export class Validator {
  constructor(private readonly model: Model) {}

  /** Returns AWS-formatted violation sentences for an input structure (empty when valid). */
  validate(shapeName: string, input: Record<string, unknown>): string[] {
    const errors: string[] = [];
    this.visitStructure(shapeName, input, '', errors);
    return errors;
  }

  private visitStructure(shapeName: string, value: Record<string, unknown>, prefix: string, errors: string[]): void {
    const shape = this.model.structure(shapeName);
    for (const req of shape.required ?? []) {
      if (value[req] === undefined || value[req] === null) {
        errors.push(`Value null at '${prefix}${fieldName(req)}' failed to satisfy constraint: Member must not be null`);
      }
    }
    for (const [name, ref] of Object.entries(shape.members)) {
      const v = value[name];
      if (v === undefined || v === null) continue;
      this.visitMember(ref, v, `${prefix}${fieldName(name)}`, errors);
    }
  }

  private visitMember(ref: MemberRef, value: unknown, path: string, errors: string[]): void {
    const shape = this.model.shape(ref.shape);
    switch (shape.type) {
      case 'structure':
        if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
          this.visitStructure(ref.shape, value as Record<string, unknown>, `${path}.`, errors);
        }
        return;
      case 'list': {
        if (!Array.isArray(value)) return;
        const own: string[] = [];
        if (shape.max !== undefined && value.length > shape.max) own.push(`Member must have length less than or equal to ${shape.max}`);
        if (shape.min !== undefined && value.length < shape.min) own.push(`Member must have length greater than or equal to ${shape.min}`);
        for (const o of own) errors.push(`Value ${quoted(value)} at '${path}' failed to satisfy constraint: ${o}`);
        const memberShape = this.model.shape(shape.member.shape);
        if (memberShape.type === 'structure') {
          value.forEach((item, i) => {
            if (item && typeof item === 'object') {
              this.visitStructure(shape.member.shape, item as Record<string, unknown>, `${path}.${i + 1}.member.`, errors);
            }
          });
          return;
        }
        // AWS reports member violations once for the whole list, as a bracketed constraint list.
        const inner = new Set<string>();
        for (const item of value) {
          if (item === null || item === undefined) inner.add('Member must not be null');
          for (const v of scalarViolations(memberShape, item)) inner.add(v);
        }
        if (inner.size > 0) {
          errors.push(
            `Value ${quoted(value)} at '${path}' failed to satisfy constraint: Member must satisfy constraint: [${[...inner].join(', ')}]`,
          );
        }
        return;
      }
      case 'map': {
        if (typeof value !== 'object' || value === null) return;
        const entries = Object.entries(value as Record<string, unknown>);
        const keyShape = this.model.shape(shape.key.shape);
        const valShape = this.model.shape(shape.value.shape);
        let badKey = false;
        let badValue = false;
        for (const [k, v] of entries) {
          if (scalarViolations(keyShape, k).length > 0) badKey = true;
          if (v === null || v === undefined || scalarViolations(valShape, v).length > 0) badValue = true;
        }
        const shown = `'${renderMap(value as Record<string, unknown>, valShape)}'`;
        if (shape.max !== undefined && entries.length > shape.max) {
          errors.push(`Value ${shown} at '${path}' failed to satisfy constraint: Member must have length less than or equal to ${shape.max}`);
        }
        // AWS lists every constraint of the key (or value) shape once any entry violates one of them.
        if (badKey) {
          errors.push(`Value ${shown} at '${path}' failed to satisfy constraint: Map keys must satisfy constraint: [${allConstraints(keyShape).join(', ')}]`);
        }
        if (badValue) {
          const constraints = [...allConstraints(valShape), 'Member must not be null'];
          errors.push(`Value ${shown} at '${path}' failed to satisfy constraint: Map value must satisfy constraint: [${constraints.join(', ')}]`);
        }
        if (valShape.type === 'structure') {
          for (const [k, v] of entries) {
            if (v && typeof v === 'object') this.visitStructure(shape.value.shape, v as Record<string, unknown>, `${path}.${k}.`, errors);
          }
        }
        return;
      }
      default:
        for (const v of scalarViolations(shape, value)) {
          errors.push(`Value ${quoted(value)} at '${path}' failed to satisfy constraint: ${v}`);
        }
    }
  }
}
