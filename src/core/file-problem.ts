/** Why a file could not be read, the same words for every command: `cannot read x.json: no such file`. */
export function fileProblem(path: string, error: unknown): string {
  const code = (error as { code?: string } | null)?.code;
  const why = code === 'ENOENT' ? 'no such file'
    : code === 'EISDIR' ? 'it is a folder'
      : code === 'EACCES' || code === 'EPERM' ? 'permission denied'
        : String((error as Error)?.message ?? error);
  return `cannot read ${path}: ${why}`;
}
