package org.benchwright.engine.project;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The files of a run at any step. Each change is a FILE_CHANGE event plus a version row, written in
 * one transaction, so the files at step N are exactly what events 1..N wrote.
 */
public final class RunFiles {

  private static final Pattern BAD_SEGMENT = Pattern.compile("(^|/)\\.{1,2}(/|$)");

  private final Store store;
  private final EventLog log;

  RunFiles(Store store, EventLog log) {
    this.store = store;
    this.log = log;
  }

  /** Records new content for a file; returns the seq of the FILE_CHANGE event. */
  public long write(long runId, String node, String path, byte[] content) {
    String p = normalise(path);
    return log.inTransaction(
        runId,
        c -> {
          String sha = BlobStore.put(c, content);
          Event change =
              EventCodec.encode(node, EventPayload.FileChange.write(p, sha, content.length), sha);
          long seq = log.appendAll(c, runId, List.of(change))[0];
          insertVersion(c, runId, p, seq, sha);
          return seq;
        });
  }

  /** Records that a file was deleted; returns the seq of the FILE_CHANGE event. */
  public long delete(long runId, String node, String path) {
    String p = normalise(path);
    return log.inTransaction(
        runId,
        c -> {
          Event change = Event.of(node, EventPayload.FileChange.delete(p));
          long seq = log.appendAll(c, runId, List.of(change))[0];
          insertVersion(c, runId, p, seq, null);
          return seq;
        });
  }

  /** The files that existed after event {@code seq}, by path, in path order. */
  public Map<String, FileVersion> filesAt(long runId, long seq) {
    return store.read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT f.path, f.seq, f.blob_sha FROM run_files f WHERE f.run_id = ?1"
                      + " AND f.seq = (SELECT max(g.seq) FROM run_files g"
                      + "   WHERE g.run_id = ?1 AND g.path = f.path AND g.seq <= ?2)"
                      + " AND f.blob_sha IS NOT NULL ORDER BY f.path")) {
            ps.setLong(1, runId);
            ps.setLong(2, seq);
            Map<String, FileVersion> files = new LinkedHashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                files.put(
                    rs.getString(1),
                    new FileVersion(rs.getString(1), rs.getLong(2), rs.getString(3)));
              }
            }
            return files;
          }
        });
  }

  /**
   * The version of one file current after event {@code seq}; empty if it did not exist then (never
   * written, or deleted). Cheaper than {@link #filesAt} when one file is wanted.
   */
  public Optional<FileVersion> versionAt(long runId, String path, long seq) {
    String p = normalise(path);
    return store.read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT seq, blob_sha FROM run_files WHERE run_id = ? AND path = ? AND seq <= ?"
                      + " ORDER BY seq DESC LIMIT 1")) {
            ps.setLong(1, runId);
            ps.setString(2, p);
            ps.setLong(3, seq);
            try (ResultSet rs = ps.executeQuery()) {
              if (!rs.next() || rs.getString(2) == null) {
                return Optional.empty();
              }
              return Optional.of(new FileVersion(p, rs.getLong(1), rs.getString(2)));
            }
          }
        });
  }

  /** The content of one file as it was after event {@code seq}; empty if it did not exist. */
  public Optional<byte[]> fileAt(long runId, String path, long seq) {
    String p = normalise(path);
    return store.read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT blob_sha FROM run_files WHERE run_id = ? AND path = ? AND seq <= ?"
                      + " ORDER BY seq DESC LIMIT 1")) {
            ps.setLong(1, runId);
            ps.setString(2, p);
            ps.setLong(3, seq);
            try (ResultSet rs = ps.executeQuery()) {
              if (!rs.next() || rs.getString(1) == null) {
                return Optional.empty();
              }
              String sha = rs.getString(1);
              return Optional.of(
                  BlobStore.get(c, sha)
                      .orElseThrow(
                          () ->
                              new ProjectException.Corrupt(
                                  "File " + p + " refers to a missing blob " + sha)));
            }
          }
        });
  }

  /** Run-relative, forward slashes, no "." or ".." segments, not absolute. */
  static String normalise(String path) {
    if (path == null || path.isBlank()) {
      throw new IllegalArgumentException("A run file needs a path.");
    }
    String p = path.replace('\\', '/');
    while (p.startsWith("./")) {
      p = p.substring(2);
    }
    if (p.startsWith("/") || p.matches("^[A-Za-z]:/.*")) {
      throw new IllegalArgumentException("Run file paths are relative to the run: " + path);
    }
    if (BAD_SEGMENT.matcher(p).find() || p.contains("//") || p.endsWith("/")) {
      throw new IllegalArgumentException("Run file path has an empty, '.' or '..' part: " + path);
    }
    return p;
  }

  private static void insertVersion(
      java.sql.Connection c, long runId, String path, long seq, String sha)
      throws java.sql.SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO run_files (run_id, path, seq, blob_sha) VALUES (?,?,?,?)")) {
      ps.setLong(1, runId);
      ps.setString(2, path);
      ps.setLong(3, seq);
      ps.setString(4, sha);
      ps.executeUpdate();
    }
  }
}
