/**
 * The packaged app ships its corpus read-only inside its resources. On first run it is copied to a
 * writable folder (userData/corpus) so that tags and imports can be saved there.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';

/**
 * Copies `seedDir` to `targetDir` unless targetDir exists already (the user's copy, with their tags,
 * is never overwritten). The copy goes to a temporary sibling first and is renamed into place, so an
 * interrupted first run leaves no half corpus. Lectern's own data (.lectern/) is not copied.
 * Returns true when it copied.
 */
export async function ensureWritableCorpus(seedDir: string, targetDir: string): Promise<boolean> {
  if (
    await fs.stat(targetDir).then(
      () => true,
      () => false,
    )
  )
    return false;
  await fs.mkdir(path.dirname(targetDir), { recursive: true });
  const tmp = `${targetDir}.${process.pid}.copying`;
  await fs.rm(tmp, { recursive: true, force: true });
  await fs.cp(seedDir, tmp, { recursive: true, filter: (src) => path.basename(src) !== '.lectern' });
  // Shipped files may be read-only (installed under /opt, or from a read-only image): the copy is the user's.
  for (const entry of await fs.readdir(tmp, { recursive: true, withFileTypes: true })) {
    const abs = path.join(entry.parentPath ?? (entry as unknown as { path: string }).path, entry.name);
    await fs.chmod(abs, entry.isDirectory() ? 0o755 : 0o644);
  }
  await fs.chmod(tmp, 0o755);
  try {
    await fs.rename(tmp, targetDir);
  } catch (e) {
    await fs.rm(tmp, { recursive: true, force: true });
    // Another instance finished the copy first: theirs is as good.
    if ((e as NodeJS.ErrnoException).code === 'ENOTEMPTY' || (e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
  return true;
}
