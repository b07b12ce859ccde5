#!/usr/bin/env node
// Generates src/services/<service>/api-types.ts from the vendored botocore model
// models/<service>/service-2.json: one TypeScript type per structure and enum
// shape, plus the OperationName union and the Operations input/output map.
//
//   node scripts/gen-api-types.mjs lambda [sqs ...]   write the files
//   node scripts/gen-api-types.mjs lambda --check     exit 1 if a file on disk is stale
//   --root=DIR                                        repository root (default: this script's parent)
//
// Mapping: structure -> interface (members optional unless `required`);
// enum string -> string-literal union + `<Name>Values` const; list -> T[];
// map -> Record<string, V>; blob -> Buffer; timestamp -> Date; numbers -> number.
// Scalar shapes get no alias (botocore has shapes named String, Date, Blob, ...):
// their TS type is inlined where they are used. Lists and maps are inlined too.
// Plain Node, no dependencies; output is deterministic.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const PRINT_WIDTH = 120;
const DOC_MAX = 160;
const SCRIPT = 'scripts/gen-api-types.mjs';

/**
 * Names a generated declaration may not take: globals the generated code (or code importing it)
 * relies on, TS built-in types, and the names this generator emits itself. A structure or enum
 * shape with such a name is emitted as `<Name>Shape`.
 */
const RESERVED = new Set([
  // referenced by the generated code
  'Buffer', 'Date', 'Record',
  // the generator's own exports
  'OperationName', 'Operations',
  // ECMAScript / TS lib globals that would be confusing (or break code) if shadowed
  'Array', 'ArrayBuffer', 'BigInt', 'Boolean', 'DataView', 'Error', 'Function', 'Infinity', 'Iterable',
  'Iterator', 'JSON', 'Map', 'Math', 'NaN', 'Number', 'Object', 'Promise', 'Proxy', 'ReadonlyArray',
  'Reflect', 'RegExp', 'Set', 'String', 'Symbol', 'WeakMap', 'WeakSet', 'Uint8Array',
  'Partial', 'Required', 'Readonly', 'Pick', 'Omit', 'Exclude', 'Extract', 'NonNullable', 'ReturnType',
  'Parameters', 'Awaited', 'InstanceType',
  // Node / web globals from @types/node
  'Blob', 'File', 'Headers', 'Request', 'Response', 'URL', 'URLSearchParams', 'Event', 'EventTarget',
  'AbortController', 'AbortSignal', 'TextEncoder', 'TextDecoder', 'NodeJS', 'Timestamp',
  // TS keywords / primitive type names
  'any', 'bigint', 'boolean', 'never', 'null', 'number', 'object', 'string', 'symbol', 'undefined',
  'unknown', 'void', 'type', 'interface', 'enum', 'class', 'const', 'let', 'var', 'function',
]);

const NUMERIC = new Set(['integer', 'long', 'double', 'float', 'short', 'byte', 'bigdecimal', 'biginteger']);

// ---------------------------------------------------------------------------------------------------------
// CLI

function usage(message) {
  if (message) console.error(`gen-api-types: ${message}`);
  console.error(`usage: node ${SCRIPT} <service> [<service> ...] [--check] [--root=DIR]`);
  process.exit(2);
}

function main(argv) {
  let check = false;
  let root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const services = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--check') check = true;
    else if (arg === '--root') root = resolve(argv[++i] ?? usage('--root needs a directory'));
    else if (arg.startsWith('--root=')) root = resolve(arg.slice('--root='.length));
    else if (arg === '-h' || arg === '--help') usage();
    else if (arg.startsWith('-')) usage(`unknown option ${arg}`);
    else if (!/^[a-z0-9][a-z0-9._-]*$/i.test(arg)) usage(`bad service folder name ${JSON.stringify(arg)}`);
    else if (!services.includes(arg)) services.push(arg);
  }
  if (services.length === 0) usage('no service given');

  let stale = 0;
  for (const service of services) {
    const modelRel = `models/${service}/service-2.json`;
    const outRel = `src/services/${service}/api-types.ts`;
    const modelPath = join(root, modelRel);
    const outPath = join(root, outRel);
    if (!existsSync(modelPath)) usage(`no model at ${modelRel}`);
    let model;
    try {
      model = JSON.parse(readFileSync(modelPath, 'utf8'));
    } catch (err) {
      console.error(`gen-api-types: cannot read ${modelRel}: ${err.message}`);
      process.exit(2);
    }
    let text;
    try {
      text = generate(model, service);
    } catch (err) {
      console.error(`gen-api-types: ${modelRel}: ${err.message}`);
      process.exit(2);
    }
    const current = existsSync(outPath) ? readFileSync(outPath, 'utf8') : undefined;
    if (check) {
      if (current === text) continue;
      stale++;
      const why = current === undefined ? 'is missing' : `differs from the model (${firstDifference(current, text)})`;
      console.error(`gen-api-types: ${outRel} ${why}; run: node ${SCRIPT} ${service}`);
    } else if (current !== text) {
      mkdirSync(dirname(outPath), { recursive: true });
      writeFileSync(outPath, text);
      console.log(`gen-api-types: wrote ${outRel} (${Buffer.byteLength(text)} bytes)`);
    } else {
      console.log(`gen-api-types: ${outRel} is up to date`);
    }
  }
  if (stale > 0) process.exit(1);
}

