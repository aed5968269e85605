// Why a JavaScript config file failed to load, in one line: the line of the file it failed at (from the error's
// stack, which names the file) and the first line of the error, with a hint when the module kind is the cause.

/** `, line 3: Unexpected token ','`, from an error thrown while a config script was loaded; `names` are the file's path and URL. */
export function scriptProblem(error: { message?: unknown; stack?: unknown }, names: string[]): string {
  const message = String(error.message ?? error).split('\n')[0].trim();
  const line = lineIn(typeof error.stack === 'string' ? error.stack : '', names);
  return `${line === null ? '' : `, line ${line}`}: ${message}${moduleHint(message)}`;
}

/** The first line number the stack gives for the file (a syntax error's stack starts with `file:line`). */
function lineIn(stack: string, names: string[]): number | null {
  for (const name of names) {
    for (let at = stack.indexOf(`${name}:`); at !== -1; at = stack.indexOf(`${name}:`, at + 1)) {
      const found = /^:(\d+)/.exec(stack.slice(at + name.length));
      if (found) return Number(found[1]);
    }
  }
  return null;
}

/** What to change when the file is written as one kind of module and loaded as the other. */
function moduleHint(message: string): string {
  if (/\b(module|exports|require|__filename|__dirname) is not defined in ES module scope/.test(message)) {
    return ' (the file is loaded as an ES module: write `export default { ... }`, or name it .cjs)';
  }
  if (/Unexpected token 'export'|Cannot use import statement outside a module/.test(message)) {
    return ' (the file is loaded as CommonJS: write `module.exports = { ... }`, or name it .mjs)';
  }
  return '';
}
