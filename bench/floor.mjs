// The JS floor of classify's throughput: read a file in 1 MB blocks, split the lines by hand, JSON.parse each.
import { openSync, readSync } from 'node:fs';

const fd = openSync(process.argv[2], 'r');
const block = Buffer.allocUnsafe(1024 * 1024);
let rest = '';
let lines = 0;
for (let got; (got = readSync(fd, block, 0, block.length, null)) > 0;) {
  const text = rest + block.toString('utf8', 0, got);
  let start = 0;
  for (let nl; (nl = text.indexOf('\n', start)) !== -1; start = nl + 1, lines++) JSON.parse(text.slice(start, nl));
  rest = text.slice(start);
}
if (rest !== '') lines += JSON.parse(rest) === undefined ? 0 : 1;
process.stdout.write(`${lines}\n`);
