// An esbuild plugin that loads some modules on first use instead of when the bundle starts.
import { readFile } from 'node:fs/promises';
import { createRequire, isBuiltin } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * Each of `names` (Node built-ins, or CommonJS packages whose exports are a plain object) becomes an object
 * whose properties require the module on first use: code that imports it at its top but touches it only
 * in some paths does not pay for loading it on every start. `callThrough` names functions, per module,
 * that are read on every use but seldom called: reading one gives a function that loads the module when called.
 */
export function lazyModules(names, callThrough = {}) {
  const escaped = [...names].map((n) => n.replace(/[/\-@.]/g, '\\$&'));
  const filter = new RegExp(`^(node:)?(${escaped.join('|')})$`);
  return {
    name: 'lazy-modules',
    setup(b) {
      b.onResolve({ filter }, (a) => {
        const name = a.path.replace(/^node:/, '');
        // The real module, required from inside the lazy one: a built-in stays outside the bundle, a package in it.
        if (a.namespace === 'lazy') return isBuiltin(name) ? { path: `node:${name}`, external: true } : undefined;
        return { path: name, namespace: 'lazy' };
      });
      b.onLoad({ filter: /.*/, namespace: 'lazy' }, (a) => {
        const id = isBuiltin(a.path) ? `node:${a.path}` : a.path;
        const real = require(id);
        if (typeof real !== 'object' || real === null) throw new Error(`${id} exports a ${typeof real}, which cannot be loaded lazily`);
        const keys = Object.getOwnPropertyNames(real).filter((n) => n !== 'default' && n !== '__esModule');
        const calls = callThrough[a.path] ?? [];
        for (const name of calls) if (typeof real[name] !== 'function') throw new Error(`${id}.${name} is not a function`);
        return {
          contents: `let real;\nconst load = () => (real ??= require(${JSON.stringify(id)}));\n` +
            `const calls = new Set(${JSON.stringify(calls)});\n` +
            `for (const name of ${JSON.stringify(keys)}) Object.defineProperty(exports, name, { enumerable: true,\n` +
            `  get: () => (calls.has(name) && real === undefined ? (...args) => load()[name](...args) : load()[name]) });`,
          loader: 'js',
          resolveDir: process.cwd(),
        };
      });
    },
  };
}

/**
 * got's @sindresorhus/is builds two Intl.ListFormat objects as it loads, for the wording of failed
 * assertions only: the first costs 9 ms (ICU's locale data), a tenth of `call`. Each is built when a message
 * first needs it. The build fails if the package stops building them that way, rather than silently paying again.
 */
export const lazyListFormats = {
  name: 'lazy-list-formats',
  setup(b) {
    b.onLoad({ filter: /@sindresorhus[\\/]is[\\/]distribution[\\/]index\.js$/ }, async (a) => {
      const text = await readFile(a.path, 'utf8');
      const pattern = /new Intl\.ListFormat\(([^()]*)\)/g;
      const found = text.match(pattern)?.length ?? 0;
      if (found !== 2) throw new Error(`${a.path}: expected 2 Intl.ListFormat at its top, found ${found}`);
      return { contents: text.replace(pattern, (_, args) => `{ format(list) { return (this.real ??= new Intl.ListFormat(${args})).format(list); } }`), loader: 'js' };
    });
  },
};
