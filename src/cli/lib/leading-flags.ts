/** The flags every command takes, and whether each takes a value. */
const GLOBAL_FLAGS: ReadonlyMap<string, boolean> = new Map([
  ['--coordinator', true],
  ['--profile', true],
  ['--tenant', true],
  ['--insecure', false],
  ['--json', false],
]);

/**
 * `parallax --coordinator a,b cluster status` as `parallax cluster status --coordinator a,b`: people put the flags
 * every command takes before the command (as with etcdctl and kubectl), and oclif looks for the command in the first
 * word. Only those flags move, and only when a command follows them; they go before a `--`, so they never become
 * arguments of a command's program.
 */
export function commandFirst(argv: readonly string[]): string[] {
  const leading: string[] = [];
  let i = 0;
  while (i < argv.length) {
    const arg = argv[i]!;
    const takesValue = GLOBAL_FLAGS.get(arg.split('=', 1)[0]!);
    if (takesValue === undefined) break;
    leading.push(arg);
    i++;
    if (takesValue && !arg.includes('=') && i < argv.length) leading.push(argv[i++]!);
  }
  const rest = argv.slice(i);
  if (leading.length === 0 || rest.length === 0 || rest[0]!.startsWith('-')) return [...argv];
  const end = rest.indexOf('--');
  return end < 0 ? [...rest, ...leading] : [...rest.slice(0, end), ...leading, ...rest.slice(end)];
}
