package org.benchwright.engine.sandbox;

/**
 * One entry of /workspace as {@code find} saw it inside the container, before any byte of it is
 * read: what decides whether the entry changed and whether it may be copied out.
 *
 * @param path workspace-relative
 * @param type {@code f} regular file, {@code l} symbolic link, anything else (fifo, socket) is not
 *     copied
 * @param size apparent size in bytes
 * @param allocated bytes on disk; far below {@code size} for a sparse file
 * @param stamp size, mtime, ctime and inode as find printed them: equal stamps mean unchanged
 *     (ctime cannot be set by the sandboxed code, so an mtime put back by {@code touch -d} still
 *     shows)
 * @param linkTarget the target of a symbolic link, else empty
 */
public record WorkspaceEntry(
    String path, char type, long size, long allocated, String stamp, String linkTarget) {

  public boolean regular() {
    return type == 'f';
  }

  public boolean symlink() {
    return type == 'l';
  }

  /** Much less on disk than its size says: holes that would be copied as gigabytes of zeros. */
  public boolean sparse() {
    return regular() && size > 1024 * 1024 && allocated < size / 2;
  }
}
