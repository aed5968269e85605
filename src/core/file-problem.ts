/** Why a file could not be read (or written), the same words for every command: `cannot read x.json: no such file`. */
export function fileProblem(path: string, error: unknown, action: 'read' | 'write' = 'read'): string {
  const code = (error as { code?: string } | null)?.code;
  const why = code === 'ENOENT' ? (action === 'read' ? 'no such file' : 'no such folder')
    : code === 'EISDIR' ? 'it is a folder'
      : code === 'EACCES' || code === 'EPERM' ? 'permission denied'
        : code === 'ENOTDIR' ? 'a part of the path is not a folder'
          : String((error as Error)?.message ?? error);
  return `cannot ${action} ${path}: ${why}`;
}
