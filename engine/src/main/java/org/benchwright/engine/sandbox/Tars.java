package org.benchwright.engine.sandbox;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

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
      Set<String> dirs = new TreeSet<>();
      for (String path : files.keySet()) {
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
