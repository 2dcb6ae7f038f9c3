package org.benchwright.engine.project;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows one run holds for a stretch of another run's history: what a fork reads from an ancestor
 * ({@link Lineage.Segment}). Deleting a run copies them into its forks, and a bundle that leaves an
 * ancestor behind carries them as the fork's own (ADR 0041), so both pick rows the same way here.
 *
 * <p>Columns are read from the table itself rather than listed, so a column a later migration adds
 * is carried along without touching this class.
 */
final class HistoryRows {

  /** Receives one row as column name to value. */
  @FunctionalInterface
  interface RowWork {
    void row(Map<String, Object> row) throws Exception;
  }

  /** The per-run tables holding history, in the order rows must be inserted. */
  static final List<String> TABLES =
      List.of("events", "run_files", "plan_revisions", "todo_items", "approvals", "sandbox_execs");

  // ?1 the run holding the rows, ?2..?3 the steps of the segment (inclusive).
  private static final String IN_SEGMENT = "run_id = ?1 AND seq >= ?2 AND seq <= ?3";

  /**
   * A gate belongs to the stretch when it opened there and was decided there too. A gate still open
   * at the end of the stretch is left out: approvals rows are updated in place when decided, so the
   * row would say what the ancestor decided later (or show an undecided gate the fork never waits
   * on, since the fork opens its own gate when it goes on from that point).
   */
  private static final String APPROVALS_IN_SEGMENT =
      "run_id = ?1 AND gate_seq >= ?2 AND gate_seq <= ?3 AND EXISTS (SELECT 1 FROM events e"
          + " WHERE e.run_id = ?1 AND e.type = 'GATE_DECIDED' AND e.seq > approvals.gate_seq"
          + " AND e.seq <= ?3 AND json_extract(e.payload, '$.gate_seq') = approvals.gate_seq)";

  private HistoryRows() {}

  private static String where(String table) {
    return switch (table) {
      case "events", "run_files", "plan_revisions", "sandbox_execs" -> IN_SEGMENT;
      case "approvals" -> APPROVALS_IN_SEGMENT;
      default -> throw new IllegalArgumentException("Not a history table: " + table);
    };
  }

  private static String order(String table) {
    return switch (table) {
      case "events" -> " ORDER BY seq";
      case "run_files" -> " ORDER BY path, seq";
      default -> " ORDER BY id";
    };
  }

  /**
   * Streams the rows of one table the segment's run holds for the segment, with {@code run_id}
   * replaced by {@code asRun}: the shape {@link RunTransfer#export} writes for the run itself. Plan
   * revisions and execs keep their ids, which are unique in the project, so todo items still name
   * their revision.
   */
  static void read(Connection c, String table, Lineage.Segment seg, long asRun, RowWork work)
      throws Exception {
    String sql =
        table.equals("todo_items")
            ? "SELECT t.* FROM todo_items t JOIN plan_revisions p ON p.id = t.plan_revision_id"
                + " WHERE p.run_id = ?1 AND p.seq >= ?2 AND p.seq <= ?3"
                + " ORDER BY t.plan_revision_id, t.position"
            : "SELECT * FROM " + table + " WHERE " + where(table) + order(table);
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, seg);
      try (ResultSet rs = ps.executeQuery()) {
        ResultSetMetaData md = rs.getMetaData();
        while (rs.next()) {
          Map<String, Object> row = new LinkedHashMap<>();
          for (int i = 1; i <= md.getColumnCount(); i++) {
            row.put(md.getColumnLabel(i), rs.getObject(i));
          }
          if (row.containsKey("run_id")) {
            row.put("run_id", asRun);
          }
          work.row(row);
        }
      }
    }
  }

  /**
   * Copies the rows the segment's run holds for the segment into run {@code toRun}, inside the
   * caller's write transaction. Returns the number of events copied.
   */
  static long copy(Connection c, Lineage.Segment seg, long toRun) throws SQLException {
    long events = 0;
    for (String table : List.of("events", "run_files", "approvals", "sandbox_execs")) {
      int n = copyWhere(c, table, where(table), seg, toRun);
      if (table.equals("events")) {
        events = n;
      }
    }
    // Revisions get new ids; their items follow them one revision at a time.
    List<Long> revisions = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement("SELECT id FROM plan_revisions WHERE " + IN_SEGMENT + " ORDER BY id")) {
      bind(ps, seg);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          revisions.add(rs.getLong(1));
        }
      }
    }
    List<String> revisionCols = columns(c, "plan_revisions");
    List<String> itemCols = columns(c, "todo_items");
    for (long revision : revisions) {
      try (PreparedStatement ps =
          c.prepareStatement(
              insertSelect("plan_revisions", revisionCols, "run_id", "id = ?2", "?1"))) {
        ps.setLong(1, toRun);
        ps.setLong(2, revision);
        ps.executeUpdate();
      }
      long copied = lastInsertId(c);
      try (PreparedStatement ps =
          c.prepareStatement(
              insertSelect(
                  "todo_items", itemCols, "plan_revision_id", "plan_revision_id = ?2", "?1"))) {
        ps.setLong(1, copied);
        ps.setLong(2, revision);
        ps.executeUpdate();
      }
    }
    return events;
  }

  private static int copyWhere(
      Connection c, String table, String where, Lineage.Segment seg, long toRun)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(insertSelect(table, columns(c, table), "run_id", where, "?4"))) {
      bind(ps, seg);
      ps.setLong(4, toRun);
      return ps.executeUpdate();
    }
  }

  /**
   * {@code INSERT INTO t (cols) SELECT cols FROM t WHERE ...} with one column replaced by a
   * parameter; a local {@code id} is left out so the copy gets a new one.
   */
  private static String insertSelect(
      String table, List<String> cols, String replaced, String where, String param) {
    List<String> target = cols.stream().filter(col -> !col.equals("id")).toList();
    List<String> source = target.stream().map(col -> col.equals(replaced) ? param : col).toList();
    return "INSERT INTO "
        + table
        + " ("
        + String.join(", ", target)
        + ") SELECT "
        + String.join(", ", source)
        + " FROM "
        + table
        + " WHERE "
        + where;
  }

  static List<String> columns(Connection c, String table) throws SQLException {
    List<String> cols = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA table_info(" + table + ")")) {
      while (rs.next()) {
        cols.add(rs.getString("name"));
      }
    }
    return cols;
  }

  private static void bind(PreparedStatement ps, Lineage.Segment seg) throws SQLException {
    ps.setLong(1, seg.runId());
    ps.setLong(2, seg.from());
    ps.setLong(3, seg.to());
  }

  static long lastInsertId(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT last_insert_rowid()")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
