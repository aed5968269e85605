# Usage: zsh -f zsh-complete.zsh SETUP LINE
# Runs SETUP in an interactive zsh on a pseudo-terminal, types LINE and Tab, and prints each match that zsh's
# completion system offers, one a line. compadd is wrapped only to print the matches it is given.
zmodload zsh/zpty
zpty z zsh -f -i
zpty -w z "PS1= PS2=; $1"
zpty -w z 'bindkey "^I" complete-word; zstyle ":completion:*" list-grouped false; zstyle ":completion:*" insert-tab false'
# The markers are split in the typed text, so the terminal's echo of it never matches them.
zpty -w z '__begin() { print -n -- "<<<BEG""IN>>>"; }; __end() { print -n -- "<<<E""ND>>>"; exit; }'
zpty -w z 'compprefuncs=( __begin ); comppostfuncs=( __end )'
zpty -w z 'compadd() { local -a __hits; builtin compadd -O __hits "$@"; (( $#__hits )) && print -n -- "${(pj:\n:)__hits}\n"; builtin compadd "$@"; }'
zpty -w -n z "$2"$'\t'
output=''
while zpty -r z line; do
  output+=$line
  [[ $output == *'<<<END>>>'* ]] && break
done
output=${output#*<<<BEGIN>>>}
output=${output%%<<<END>>>*}
for hit in ${(f)output//$'\r'/}; do [[ -n $hit ]] && print -r -- $hit; done
zpty -d z