function firstDifference(a, b) {
  const al = a.split('\n');
  const bl = b.split('\n');
  for (let i = 0; i < Math.max(al.length, bl.length); i++) {
    if (al[i] !== bl[i]) {
      const want = bl[i] === undefined ? '<end of file>' : JSON.stringify(bl[i].trim().slice(0, 80));
      return `first at line ${i + 1}, expected ${want}`;
    }
  }
  return 'line endings or trailing bytes';
}

// ---------------------------------------------------------------------------------------------------------
// Generation

function generate(model, service) {
  const shapes = model.shapes ?? {};
  const operations = model.operations ?? {};
  const names = assignNames(shapes);
  const byCodeUnit = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

  const typeOf = (ref, where) => {
    const target = ref?.shape;
    const shape = target === undefined ? undefined : shapes[target];
    if (!shape) throw new Error(`${where} refers to unknown shape ${JSON.stringify(target)}`);
    if (names.has(target)) return names.get(target);
    switch (shape.type) {
      case 'string':
        return 'string';
      case 'boolean':
        return 'boolean';
      case 'blob':
        return 'Buffer';
      case 'timestamp':
        return 'Date';
      case 'list': {
        const item = typeOf(shape.member, `${target}.member`);
        return /^[\w$.]+(\[\])*$/.test(item) ? `${item}[]` : `Array<${item}>`;
      }
      case 'map':
        return `Record<string, ${typeOf(shape.value, `${target}.value`)}>`;
      default:
        if (NUMERIC.has(shape.type)) return 'number';
        throw new Error(`shape ${target} has unsupported type ${JSON.stringify(shape.type)}`);
    }
  };

  const out = [];
  const apiVersion = model.metadata?.apiVersion ? ` (API version ${model.metadata.apiVersion})` : '';
  out.push(
    `// Generated from models/${service}/service-2.json${apiVersion} by ${SCRIPT}. Do not edit.`,
    `// Regenerate with: node ${SCRIPT} ${service}`,
    '',
  );

  const emitted = [...names.keys()].sort(byCodeUnit);
  for (const shapeName of emitted) {
    const shape = shapes[shapeName];
    const name = names.get(shapeName);
    const docTags = [];
    if (shape.deprecated) docTags.push('@deprecated');
    if (shape.exception || shape.error) docTags.push('Error shape.');
    if (shape.type === 'structure' && (shape.union || shape.eventstream)) docTags.push('Exactly one member is set.');
    pushDoc(out, '', shape.documentation, docTags, name === shapeName ? [] : [`Model shape ${shapeName}.`]);
    if (shape.type === 'string') {
      const values = shape.enum.map(quote);
      out.push(...wrapList(`export type ${name} =`, values, ';', 'union'));
      out.push(...wrapList(`export const ${name}Values = [`, values, '] as const;', 'array'));
    } else if (shape.document) {
      out.push(`export type ${name} = unknown;`);
    } else {
      const members = Object.entries(shape.members ?? {});
      if (members.length === 0) {
        out.push(`export interface ${name} {}`);
      } else {
        const required = new Set(shape.required ?? []);
        out.push(`export interface ${name} {`);
        for (const [memberName, ref] of members) {
          const target = shapes[ref.shape];
          pushDoc(
            out,
            '  ',
            ref.documentation ?? (names.has(ref.shape) ? undefined : target?.documentation),
            ref.deprecated ? ['@deprecated'] : [],
          );
          const opt = required.has(memberName) ? '' : '?';
          out.push(`  ${propertyKey(memberName)}${opt}: ${typeOf(ref, `${shapeName}.${memberName}`)};`);
        }
        out.push('}');
      }
    }
    out.push('');
  }

  const opNames = Object.keys(operations).sort(byCodeUnit);
  out.push(`/** The ${model.metadata?.serviceId ?? service} API operations in the model. */`);
  if (opNames.length === 0) out.push('export type OperationName = never;');
  else out.push(...wrapList('export type OperationName =', opNames.map(quote), ';', 'union'));
  out.push('');
  out.push('/** Input and output type of each operation (`void`: the operation has no input / output shape). */');
  out.push('export interface Operations {');
  for (const opName of opNames) {
    const op = operations[opName];
    pushDoc(out, '  ', op.documentation, op.deprecated ? ['@deprecated'] : []);
    const input = op.input ? typeOf(op.input, `operation ${opName} input`) : 'void';
    const output = op.output ? typeOf(op.output, `operation ${opName} output`) : 'void';
    const line = `  ${propertyKey(opName)}: { input: ${input}; output: ${output} };`;
    if (line.length <= PRINT_WIDTH) out.push(line);
    else out.push(`  ${propertyKey(opName)}: {`, `    input: ${input};`, `    output: ${output};`, '  };');
  }
  out.push('}', '');
  return out.join('\n');
}

