// Invalid patterns fail with the reason EventBridge gives (its text after "Event pattern is not valid. Reason: ").
import { describe, test } from 'node:test';
import { strict as assert } from 'node:assert';

import { compilePattern, MAX_OR_COMBINATIONS, PatternError } from '../../src/util/event-pattern/index.js';

function reason(pattern: string | Record<string, unknown>): string {
  try {
    compilePattern(pattern);
  } catch (err) {
    assert.ok(err instanceof PatternError, `expected a PatternError, got ${String(err)}`);
    return err.message;
  }
  return assert.fail(`no error for ${typeof pattern === 'string' ? pattern : JSON.stringify(pattern)}`);
}

describe('invalid patterns', () => {
  const cases: [string, string][] = [
    // Structure
    ['[1]', 'Filter is not an object'],
    ['"simple string"', 'Filter is not an object'],
    ['null', 'Filter is not an object'],
    ['{}', 'Empty objects are not allowed'],
    ['{"detail": {}}', 'Empty objects are not allowed'],
    ['{"detail": {"pipeline": {"slug": "some-pipeline"}}}', '"slug" must be an object or an array'],
    ['{"a": 5}', '"a" must be an object or an array'],
    ['{"a": []}', 'Empty arrays are not allowed'],
    ['{"a": [["x"]]}', 'Match value must be String, number, true, false, or null'],
    ['{"a": [{}]}', 'Match expression name not found'],
    ['{"a": [{"regex": "x"}]}', 'Unrecognized match type regex'],
    ['{"a": [{"prefix": "x", "suffix": "y"}]}', 'Only one key allowed in match expression'],
    // $or
    ['{"$or": {"a": ["x"]}}', 'It must be an Array followed with $or.'],
    ['{"$or": [{"a": ["x"]}]}', 'There must have at least 2 Objects in $or relationship.'],
    ['{"$or": [{"a": ["x"]}, "b"]}', 'Only JSON object is allowed in array of $or relationship.'],
    ['{"$or": [{"a": ["x"]}, {"numeric": [1]}]}', 'numeric is Ruler reserved fieldName which cannot be used inside $or.'],
    ['{"$or": [{"a": ["x"]}, {"b": {"prefix": ["y"]}}]}', 'prefix is Ruler reserved fieldName which cannot be used inside $or.'],
    // prefix / suffix / equals-ignore-case / exists / wildcard operands
    ['{"a": [{"prefix": 5}]}', 'prefix match pattern must be a string'],
    ['{"a": [{"suffix": null}]}', 'suffix match pattern must be a string'],
    ['{"a": [{"prefix": {}}]}', 'Prefix expression name not found'],
    ['{"a": [{"prefix": {"wildcard": "x"}}]}', 'Unsupported prefix pattern: wildcard'],
    ['{"a": [{"suffix": {"equals-ignore-case": 1}}]}', 'equals-ignore-case match pattern must be a string'],
    ['{"a": [{"prefix": {"equals-ignore-case": "x", "b": 1}}]}', 'Only one key allowed in match expression'],
    ['{"a": [{"equals-ignore-case": ["x"]}]}', 'equals-ignore-case match pattern must be a string'],
    ['{"a": [{"exists": "true"}]}', 'exists match pattern must be either true or false.'],
    ['{"a": [{"wildcard": 1}]}', 'wildcard match pattern must be a string'],
    ['{"a": [{"wildcard": "a**b"}]}', 'Consecutive wildcard characters at pos 2'],
    ['{"a": [{"wildcard": "é**"}]}', 'Consecutive wildcard characters at pos 3'],
    ['{"a": [{"wildcard": "ab\\\\c"}]}', 'Invalid escape character at pos 3'],
    ['{"a": [{"wildcard": "ab\\\\"}]}', 'Invalid escape character at pos 3'],
    // numeric
    ['{"a": [{"numeric": 5}]}', 'Value of numeric must be an array.'],
    ['{"a": [{"numeric": []}]}', 'Invalid member in numeric match: ]'],
    ['{"a": [{"numeric": [5]}]}', 'Invalid member in numeric match: 5'],
    ['{"a": [{"numeric": ["~", 5]}]}', 'Unrecognized numeric range operator: ~'],
    ['{"a": [{"numeric": ["=", "5"]}]}', 'Value of equals must be numeric'],
    ['{"a": [{"numeric": ["="]}]}', 'Value of equals must be numeric'],
    ['{"a": [{"numeric": ["=", 5, 6]}]}', 'Too many elements in numeric expression'],
    ['{"a": [{"numeric": ["<", 5, ">", 1]}]}', 'Too many elements in numeric expression'],
    ['{"a": [{"numeric": [">", 5, 10]}]}', 'Bad value in numeric range: 10'],
    ['{"a": [{"numeric": [">", 5, ">", 10]}]}', 'Bad numeric range operator: >'],
    ['{"a": [{"numeric": [">", 5, "<", "10"]}]}', 'Value of < must be numeric'],
    ['{"a": [{"numeric": [">", 5, "<", 10, "x"]}]}', 'Too many terms in numeric range expression'],
    ['{"a": [{"numeric": [">", 10, "<", 5]}]}', 'Bottom must be less than top'],
    ['{"a": [{"numeric": [">=", 5, "<=", 5]}]}', 'Bottom must be less than top'],
    ['{"a": [{"numeric": [">", 6e9]}]}', 'Value must be between -5.0E9 and 5.0E9, inclusive'],
    ['{"a": [{"numeric": [">", 5], "b": 1}]}', 'Too many elements in numeric expression'],
    // anything-but
    ['{"a": [{"anything-but": null}]}', 'Value of anything-but must be an array or single string/number value.'],
    ['{"a": [{"anything-but": true}]}', 'Value of anything-but must be an array or single string/number value.'],
    ['{"a": [{"anything-but": [true]}]}', 'Inside anything but list, start|null|boolean is not supported.'],
    ['{"a": [{"anything-but": [{"prefix": "abc-"}, {"prefix": "xyz-"}]}]}', 'Inside anything but list, start|null|boolean is not supported.'],
    ['{"a": [{"anything-but": ["x", 1]}]}', 'Inside anything but list, either all values are number or string, mixed type is not supported'],
    ['{"a": [{"anything-but": []}]}', 'Inside anything but list, either all values are number or string, mixed type is not supported'],
    ['{"a": [{"anything-but": [1e10]}]}', 'Value must be between -5.0E9 and 5.0E9, inclusive'],
    ['{"a": [{"anything-but": {}}]}', 'Anything-But expression name not found'],
    ['{"a": [{"anything-but": {"numeric": [">", 1]}}]}', 'Unsupported anything-but pattern: numeric'],
    ['{"a": [{"anything-but": {"prefix": ""}}]}', 'Null prefix/suffix not allowed'],
    ['{"a": [{"anything-but": {"suffix": ["x", ""]}}]}', 'Null prefix/suffix not allowed'],
    ['{"a": [{"anything-but": {"prefix": 5}}]}', 'prefix/suffix match pattern must be a string'],
    ['{"a": [{"anything-but": {"prefix": null}}]}', 'Value of anything-but must be an array or single string/number value.'],
    ['{"a": [{"anything-but": {"equals-ignore-case": [1]}}]}', 'Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.'],
    ['{"a": [{"anything-but": {"wildcard": [1]}}]}', 'wildcard match pattern must be a string'],
    ['{"a": [{"anything-but": {"wildcard": "a**"}}]}', 'Consecutive wildcard characters at pos 2'],
    ['{"a": [{"anything-but": {"prefix": "x", "suffix": "y"}}]}', 'Too many elements in numeric expression'],
    ['{"a": [{"anything-but": "x", "b": 1}]}', 'Too many elements in numeric expression'],
    // cidr
    ['{"a": [{"cidr": 10}]}', 'prefix match pattern must be a string'],
    ['{"a": [{"cidr": "10.0.0.0"}]}', "Malformed CIDR, one '/' required"],
    ['{"a": [{"cidr": "10.0.0.0/"}]}', "Malformed CIDR, one '/' required"],
    ['{"a": [{"cidr": "10.0.0.0/8/8"}]}', "Malformed CIDR, one '/' required"],
    ['{"a": [{"cidr": "10.0.0.0/x"}]}', 'Malformed CIDR, mask bits must be an integer'],
    ['{"a": [{"cidr": "10.0.0.0/-1"}]}', 'Malformed CIDR, mask bits must not be negative'],
    ['{"a": [{"cidr": "example.com/8"}]}', 'Nonstandard IP address: example.com'],
    ['{"a": [{"cidr": "10.0.0.256/8"}]}', 'Invalid IP address: 10.0.0.256'],
    ['{"a": [{"cidr": "1::2::3/8"}]}', 'Invalid IP address: 1::2::3'],
    ['{"a": [{"cidr": "10.0.0.0/32"}]}', 'IPv4 mask bits must be < 32'],
    ['{"a": [{"cidr": "::/128"}]}', 'IPv6 mask bits must be < 128'],
  ];
  for (const [pattern, want] of cases) {
    test(`${pattern} → ${want}`, () => assert.equal(reason(pattern), want));
  }

  test('JSON that does not parse is a PatternError naming the position, never a host path', () => {
    const message = reason('[{"eventName": ["INSERT"=123}]');
    assert.match(message, /position \d+/);
    assert.doesNotMatch(message, /\/work|node_modules|\.ts/);
  });

  test('$or combinations are capped', () => {
    const or = (n: number, key: string): Record<string, unknown> => ({
      $or: Array.from({ length: n }, (_, i) => ({ [`${key}${i}`]: ['x'] })),
    });
    // 10 × 10 × 10 = 1000 combinations is allowed; one more group multiplies past the cap.
    const allowed = { a: or(10, 'a'), b: or(10, 'b'), c: or(10, 'c') };
    assert.doesNotThrow(() => compilePattern(allowed));
    assert.equal(
      reason({ ...allowed, d: or(2, 'd') }),
      `Pattern expands to 2000 combinations of $or branches; at most ${MAX_OR_COMBINATIONS} are allowed`,
    );
  });

  test('nesting deeper than the cap is refused instead of exhausting the stack', () => {
    let pattern: Record<string, unknown> = { leaf: ['x'] };
    for (let i = 0; i < 5000; i++) pattern = { k: pattern };
    assert.match(reason(pattern), /nesting depth exceeds the maximum allowed \(1000\)/);
  });

  test('valid operators whose operands look unusual are accepted', () => {
    for (const ok of [
      { a: [{ 'anything-but': { prefix: [] } }] },
      { a: [{ cidr: '10.0.0.0/+8' }] },
      { a: [{ numeric: ['>=', -5e9] }] },
      { a: [{ wildcard: '' }] },
      { a: [{ prefix: '' }] },
      { a: [{ 'equals-ignore-case': '' }] },
      { $or: [{ a: ['x'] }, { b: { $or: [{ c: ['y'] }, { d: ['z'] }] } }] },
    ]) {
      assert.doesNotThrow(() => compilePattern(ok), JSON.stringify(ok));
    }
  });
});
