package org.benchwright.engine.project;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one-writer rule across processes: an OS lock on a file beside the project, which the OS
 * releases when the holder dies (even by kill -9), holding a line that names the holder so a second
 * writer can be told who it is.
 *
 * <p>POSIX record locks are released when the process closes any descriptor of the file, so nothing
 * in this process may open the lock file except this channel.
 */
final class WriterLock implements AutoCloseable {

  /** How long a writer keeps trying while a reader briefly tests the lock (see {@link #isHeld}). */
  private static final int ATTEMPTS = 10;

  private static final long PAUSE_MILLIS = 20;

  private static final String UNKNOWN = "unknown process";

  /**
   * Lock files this process holds. A reader here must not open them: closing its descriptor would
   * drop the writer's lock.
   */
  private static final Set<Path> HELD_HERE = ConcurrentHashMap.newKeySet();

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
      FileLock lock = null;
      for (int attempt = 1; lock == null && attempt <= ATTEMPTS; attempt++) {
        if (HELD_HERE.contains(lockFile)) {
          break; // held by this very process
        }
        try {
          lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
          break;
        }
        if (lock == null && readHolder(channel).equals(UNKNOWN) && attempt < ATTEMPTS) {
          // No holder named: a writer just starting, or a reader testing the lock for a moment.
          // Worth a few more tries before telling the user the project is taken.
          sleep();
        } else if (lock == null) {
          break;
        }
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
      HELD_HERE.add(lockFile);
      return new WriterLock(lockFile, channel, lock);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new ProjectException("Cannot lock " + project + " for writing: " + e.getMessage(), e);
    }
  }

  /**
   * Whether a live process (this one included) holds the project for writing. Changes nothing; a
   * reader's way to tell a run that is executing from one whose process died.
   */
  static boolean isHeld(Path project) {
    Path lockFile = lockFileOf(project);
    if (HELD_HERE.contains(lockFile)) {
      return true;
    }
    if (!Files.exists(lockFile)) {
      return false;
    }
    // A shared lock is enough to learn whether an exclusive one is held, and needs only reading.
    try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.READ)) {
      FileLock probe = channel.tryLock(0, Long.MAX_VALUE, true);
      if (probe == null) {
        return true;
      }
      probe.release();
      return false;
    } catch (OverlappingFileLockException e) {
      return true;
    } catch (IOException e) {
      // Cannot tell (e.g. no right to read the lock file): keep what the file says.
      return true;
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(PAUSE_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String readHolder(FileChannel channel) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(1024);
    channel.read(buf, 0);
    String text = new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8).strip();
    return text.isEmpty() ? UNKNOWN : text;
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
    HELD_HERE.remove(lockFile);
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
