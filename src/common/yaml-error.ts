/**
 * The first line of the yaml library's parse error, which names the line and column; the lines after it quote the
 * file, and the first ends with the colon that introduces them.
 */
export function yamlErrorText(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  return (err.message.split('\n')[0] ?? '').replace(/:\s*$/, '');
}
