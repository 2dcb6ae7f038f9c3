package org.benchwright.engine.project;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * The one-writer rule across processes: an OS lock on a file beside the project, which the OS
 * releases when the holder dies (even by kill -9), holding a line that names the holder so a second
 * writer can be told who it is.
 *
 * <p>POSIX record locks are released when the process closes any descriptor of the file, so nothing
 * in this process may open the lock file except this channel.
 */
final class WriterLock implements AutoCloseable {

  private final Path lockFile;
  private final FileChannel channel;
  private final FileLock lock;

  private WriterLock(Path lockFile, FileChannel channel, FileLock lock) {
    this.lockFile = lockFile;
    this.channel = channel;
    this.lock = lock;
  }

  static Path lockFileOf(Path project) {
    return project.resolveSibling(project.getFileName() + ".lock");
  }

  static WriterLock acquire(Path project) {
    Path lockFile = lockFileOf(project);
    FileChannel channel = null;
    try {
      channel =
          FileChannel.open(
              lockFile,
              StandardOpenOption.CREATE,
              StandardOpenOption.READ,
              StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null; // held by this very process
      }
      if (lock == null) {
        String holder = readHolder(channel);
        channel.close();
        throw new ProjectException.Locked(
            project
                + " is open for writing by another process ("
                + holder
                + "). Close it there, or open this project read-only.",
            holder);
      }
      channel.truncate(0);
      channel.write(ByteBuffer.wrap(describeSelf().getBytes(StandardCharsets.UTF_8)), 0);
      channel.force(false);
      return new WriterLock(lockFile, channel, lock);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new ProjectException("Cannot lock " + project + " for writing: " + e.getMessage(), e);
    }
  }

  private static String readHolder(FileChannel channel) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(1024);
    channel.read(buf, 0);
    String text = new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8).strip();
    return text.isEmpty() ? "unknown process" : text;
  }

  private static String describeSelf() {
    ProcessHandle self = ProcessHandle.current();
    String command =
        self.info().command().map(c -> Path.of(c).getFileName().toString()).orElse("java");
    String app = System.getProperty("benchwright.app", "benchwright");
    return "pid "
        + self.pid()
        + ", "
        + app
        + " ("
        + command
        + "), user "
        + System.getProperty("user.name")
        + ", since "
        + Instant.now();
  }

  @Override
  public void close() {
    // The file itself stays: deleting it would let a process that opened it a moment earlier
    // lock an unlinked file while a third creates a new one. Emptying it clears the holder.
    try {
      channel.truncate(0);
    } catch (IOException ignored) {
      // a stale description is harmless: the OS lock is what counts
    }
    try {
      lock.release();
    } catch (IOException ignored) {
      // the channel close below releases it too
    }
    closeQuietly(channel);
  }

  Path file() {
    return lockFile;
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // nothing left to release
      }
    }
  }
}
