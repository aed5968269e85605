/** Where JSON text first goes wrong, and what was expected there; null when it is valid. */
export interface JsonSyntaxError {
  offset: number;
  line: number;
  column: number;
  message: string;
}

const LITERAL = /true|false|null/y;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;

/**
 * Finds the first syntax error in JSON text. V8's JSON.parse messages give a position for some mistakes
 * and not for others; users of `-d` need the line and column every time.
 */
export function findJsonError(text: string): JsonSyntaxError | null {
  const stack: ('{' | '[')[] = [];
  let i = 0;
  let expect: 'value' | 'key' | 'colon' | 'next' | 'end' | 'first-value' | 'first-key' = 'value';
  const fail = (message: string) => place(text, i, message);
  for (;;) {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
    const c = text[i];
    if (expect === 'end') return i >= text.length ? null : fail('unexpected text after the JSON value');
    if (c === undefined) return fail(stack.length ? `unexpected end: ${stack.length} unclosed ${stack.at(-1) === '{' ? 'object' : 'array'}` : 'no JSON value');
    if (expect === 'colon') {
      if (c !== ':') return fail('expected ":" after the key');
      i++;
      expect = 'value';
    } else if (expect === 'next') {
      const open = stack[stack.length - 1];
      if (c === ',') {
        i++;
        expect = open === '{' ? 'key' : 'value';
      } else if ((c === '}' && open === '{') || (c === ']' && open === '[')) {
        i++;
        stack.pop();
        expect = stack.length ? 'next' : 'end';
      } else return fail(`expected "," or "${open === '{' ? '}' : ']'}"`);
    } else if (expect === 'key' || expect === 'first-key') {
      if (c === '}' && expect === 'first-key') {
        i++;
        stack.pop();
        expect = stack.length ? 'next' : 'end';
      } else if (!match(STRING)) return fail(expect === 'key' && c === '}' ? 'trailing comma before "}"' : 'expected a double-quoted property name');
      else expect = 'colon';
    } else if (c === '{' || c === '[') {
      stack.push(c);
      i++;
      expect = c === '{' ? 'first-key' : 'first-value';
    } else if (c === ']' && expect === 'first-value') {
      i++;
      stack.pop();
      expect = stack.length ? 'next' : 'end';
    } else if (match(STRING) || match(NUMBER) || match(LITERAL)) {
      expect = stack.length ? 'next' : 'end';
    } else return fail(c === ']' || c === '}' ? `unexpected "${c}" (a trailing comma?)` : `unexpected ${c === '"' ? 'string (unterminated or with a raw control character)' : `"${c}"`}`);
  }
  function match(re: RegExp): boolean {
    re.lastIndex = i;
    if (!re.test(text)) return false;
    i = re.lastIndex;
    return true;
  }
}

function place(text: string, offset: number, message: string): JsonSyntaxError {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { offset, line, column: offset - before.lastIndexOf('\n'), message };
}
