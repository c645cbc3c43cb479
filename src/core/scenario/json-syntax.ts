/**
 * Where a JSON text first goes wrong, and why, in words a person reads. `JSON.parse` says whether the
 * text is JSON; its messages differ between Node versions and often carry no position, so this small
 * scanner (RFC 8259 grammar) finds the offset itself. Only called after `JSON.parse` failed.
 */

export interface JsonSyntaxError {
  offset: number;
  message: string;
}

class Fail {
  constructor(
    readonly offset: number,
    readonly message: string,
  ) {}
}

function show(text: string, at: number): string {
  const ch = text[at];
  if (ch === undefined) return 'the end of the file';
  return ch === '"' ? `'"'` : JSON.stringify(ch);
}

class Scanner {
  i = 0;

  constructor(private readonly text: string) {}

  fail(expected: string): never {
    throw new Fail(this.i, `expected ${expected}, got ${show(this.text, this.i)}`);
  }

  ws(): void {
    while (this.i < this.text.length && ' \t\n\r'.includes(this.text[this.i] as string)) this.i++;
  }

  literal(word: string): void {
    for (const ch of word) {
      if (this.text[this.i] !== ch) this.fail(`${JSON.stringify(word)}`);
      this.i++;
    }
  }

  string(): void {
    this.i++; // opening quote
    for (;;) {
      const ch = this.text[this.i];
      if (ch === undefined) this.fail('a closing "');
      if (ch === '"') break;
      if (ch < ' ') this.fail('no control characters in a string (escape them)');
      if (ch === '\\') {
        this.i++;
        const esc = this.text[this.i] ?? '';
        if (esc === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(this.text.slice(this.i + 1, this.i + 5))) {
            this.fail('four hex digits after \\u');
          }
          this.i += 4;
        } else if (!'"\\/bfnrt'.includes(esc) || esc === '') this.fail('an escape like \\n, \\" or \\u0041');
      }
      this.i++;
    }
    this.i++;
  }

  number(): void {
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?/.exec(this.text.slice(this.i));
    if (m === null || m[0] === '' || m[0] === '-') this.fail('a value');
    this.i += (m as RegExpExecArray)[0].length;
  }

  value(depth: number): void {
    if (depth > 512) this.fail('less deeply nested data');
    this.ws();
    const ch = this.text[this.i];
    if (ch === '{') this.container('}', depth, true);
    else if (ch === '[') this.container(']', depth, false);
    else if (ch === '"') this.string();
    else if (ch === 't') this.literal('true');
    else if (ch === 'f') this.literal('false');
    else if (ch === 'n') this.literal('null');
    else if (ch === '-' || (ch !== undefined && ch >= '0' && ch <= '9')) this.number();
    else this.fail('a value');
    this.ws();
  }

  container(close: string, depth: number, keyed: boolean): void {
    this.i++;
    this.ws();
    if (this.text[this.i] === close) {
      this.i++;
      return;
    }
    for (;;) {
      if (keyed) {
        this.ws();
        if (this.text[this.i] !== '"') this.fail('a "quoted" key');
        this.string();
        this.ws();
        if (this.text[this.i] !== ':') this.fail('":" after the key');
        this.i++;
      }
      this.value(depth + 1);
      const ch = this.text[this.i];
      if (ch === close) break;
      if (ch !== ',') this.fail(`"," or "${close}"`);
      this.i++;
      this.ws();
      if (this.text[this.i] === close) {
        this.fail(`a ${keyed ? 'key' : 'value'} after "," (no trailing commas in JSON)`);
      }
    }
    this.i++;
  }
}

/** The first syntax error of `text`, or undefined if the scanner finds none. */
export function locateJsonError(text: string): JsonSyntaxError | undefined {
  const scanner = new Scanner(text);
  try {
    scanner.value(0);
    if (scanner.i < text.length) scanner.fail('the end of the file');
    return undefined;
  } catch (e) {
    if (e instanceof Fail) return { offset: e.offset, message: e.message };
    throw e;
  }
}

/** 1-based line and column of an offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === '\n') {
      line++;
      start = i + 1;
    }
  }
  return { line, column: offset - start + 1 };
}
