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

  private static final String SYMLINK = "symlink";
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
          insertVersion(c, runId, p, seq, sha, false);
          return seq;
        });
  }

  /**
   * One change whose content is stored already (see {@link BlobStore#put(java.io.InputStream)}).
   *
   * @param blobSha the content, or for a symlink its target; null records a deletion
   */
  public record Change(String path, String blobSha, long size, boolean symlink) {

    public static Change delete(String path) {
      return new Change(path, null, 0, false);
    }
  }

  /**
   * Records many changes in one transaction, one FILE_CHANGE event each, in order: what a sandbox
   * sync that found a thousand new files writes. Returns the seqs.
   */
  public long[] record(long runId, String node, List<Change> changes) {
    if (changes.isEmpty()) {
      return new long[0];
    }
    List<Change> normalised =
        changes.stream()
            .map(ch -> new Change(normalise(ch.path()), ch.blobSha(), ch.size(), ch.symlink()))
            .toList();
    return log.inTransaction(
        runId,
        c -> {
          List<Event> events = new java.util.ArrayList<>(normalised.size());
          for (Change ch : normalised) {
            if (ch.blobSha() == null) {
              events.add(Event.of(node, EventPayload.FileChange.delete(ch.path())));
            } else {
              EventPayload.FileChange fc =
                  ch.symlink()
                      ? EventPayload.FileChange.symlink(ch.path(), ch.blobSha(), ch.size())
                      : EventPayload.FileChange.write(ch.path(), ch.blobSha(), ch.size());
              events.add(EventCodec.encode(node, fc, ch.blobSha()));
            }
          }
          long[] seqs = log.appendAll(c, runId, events);
          for (int i = 0; i < seqs.length; i++) {
            Change ch = normalised.get(i);
            insertVersion(c, runId, ch.path(), seqs[i], ch.blobSha(), ch.symlink());
          }
          return seqs;
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
          insertVersion(c, runId, p, seq, null, false);
          return seq;
        });
  }

  /** The files that existed after event {@code seq}, by path, in path order. */
  public Map<String, FileVersion> filesAt(long runId, long seq) {
    return store.read(
        c -> {
          // Oldest segment first: a fork's own versions replace (or delete) its parent's.
          java.util.TreeMap<String, FileVersion> files = new java.util.TreeMap<>();
          for (Lineage.Segment seg : Lineage.of(c, runId)) {
            if (seg.from() > seq) {
              break;
            }
            try (PreparedStatement ps =
                c.prepareStatement(
                    "SELECT f.path, f.seq, f.blob_sha, b.size, f.kind FROM run_files f"
                        + " LEFT JOIN blobs b ON b.sha256 = f.blob_sha WHERE f.run_id = ?1"
                        + " AND f.seq = (SELECT max(g.seq) FROM run_files g"
                        + "   WHERE g.run_id = ?1 AND g.path = f.path"
                        + "   AND g.seq >= ?2 AND g.seq <= ?3)")) {
              ps.setLong(1, seg.runId());
              ps.setLong(2, seg.from());
              ps.setLong(3, Math.min(seq, seg.to()));
              try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                  String path = rs.getString(1);
                  if (rs.getString(3) == null) {
                    files.remove(path);
                  } else {
                    files.put(
                        path,
                        new FileVersion(
                            path,
                            rs.getLong(2),
                            rs.getString(3),
                            rs.getLong(4),
                            SYMLINK.equals(rs.getString(5))));
                  }
                }
              }
            }
          }
          return new LinkedHashMap<>(files);
        });
  }

  /**
   * The version of one file current after event {@code seq}; empty if it did not exist then (never
   * written, or deleted). Cheaper than {@link #filesAt} when one file is wanted.
   */
  public Optional<FileVersion> versionAt(long runId, String path, long seq) {
    String p = normalise(path);
    return store.read(c -> latest(c, runId, p, seq).map(v -> v.blobSha() == null ? null : v));
  }

  /** The content of one file as it was after event {@code seq}; empty if it did not exist. */
  public Optional<byte[]> fileAt(long runId, String path, long seq) {
    String p = normalise(path);
    return store.read(
        c -> {
          Optional<FileVersion> v = latest(c, runId, p, seq);
          if (v.isEmpty() || v.get().blobSha() == null) {
            return Optional.empty();
          }
          String sha = v.get().blobSha();
          return Optional.of(
              BlobStore.get(c, sha)
                  .orElseThrow(
                      () ->
                          new ProjectException.Corrupt(
                              "File " + p + " refers to a missing blob " + sha)));
        });
  }

  /**
   * The newest version of a path at or before {@code seq} along the run's lineage, newest segment
   * first; a version with a null blob is a deletion. Empty when the path was never written.
   */
  private static Optional<FileVersion> latest(java.sql.Connection c, long runId, String p, long seq)
      throws java.sql.SQLException {
    for (Lineage.Segment seg : Lineage.of(c, runId).reversed()) {
      if (seg.from() > seq) {
        continue;
      }
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT f.seq, f.blob_sha, b.size, f.kind FROM run_files f"
                  + " LEFT JOIN blobs b ON b.sha256 = f.blob_sha"
                  + " WHERE f.run_id = ? AND f.path = ? AND f.seq >= ? AND f.seq <= ?"
                  + " ORDER BY f.seq DESC LIMIT 1")) {
        ps.setLong(1, seg.runId());
        ps.setString(2, p);
        ps.setLong(3, seg.from());
        ps.setLong(4, Math.min(seq, seg.to()));
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) {
            return Optional.of(
                new FileVersion(
                    p,
                    rs.getLong(1),
                    rs.getString(2),
                    rs.getLong(3),
                    SYMLINK.equals(rs.getString(4))));
          }
        }
      }
    }
    return Optional.empty();
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
      java.sql.Connection c, long runId, String path, long seq, String sha, boolean symlink)
      throws java.sql.SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO run_files (run_id, path, seq, blob_sha, kind) VALUES (?,?,?,?,?)")) {
      ps.setLong(1, runId);
      ps.setString(2, path);
      ps.setLong(3, seq);
      ps.setString(4, sha);
      ps.setString(5, symlink ? SYMLINK : null);
      ps.executeUpdate();
    }
  }
}
