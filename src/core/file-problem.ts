/** Why a file could not be read (or written), the same words for every command: `cannot read x.json: no such file`. */
export function fileProblem(path: string, error: unknown, action: 'read' | 'write' = 'read'): string {
  const code = (error as { code?: string } | null)?.code;
  const why = code === 'ENOENT' ? (action === 'read' ? 'no such file' : 'no such folder')
    : code === 'EISDIR' ? 'it is a folder'
      : code === 'EACCES' || code === 'EPERM' ? 'permission denied'
        : code === 'ENOTDIR' ? 'a part of the path is not a folder'
          : code === 'ENOSPC' ? 'no space left on the device'
            : code === 'EROFS' ? 'the file system is read-only'
              : String((error as Error)?.message ?? error);
  return `cannot ${action} ${path}: ${why}`;
}
