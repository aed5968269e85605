import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SCENARIOS } from '../../src/core/config-schema.js';
import { BIN, runBin } from '../helpers/bin.js';

const ZSH_DRIVER = fileURLToPath(new URL('../helpers/zsh-complete.zsh', import.meta.url));
const has = (shell: string) => spawnSync(shell, ['-c', 'exit 0']).status === 0;
const sorted = (words: string[]) => [...words].sort();

/** Writes a generated script to a fresh folder, under the name the README tells users to install it as. */
async function scriptFile(shell: string, name: string): Promise<string> {
  const r = await runBin(['completion', shell]);
  expect(r.code).toBe(0);
  const dir = mkdtempSync(join(tmpdir(), `op-complete-${shell}-`));
  mkdirSync(join(dir, 'functions'));
  const file = join(dir, 'functions', name);
  writeFileSync(file, r.out);
  return file;
}

/** The words each shell offers after `op-errors` and the words typed so far (the last one being completed). */
const completers: Record<string, (file: string, words: string[]) => string[]> = {
  bash: (file, words) => {
    const typed = words.map((w) => `'${w}'`).join(' ');
    const out = execFileSync('bash', ['-c', `source '${file}'; COMP_WORDS=(op-errors ${typed}); COMP_CWORD=${words.length}; _op_errors; printf '%s\\n' "\${COMPREPLY[@]}"`], { encoding: 'utf8' });
    return out.split('\n').filter(Boolean);
  },
  zsh: (file, words) => execFileSync('zsh', ['-f', ZSH_DRIVER, `autoload -Uz compinit; compinit -u -D; source '${file}'`, `op-errors ${words.join(' ')}`],
    { encoding: 'utf8', timeout: 20_000 }).split('\n').filter(Boolean),
  fish: (file, words) => execFileSync('fish', ['--no-config', '-c', `source '${file}'; complete -C 'op-errors ${words.join(' ')}'`], { encoding: 'utf8' })
    .split('\n').filter(Boolean).map((l) => l.split('\t')[0]),
};

const COMMANDS = ['explain', 'codes', 'call', 'replay', 'serve', 'doctor', 'classify', 'completion'];
const CASES: [string[], string[]][] = [
  [['c'], ['codes', 'call', 'classify', 'completion']],
  [['call', '--pag'], ['--paginate']],
  [['call', '--retry-base'], ['--retry-base-delay']],
  [['call', '--sandbox', ''], [...SCENARIOS]],
  [['serve', '--envelope', ''], ['flat', 'nested', 'legacy']],
  [['replay', '--jitter', 'e'], ['equal']],
  [['completion', ''], ['bash', 'zsh', 'fish']],
  [['help', ''], COMMANDS],
];

describe('op-errors completion', () => {
  for (const shell of ['bash', 'zsh', 'fish']) {
    describe.skipIf(!has(shell))(`in a real ${shell}`, () => {
      it('is valid syntax and completes commands, options and the choices of the definitions', async () => {
        const file = await scriptFile(shell, 'op-errors');
        expect(spawnSync(shell, ['-n', file], { encoding: 'utf8' }).stderr).toBe('');
        for (const [words, offered] of CASES) expect(sorted(completers[shell](file, words)), words.join(' ')).toEqual(sorted(offered));
      }, 60_000);
    });
  }

  it.skipIf(!has('zsh'))('completes on the first Tab in zsh when installed in $fpath as docs/cli.md says', async () => {
    const file = await scriptFile('zsh', '_op-errors');
    const setup = `fpath=('${join(file, '..')}' $fpath); autoload -Uz compinit; compinit -u -D`;
    const out = execFileSync('zsh', ['-f', ZSH_DRIVER, setup, 'op-errors replay --jitter '], { encoding: 'utf8', timeout: 20_000 });
    expect(sorted(out.split('\n').filter(Boolean))).toEqual(['equal', 'full', 'none']);
  }, 30_000);

  it.skipIf(!has('fish'))('completes in fish when installed in a completions folder as docs/cli.md says', async () => {
    const file = await scriptFile('fish', 'op-errors.fish');
    // fish loads a command's completions only once the command is found on PATH, as it is when installed.
    const bin = join(file, '..', '..', 'bin');
    mkdirSync(bin);
    symlinkSync(BIN, join(bin, 'op-errors'));
    const out = execFileSync('fish', ['--no-config', '-c', `set fish_complete_path '${join(file, '..')}'; complete -C 'op-errors replay --jitter '`],
      { encoding: 'utf8', env: { ...process.env, PATH: `${bin}:${process.env.PATH}` } });
    expect(sorted(out.split('\n').filter(Boolean).map((l) => l.split('\t')[0]))).toEqual(['equal', 'full', 'none']);
  });

  it('prints zsh and fish scripts with the same commands, options and choices', async () => {
    const zsh = (await runBin(['completion', 'zsh'])).out;
    expect(zsh).toMatch(/^#compdef op-errors\n/);
    expect(zsh).toContain(`(${SCENARIOS.join(' ')})`);
    expect(zsh).toContain("'(-X --request)'{-X,--request}'[the method, as curl takes it]:method: '");
    // Every command's _arguments call continues onto a spec: a blank line would end it and run the next as a command.
    expect(zsh).not.toMatch(/\\\n\s*\n/);
    const fish = (await runBin(['completion', 'fish'])).out;
    expect(fish).toContain(`complete -c op-errors -n '__fish_seen_subcommand_from serve' -l scenario -x -a '${SCENARIOS.join(' ')}'`);
    expect(fish).toContain("complete -c op-errors -n '__fish_seen_subcommand_from call' -s o -l output -r -F");
  });

  it('refuses an unknown shell with exit 2', async () => {
    const r = await runBin(['completion', 'tcsh']);
    expect(r.code).toBe(2);
    expect(r.err).toBe("op-errors: command-argument value 'tcsh' is invalid for argument 'shell'. Allowed choices are bash, zsh, fish.\n");
  });
});