/** Structure and enum shapes get a named export; everything else is inlined. Returns shape name -> TS name. */
function assignNames(shapes) {
  const names = new Map();
  const taken = new Set();
  const candidates = Object.keys(shapes)
    .filter((n) => {
      const s = shapes[n];
      return s.type === 'structure' || (s.type === 'string' && Array.isArray(s.enum) && s.enum.length > 0);
    })
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  // Shapes whose names are fine keep them; first claim those so renamed shapes cannot steal them.
  const renamed = [];
  for (const shapeName of candidates) {
    const ident = identifier(shapeName);
    if (ident === shapeName && !RESERVED.has(ident)) {
      names.set(shapeName, ident);
      taken.add(ident);
    } else {
      renamed.push(shapeName);
    }
  }
  for (const shapeName of renamed) {
    let base = identifier(shapeName);
    if (RESERVED.has(base)) base = `${base}Shape`;
    let name = base;
    for (let i = 2; taken.has(name) || RESERVED.has(name); i++) name = `${base}${i}`;
    names.set(shapeName, name);
    taken.add(name);
  }
  return names;
}

/** A valid TS identifier from a shape name (botocore names such as `__listOf__string` are kept as-is). */
function identifier(name) {
  let id = name.replace(/[^A-Za-z0-9_$]/g, '_');
  if (!/^[A-Za-z_$]/.test(id)) id = `_${id}`;
  return id;
}

function propertyKey(name) {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : quote(name);
}

/** A string literal, single-quoted unless the value holds more single than double quotes (as prettier does). */
function quote(value) {
  const s = String(value);
  const q = (s.match(/'/g) ?? []).length > (s.match(/"/g) ?? []).length ? '"' : "'";
  const body = s
    .replace(/\\/g, '\\\\')
    .replace(new RegExp(q, 'g'), `\\${q}`)
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
  return `${q}${body}${q}`;
}

/**
 * prettier-like: `head a | b;` / `head a, b] tail` on one line when it fits, otherwise one item per line
 * (`| a` for unions, `a,` with a trailing comma for arrays).
 */
function wrapList(head, items, tail, kind) {
  const oneLine = kind === 'union' ? `${head} ${items.join(' | ')}${tail}` : `${head}${items.join(', ')}${tail}`;
  if (oneLine.length <= PRINT_WIDTH) return [oneLine];
  if (kind === 'union') return [head, ...items.map((v, i) => `  | ${v}${i === items.length - 1 ? tail : ''}`)];
  return [head, ...items.map((v) => `  ${v},`), tail];
}

// ---------------------------------------------------------------------------------------------------------
// Documentation: first paragraph of the model's HTML, as one line of plain text.

function pushDoc(out, indent, html, prefixTags = [], suffix = []) {
  const text = docLine(html);
  const parts = [...prefixTags, ...(text ? [text] : []), ...suffix];
  if (parts.length === 0) return;
  out.push(`${indent}/** ${parts.join(' ').replace(/\*\//g, '*\\/')} */`);
}

function docLine(html) {
  if (typeof html !== 'string' || html.trim() === '') return '';
  const blocks = html
    .replace(/<\/?(p|ul|ol|li|note|important|div|br|h\d|dl|dt|dd|fullname)\b[^>]*>/gi, '\u0000')
    .replace(/<[^>]*>/g, '')
    .split('\u0000')
    .map((b) => decodeEntities(b).replace(/\s+/g, ' ').trim())
    .filter((b) => b !== '');
  const first = blocks[0] ?? '';
  return first.startsWith('@') ? `\\${shorten(first)}` : shorten(first);
}

function decodeEntities(s) {
  return s
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;|&#39;/g, "'")
    .replace(/&#x([0-9a-f]+);/gi, (_, h) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d) => String.fromCodePoint(parseInt(d, 10)))
    .replace(/&amp;/g, '&');
}

/** At most ~DOC_MAX characters: the whole text, else its first sentence, else a cut at a word boundary. */
function shorten(text) {
  if (text.length <= DOC_MAX) return text;
  const sentence = /^.*?[^.](?<!\b(?:e\.g|i\.e|etc|vs|approx|Inc))\.(?=\s)/.exec(text);
  if (sentence && sentence[0].length >= 20 && sentence[0].length <= DOC_MAX) return sentence[0];
  const cut = text.slice(0, DOC_MAX - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > DOC_MAX / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:(]+$/, '')}…`;
}

main(process.argv.slice(2));
