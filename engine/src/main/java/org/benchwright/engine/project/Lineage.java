package org.benchwright.engine.project;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Where a run's history is stored. A fork shares its parent's events up to its fork point instead
 * of copying them (ADR 0040): its own events start at {@code fork_seq + 1}, and everything before
 * is read from the parent, which may itself be a fork. Every per-step read of a run (events, files
 * at a step, plan revisions) walks these segments, so a fork reads exactly like a run that did all
 * of it itself.
 *
 * <p>Resolved on each read, inside the reader's own query, rather than cached: a fork's parent
 * changes when that parent is deleted (its shared part moves into the fork), possibly by another
 * process, and resolving is one primary-key lookup per ancestor.
 */
public final class Lineage {

  /**
   * The events {@code from..to} (inclusive) of the run {@code runId} belong to the history read.
   */
  public record Segment(long runId, long from, long to) {
    public boolean covers(long seq) {
      return seq >= from && seq <= to;
    }
  }

  private Lineage() {}

  /** The segments of a run's history, oldest first; a run that is not a fork has one. */
  static List<Segment> of(Connection c, long runId) throws SQLException {
    List<Segment> newestFirst = new ArrayList<>();
    Set<Long> seen = new HashSet<>();
    long run = runId;
    long to = Long.MAX_VALUE;
    while (true) {
      if (!seen.add(run)) {
        throw new ProjectException.Corrupt("Run " + runId + " is its own ancestor.");
      }
      long[] parent = parentOf(c, run);
      if (parent == null) {
        newestFirst.add(new Segment(run, 1, to));
        break;
      }
      long forkSeq = parent[1];
      if (forkSeq < to) {
        newestFirst.add(new Segment(run, forkSeq + 1, to));
      }
      to = Math.min(to, forkSeq);
      run = parent[0];
    }
    return newestFirst.reversed();
  }

  /** Whether a run is a fork (has a parent it shares events with). */
  static boolean isFork(Connection c, long runId) throws SQLException {
    return parentOf(c, runId) != null;
  }

  /** The seq a run's own events continue from: its fork point, or 0 for a run that is no fork. */
  static long base(Connection c, long runId) throws SQLException {
    long[] parent = parentOf(c, runId);
    return parent == null ? 0 : parent[1];
  }

  /** {parent id, fork seq}, or null for a run that is not a fork (or does not exist). */
  private static long[] parentOf(Connection c, long runId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT parent_run_id, fork_seq FROM runs WHERE id = ?")) {
      ps.setLong(1, runId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        long parent = rs.getLong(1);
        if (rs.wasNull()) {
          return null;
        }
        long forkSeq = rs.getLong(2);
        // A parent without a fork point (a run imported from a bundle lacking the point) shares
        // nothing: the run holds all of its own events.
        return rs.wasNull() ? null : new long[] {parent, forkSeq};
      }
    }
  }
}
