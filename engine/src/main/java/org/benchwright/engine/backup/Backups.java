package org.benchwright.engine.backup;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.project.RunTransfer;

/**
 * Backups of a whole project: a consistent snapshot ({@code VACUUM INTO} on a read connection, so a
 * writer in another process keeps going), compressed with XZ, a SHA-256 file beside it, names with
 * a UTC timestamp, and a retention count. Every file appears by rename, so a backup either exists
 * complete or not at all (safe from cron). See ADR 0014.
 */
public final class Backups {

  /** XZ preset: 6 is xz's default (8 MiB dictionary, about 94 MiB to compress). */
  public static final int PRESET = 6;

  public static final String SUFFIX = ".bwproj.xz";
  public static final String CHECKSUM_SUFFIX = ".sha256";

  /** Backups kept by default: the CLI's {@code --keep} and the service's {@code POST /backups}. */
  public static final int DEFAULT_KEEP = 10;

  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'");

  private Backups() {}

  public record Result(Path backup, Path checksum, long snapshotBytes, long compressedBytes) {
    public double ratio() {
      return compressedBytes == 0 ? 0 : (double) snapshotBytes / compressedBytes;
    }
  }

  /** Backs a project up into dir and keeps only the newest {@code keep} backups of it there. */
  public static Result backup(Path project, Path dir, int keep) {
    return backup(project, dir, keep, PRESET);
  }

