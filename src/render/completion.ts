// Shell completion scripts for bash, zsh and fish, written from a plain description of the commands (their
// names, options, value placeholders and choices), so that a new option or scenario completes without an edit.

/** One option as a completion script needs it. */
export interface CompletionOption {
  short?: string;
  long: string;
  description: string;
  /** The value's placeholder, e.g. '<file>'; undefined for a flag. */
  value?: string;
  choices?: readonly string[];
}

/** One command: its name, description, options and whether its arguments are files. */
export interface CompletionCommand {
  name: string;
  description: string;
  options: CompletionOption[];
  fileArguments: boolean;
  /** The values its argument takes, when it takes only some. */
  argumentChoices?: readonly string[];
}

/** The shells op-errors writes completion scripts for. */
export const SHELLS = ['bash', 'zsh', 'fish'] as const;

/** Builds the script for one shell. */
export function completionScript(shell: (typeof SHELLS)[number], commands: CompletionCommand[], globals: CompletionOption[]): string {
  if (shell === 'bash') return bash(commands, globals);
  return shell === 'zsh' ? zsh(commands, globals) : fish(commands, globals);
}

const takesFile = (o: CompletionOption) => o.value !== undefined && /file|json/.test(o.value);
const flagsOf = (o: CompletionOption) => [o.short ? `-${o.short}` : '', o.long].filter(Boolean);

function bash(commands: CompletionCommand[], globals: CompletionOption[]): string {
  const words = (opts: CompletionOption[]) => [...opts, ...globals].flatMap(flagsOf).join(' ');
  const valueCases = commands.flatMap((c) => [...c.options, ...globals].filter((o) => o.value).map((o) => {
    const reply = o.choices ? `COMPREPLY=($(compgen -W "${o.choices.join(' ')}" -- "$cur"))` : 'COMPREPLY=()';
    return `    ${c.name}:${flagsOf(o).join('|' + c.name + ':')}) ${reply}; return ;;`;
  }));
  return `# op-errors completion for bash. Load it with: source <(op-errors completion bash)
_op_errors() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}" cmd="" i
  for ((i = 1; i < COMP_CWORD; i++)); do
    case "\${COMP_WORDS[i]}" in -*) ;; *) cmd="\${COMP_WORDS[i]}"; break ;; esac
  done
  case "$cmd:$prev" in
${valueCases.join('\n')}
  esac
  case "$cmd" in
    "") COMPREPLY=($(compgen -W "${commands.map((c) => c.name).join(' ')} ${globals.flatMap(flagsOf).join(' ')}" -- "$cur")) ;;
${commands.map((c) => `    ${c.name}) ${bashArguments(c, words(c.options))} ;;`).join('\n')}
  esac
}
complete -o default -F _op_errors op-errors
`;
}

/** What bash offers after a command: its options after "-", else its argument's choices, files, or its options. */
function bashArguments(c: CompletionCommand, options: string): string {
  const offer = (w: string) => `COMPREPLY=($(compgen -W "${w}" -- "$cur"))`;
  if (c.argumentChoices) return `if [[ "$cur" == -* ]]; then ${offer(options)}; else ${offer(c.argumentChoices.join(' '))}; fi`;
  return c.fileArguments ? `[[ "$cur" == -* ]] && ${offer(options)}` : offer(options);
}

/** Escapes text for a zsh _arguments description in single quotes. */
const zq = (s: string) => s.replace(/'/g, `'\\''`).replace(/([[\]:])/g, '\\$1');

function zshSpec(o: CompletionOption): string {
  const names = flagsOf(o);
  const head = names.length > 1 ? `'(${names.join(' ')})'{${names.join(',')}}'` : `'${names[0]}`;
  if (!o.value) return `${head}[${zq(o.description)}]'`;
  const optional = o.value.startsWith('[') ? ':' : '';
  const action = o.choices ? `(${o.choices.join(' ')})` : takesFile(o) ? '_files' : ' ';
  return `${head}[${zq(o.description)}]:${optional}${zq(o.value.replace(/[<>[\]]/g, ''))}:${action}'`;
}

/** One command's _arguments call: its options (none for some), then what its arguments are. */
function zshCommandArguments(c: CompletionCommand): string {
  const rest = c.argumentChoices ? `${c.name}:(${c.argumentChoices.join(' ')})` : c.fileArguments ? 'file:_files' : 'argument: ';
  return ['_arguments', ...c.options.map((o) => `          ${zshSpec(o)}`), `          '*:${rest}'`].join(' \\\n');
}

function zsh(commands: CompletionCommand[], globals: CompletionOption[]): string {
  return `#compdef op-errors
# op-errors completion for zsh. Load it with: source <(op-errors completion zsh)
_op_errors() {
  local -a commands
  commands=(
${commands.map((c) => `    '${c.name}:${zq(c.description)}'`).join('\n')}
  )
  local curcontext="$curcontext" state line
  _arguments -C \\
${globals.map((o) => `    ${zshSpec(o)} \\`).join('\n')}
    '1: :->command' \\
    '*:: :->args'
  case $state in
    command) _describe 'command' commands ;;
    args)
      case $words[1] in
${commands.map((c) => `        ${c.name}) ${zshCommandArguments(c)} ;;`).join('\n')}
      esac ;;
  esac
}
# Autoloaded from a file in $fpath (named _op-errors or _op_errors), complete now; sourced, register.
if [[ "$funcstack[1]" == _op[-_]errors ]]; then _op_errors "$@"; else compdef _op_errors op-errors; fi
`;
}

/** Quotes text for fish in single quotes. */
const fq = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

function fishLine(o: CompletionOption, condition: string): string {
  const parts = ['complete -c op-errors', condition ? `-n ${fq(condition)}` : ''];
  if (o.short) parts.push(`-s ${o.short}`);
  parts.push(`-l ${o.long.replace(/^--/, '')}`);
  if (o.choices) parts.push(`-x -a ${fq(o.choices.join(' '))}`);
  else if (o.value) parts.push(takesFile(o) ? '-r -F' : '-x');
  parts.push(`-d ${fq(o.description)}`);
  return parts.filter(Boolean).join(' ');
}

function fish(commands: CompletionCommand[], globals: CompletionOption[]): string {
  const names = commands.map((c) => c.name).join(' ');
  return [
    '# op-errors completion for fish. Load it with: op-errors completion fish | source',
    'complete -c op-errors -f',
    ...commands.map((c) => `complete -c op-errors -n ${fq(`not __fish_seen_subcommand_from ${names}`)} -a ${c.name} -d ${fq(c.description)}`),
    ...globals.map((o) => fishLine(o, '')),
    ...commands.flatMap((c) => [
      ...c.options.map((o) => fishLine(o, `__fish_seen_subcommand_from ${c.name}`)),
      ...(c.fileArguments ? [`complete -c op-errors -n ${fq(`__fish_seen_subcommand_from ${c.name}`)} -F`] : []),
      ...(c.argumentChoices ? [`complete -c op-errors -n ${fq(`__fish_seen_subcommand_from ${c.name}`)} -a ${fq(c.argumentChoices.join(' '))}`] : []),
    ]),
    '',
  ].join('\n');
}
