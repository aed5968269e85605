import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCENARIOS } from '../../src/core/config-schema.js';
import { runBin } from '../helpers/bin.js';

/** Runs the bash script's completion function for the words typed so far, in a real bash. */
function complete(script: string, words: string[]): string[] {
  const file = join(mkdtempSync(join(tmpdir(), 'op-complete-')), 'op-errors.bash');
  writeFileSync(file, script);
  const typed = words.map((w) => `'${w}'`).join(' ');
  const out = execFileSync('bash', ['-c', `source '${file}'; COMP_WORDS=(op-errors ${typed}); COMP_CWORD=${words.length}; _op_errors; printf '%s\\n' "\${COMPREPLY[@]}"`], { encoding: 'utf8' });
  return out.split('\n').filter(Boolean);
}

describe('op-errors completion', () => {
  it('prints a bash script that completes commands, options and the choices of the definitions', async () => {
    const r = await runBin(['completion', 'bash']);
    expect(r.code).toBe(0);
    expect(complete(r.out, ['c'])).toEqual(['codes', 'call', 'classify', 'completion']);
    expect(complete(r.out, ['call', '--pag'])).toEqual(['--paginate']);
    expect(complete(r.out, ['call', '--sandbox', ''])).toEqual([...SCENARIOS]);
    expect(complete(r.out, ['serve', '--envelope', ''])).toEqual(['flat', 'nested', 'legacy']);
    expect(complete(r.out, ['replay', '--jitter', 'e'])).toEqual(['equal']);
    expect(complete(r.out, ['completion', ''])).toEqual(['bash', 'zsh', 'fish']);
  });

  it('prints zsh and fish scripts with the same commands, options and choices', async () => {
    const zsh = (await runBin(['completion', 'zsh'])).out;
    expect(zsh).toMatch(/^#compdef op-errors\n/);
    expect(zsh).toContain(`(${SCENARIOS.join(' ')})`);
    expect(zsh).toContain("'(-X --request)'{-X,--request}'[the method, as curl takes it]:method: '");
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
