package org.benchwright.engine.sandbox;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.benchwright.engine.project.BlobStore;
import org.benchwright.engine.project.FileVersion;

/** Tar streams in and out of /workspace, owned by the sandbox user. */
final class Tars {

  static final int SANDBOX_UID = 1000;

  private Tars() {}

  /** A tar of the files (workspace-relative paths), with their folders, owned by uid 1000. */
  static byte[] pack(Map<String, byte[]> files) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      writeFolders(tar, files.keySet());
      for (Map.Entry<String, byte[]> f : files.entrySet()) {
        TarArchiveEntry e = new TarArchiveEntry(f.getKey());
        own(e, 0644);
        e.setSize(f.getValue().length);
        tar.putArchiveEntry(e);
        tar.write(f.getValue());
        tar.closeArchiveEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** Above this, a tar to copy in is built in a temporary file instead of memory. */
  private static final long IN_MEMORY = 16L * 1024 * 1024;

  /**
   * A tar of run files read from their blobs (links as links), with their folders, owned by uid
   * 1000. Built in memory when small, else in a temporary file removed when the stream is closed,
   * so a dataset of hundreds of MB is never held whole.
   */
  static InputStream fromBlobs(Collection<FileVersion> files, BlobStore blobs) {
    long total = 0;
    for (FileVersion f : files) {
      total += Math.max(0, f.size() >= 0 ? f.size() : blobs.size(f.blobSha()).orElse(0L));
    }
    try {
      if (total <= IN_MEMORY) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream((int) total + 4096);
        writeBlobs(files, blobs, bytes);
        return new ByteArrayInputStream(bytes.toByteArray());
      }
      Path tmp = Files.createTempFile("benchwright-in-", ".tar");
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp))) {
        writeBlobs(files, blobs, out);
      } catch (IOException | RuntimeException e) {
        Files.deleteIfExists(tmp);
        throw e;
      }
      return Files.newInputStream(tmp, StandardOpenOption.DELETE_ON_CLOSE);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot build the files to copy into the sandbox", e);
    }
  }

  /**
   * A tar of one file of the host's, streamed as it is read (a pipe filled by a thread of its own),
   * so a file of a gigabyte is copied in without a second copy on disk or in memory.
   */
  static InputStream fromHostFile(String path, Path file) {
    long size;
    try {
      size = Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
    java.io.PipedInputStream in = new java.io.PipedInputStream(1 << 20);
    java.io.PipedOutputStream out;
    try {
      out = new java.io.PipedOutputStream(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Thread.ofVirtual()
        .name("tar-" + path)
        .start(
            () -> {
              try (out;
                  TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
                  InputStream src = Files.newInputStream(file)) {
                tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
                writeFolders(tar, List.of(path));
                TarArchiveEntry e = new TarArchiveEntry(path);
                own(e, 0644);
                e.setSize(size);
                tar.putArchiveEntry(e);
                src.transferTo(tar);
                tar.closeArchiveEntry();
                tar.finish();
              } catch (IOException e) {
                // The reader sees the pipe break and the copy fails with Docker's message.
              }
            });
    return in;
  }

  private static void writeBlobs(Collection<FileVersion> files, BlobStore blobs, OutputStream out)
      throws IOException {
    TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    writeFolders(tar, files.stream().map(FileVersion::path).toList());
    for (FileVersion f : files) {
      if (f.symlink()) {
        TarArchiveEntry e = new TarArchiveEntry(f.path(), TarConstants.LF_SYMLINK);
        own(e, 0777);
        e.setLinkName(
            new String(
                blobs.get(f.blobSha()).orElseThrow(), java.nio.charset.StandardCharsets.UTF_8));
        tar.putArchiveEntry(e);
        tar.closeArchiveEntry();
        continue;
      }
      long size = f.size() >= 0 ? f.size() : blobs.size(f.blobSha()).orElseThrow();
      TarArchiveEntry e = new TarArchiveEntry(f.path());
      own(e, 0644);
      e.setSize(size);
      tar.putArchiveEntry(e);
      try (InputStream in = blobs.open(f.blobSha()).orElseThrow()) {
        in.transferTo(tar);
      }
      tar.closeArchiveEntry();
    }
    tar.finish();
  }

  private static void writeFolders(TarArchiveOutputStream tar, Collection<String> paths)
      throws IOException {
    Set<String> dirs = new TreeSet<>();
    for (String path : paths) {
      for (int i = path.indexOf('/'); i > 0; i = path.indexOf('/', i + 1)) {
        dirs.add(path.substring(0, i));
      }
    }
    for (String dir : dirs) {
      TarArchiveEntry e = new TarArchiveEntry(dir + "/");
      own(e, 0755);
      tar.putArchiveEntry(e);
      tar.closeArchiveEntry();
    }
  }

  private static void own(TarArchiveEntry e, int mode) {
    e.setIds(SANDBOX_UID, SANDBOX_UID);
    e.setNames("sandbox", "sandbox");
    e.setMode(mode);
    e.setModTime(System.currentTimeMillis());
  }

  /**
   * Reads regular files out of a tar that Docker made of a folder. Entry names start with the
   * folder's own name ("workspace/..."), which is stripped. Symbolic links and devices are skipped:
   * a sandbox must not make the host read something outside its workspace.
   */
  static Map<String, byte[]> unpack(InputStream in, String rootName, long maxTotalBytes)
      throws IOException {
    Map<String, byte[]> files = new LinkedHashMap<>();
    long total = 0;
    try (TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
      TarArchiveEntry e;
      while ((e = tar.getNextEntry()) != null) {
        if (!e.isFile()) {
          continue;
        }
        String name = e.getName();
        if (name.startsWith(rootName + "/")) {
          name = name.substring(rootName.length() + 1);
        }
        if (name.isEmpty()
            || name.startsWith("/")
            || java.util.Arrays.asList(name.split("/")).contains("..")) {
          continue;
        }
        total += e.getSize();
        if (total > maxTotalBytes) {
          throw new IOException("workspace larger than " + maxTotalBytes + " bytes");
        }
        files.put(name, tar.readAllBytes());
      }
    }
    return files;
  }

  static InputStream stream(byte[] tar) {
    return new ByteArrayInputStream(tar);
  }
}