  public static Result backup(Path project, Path dir, int keep, int preset) {
    if (keep < 1) {
      throw new BundleException("--keep must be at least 1.");
    }
    Path src = project.toAbsolutePath().normalize();
    Path d = dir.toAbsolutePath().normalize();
    String stem = stem(src);
    String name = stem + "-" + ZonedDateTime.now(ZoneOffset.UTC).format(STAMP) + SUFFIX;
    Path out = d.resolve(name);
    Path sumFile = d.resolve(name + CHECKSUM_SUFFIX);
    Path snap = null;
    Path tmp = d.resolve("." + name + ".tmp");
    Path sumTmp = d.resolve("." + name + CHECKSUM_SUFFIX + ".tmp");
    try {
      Files.createDirectories(d);
      snap = Files.createTempFile(d, "." + stem + "-snapshot", ".tmp");
      Files.delete(snap); // VACUUM INTO wants to create it
      RunTransfer.snapshot(src, snap);
      long snapBytes = Files.size(snap);
      MessageDigest md = Bundles.digest();
      try (InputStream in = new BufferedInputStream(Files.newInputStream(snap), 1 << 16);
          OutputStream raw = Files.newOutputStream(tmp);
          XZCompressorOutputStream xz =
              new XZCompressorOutputStream(
                  new BufferedOutputStream(new DigestOutputStream(raw, md), 1 << 16), preset)) {
        in.transferTo(xz);
      }
      fsync(tmp);
      String sha = HexFormat.of().formatHex(md.digest());
      Files.writeString(sumTmp, sha + "  " + name + "\n", StandardCharsets.US_ASCII);
      fsync(sumTmp);
      Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE);
      Files.move(sumTmp, sumFile, StandardCopyOption.ATOMIC_MOVE);
      long size = Files.size(out);
      prune(d, stem, keep);
      return new Result(out, sumFile, snapBytes, size);
    } catch (IOException e) {
      throw new BundleException("Cannot back up " + src + " to " + d + ": " + e.getMessage(), e);
    } finally {
      if (snap != null) {
        Bundles.deleteQuietly(snap);
      }
      Bundles.deleteQuietly(tmp);
      Bundles.deleteQuietly(sumTmp);
    }
  }

  /** The backups of one project in dir, oldest first (the timestamp sorts by name). */
  public static List<Path> list(Path dir, String stem) throws IOException {
    List<Path> found = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      s.filter(
              p -> {
                String n = p.getFileName().toString();
                return n.startsWith(stem + "-") && n.endsWith(SUFFIX) && !n.startsWith(".");
              })
          .sorted()
          .forEach(found::add);
    }
    return found;
  }

  /**
   * One backup of a project in a folder.
   *
   * @param sha256 the SHA-256 its checksum file records, or null when that file is missing
   */
  public record Entry(Path file, java.time.Instant takenAt, long bytes, String sha256) {}

  /** The backups of {@code project} in {@code dir}, newest first; none when dir does not exist. */
  public static List<Entry> entries(Path project, Path dir) {
    Path d = dir.toAbsolutePath().normalize();
    if (!Files.isDirectory(d)) {
      return List.of();
    }
    String stem = stem(project.toAbsolutePath().normalize());
    try {
      List<Entry> out = new ArrayList<>();
      for (Path p : list(d, stem).reversed()) {
        String n = p.getFileName().toString();
        String stamp = n.substring(stem.length() + 1, n.length() - SUFFIX.length());
        java.time.Instant at;
        try {
          at = java.time.LocalDateTime.parse(stamp, STAMP).toInstant(ZoneOffset.UTC);
        } catch (java.time.format.DateTimeParseException e) {
          continue; // another file whose name happens to start with the stem
        }
        Path sum = p.resolveSibling(n + CHECKSUM_SUFFIX);
        String sha =
            Files.isRegularFile(sum)
                ? Files.readString(sum, StandardCharsets.US_ASCII).trim().split("\\s+")[0]
                : null;
        out.add(new Entry(p, at, Files.size(p), sha));
      }
      return out;
    } catch (IOException e) {
      throw new BundleException("Cannot list the backups in " + d + ": " + e.getMessage(), e);
    }
  }

  private static void prune(Path dir, String stem, int keep) throws IOException {
    List<Path> all = list(dir, stem);
    for (int i = 0; i < all.size() - keep; i++) {
      Files.deleteIfExists(all.get(i));
      Files.deleteIfExists(all.get(i).resolveSibling(all.get(i).getFileName() + CHECKSUM_SUFFIX));
    }
  }

  /**
   * Restores a backup to target: checks the checksum first, refuses an existing target unless
   * forced, decompresses to a temporary file, checks it opens as a sound project, then moves it
   * into place. On any failure the target is untouched.
   */
  public static Path restore(Path backup, Path target, boolean force) {
    Path b = backup.toAbsolutePath().normalize();
    Path t = target.toAbsolutePath().normalize();
    Path sumFile = b.resolveSibling(b.getFileName() + CHECKSUM_SUFFIX);
    if (!Files.isRegularFile(b)) {
      throw new BundleException(b + " does not exist.");
    }
    if (!Files.isRegularFile(sumFile)) {
      throw new BundleException("No checksum file " + sumFile + "; the backup cannot be verified.");
    }
    Path tmp = null;
    try {
      String expected =
          Files.readString(sumFile, StandardCharsets.US_ASCII).trim().split("\\s+")[0];
      String actual;
      try (InputStream in = Files.newInputStream(b)) {
        actual = Bundles.sha256(in);
      }
      if (!actual.equalsIgnoreCase(expected)) {
        throw new BundleException(
            "Checksum mismatch: "
                + b.getFileName()
                + " is damaged (SHA-256 "
                + actual
                + ", expected "
                + expected
                + "); nothing was restored.");
      }
      if (Files.exists(t) && !force) {
        throw new BundleException(
            t + " already exists; use --force to replace it, or restore to another path.");
      }
      Files.createDirectories(t.getParent());
      tmp = Files.createTempFile(t.getParent(), "." + t.getFileName(), ".restore");
      try (InputStream in =
              new XZCompressorInputStream(
                  new BufferedInputStream(Files.newInputStream(b), 1 << 16));
          OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.TRUNCATE_EXISTING)) {
        in.transferTo(out);
      }
      fsync(tmp);
      try (Project p = Project.openReadOnly(tmp)) {
        String check = p.integrityCheck();
        if (!"ok".equals(check)) {
          throw new BundleException("The restored project is not sound: " + check);
        }
      }
      deleteSidecars(tmp);
      if (force) {
        // A WAL left by the old project would be replayed onto the restored file.
        deleteSidecars(t);
        Files.move(tmp, t, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } else {
        Files.move(tmp, t, StandardCopyOption.ATOMIC_MOVE);
      }
      tmp = null;
      return t;
    } catch (IOException e) {
      throw new BundleException("Cannot restore " + b + ": " + e.getMessage(), e);
    } finally {
      if (tmp != null) {
        Bundles.deleteQuietly(tmp);
        deleteSidecars(tmp);
      }
    }
  }

  private static void deleteSidecars(Path f) {
    for (String s : List.of("-wal", "-shm", "-journal")) {
      Bundles.deleteQuietly(f.resolveSibling(f.getFileName() + s));
    }
  }

  private static String stem(Path project) {
    String n = project.getFileName().toString();
    return n.endsWith(Project.EXTENSION)
        ? n.substring(0, n.length() - Project.EXTENSION.length())
        : n;
  }

  private static void fsync(Path p) throws IOException {
    try (var ch = java.nio.channels.FileChannel.open(p, StandardOpenOption.WRITE)) {
      ch.force(true);
    }
  }
}
