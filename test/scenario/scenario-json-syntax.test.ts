/** Locating JSON syntax errors: the offset where the text stops being JSON, and why. */
import { describe, expect, test } from 'vitest';
import { lineColumn, locateJsonError } from '../../src/core/scenario/json-syntax.js';

describe('locateJsonError', () => {
  test.each([
    ['{"a": }', 6, 'expected a value, got "}"'],
    ['{"a": 1,}', 8, 'expected a key after "," (no trailing commas in JSON), got "}"'],
    ['[1, 2', 5, 'expected "," or "]", got the end of the file'],
    ['{"a" 1}', 5, 'expected ":" after the key, got "1"'],
    ['{"a": tru}', 9, 'expected "true", got "}"'],
    ['{"a": "x\\q"}', 9, 'expected an escape like \\n, \\" or \\u0041, got "q"'],
    ['{"a": 1} x', 9, 'expected the end of the file, got "x"'],
    ['', 0, 'expected a value, got the end of the file'],
    ['{"a": 01}', 7, 'expected "," or "}", got "1"'],
  ])('%j', (text, offset, message) => {
    expect(() => JSON.parse(text), 'JSON.parse agrees it is invalid').toThrow();
    expect(locateJsonError(text)).toStrictEqual({ offset, message });
  });

  test.each(['{}', '[]', '{"a": [1, -2.5e3, "x\\u0041", true, false, null]}', ' 3 '])(
    '%j is valid',
    (text) => {
      expect(locateJsonError(text)).toBeUndefined();
    },
  );

  test('line and column are 1-based', () => {
    expect(lineColumn('ab\ncd\nef', 0)).toStrictEqual({ line: 1, column: 1 });
    expect(lineColumn('ab\ncd\nef', 4)).toStrictEqual({ line: 2, column: 2 });
    expect(lineColumn('ab\ncd\nef', 8)).toStrictEqual({ line: 3, column: 3 });
  });
});
