package org.benchwright.engine.project;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Moves whole runs between projects as plain rows (column name to value), so that a bundle can
 * carry them and another project can take them in unchanged. Local ids (runs, plan revisions,
 * approvals, sandbox execs) are renumbered on import; everything else, sequence numbers and
 * timestamps included, is kept as it was. Raw SQL stays here, inside the project feature.
 */
public final class RunTransfer {

  /** The tables of one run, in the order they must be imported. */
  public static final List<String> TABLES =
      List.of(
          "runs",
          "events",
          "run_files",
          "plan_revisions",
          "todo_items",
          "approvals",
          "sandbox_execs");

  /**
   * How {@link #export} reads each table of a run after its runs row (in {@link #TABLES} order),
   * and which columns of those rows name a blob the bundle must carry.
   */
  private record RunTable(String table, String sql, List<String> blobColumns) {}

  private static final List<RunTable> RUN_TABLES =
      List.of(
          new RunTable(
              "events", "SELECT * FROM events WHERE run_id = ? ORDER BY seq", List.of("blob_sha")),
          new RunTable(
              "run_files",
              "SELECT * FROM run_files WHERE run_id = ? ORDER BY path, seq",
              List.of("blob_sha")),
          new RunTable(
              "plan_revisions",
              "SELECT * FROM plan_revisions WHERE run_id = ? ORDER BY id",
              List.of()),
          new RunTable(
              "todo_items",
              "SELECT t.* FROM todo_items t JOIN plan_revisions p ON p.id = t.plan_revision_id"
                  + " WHERE p.run_id = ? ORDER BY t.plan_revision_id, t.position",
              List.of()),
          new RunTable(
              "approvals", "SELECT * FROM approvals WHERE run_id = ? ORDER BY id", List.of()),
          new RunTable(
              "sandbox_execs",
              "SELECT * FROM sandbox_execs WHERE run_id = ? ORDER BY id",
              List.of("stdout_blob", "stderr_blob")));

  /** Receives the rows of one run, table by table in {@link #TABLES} order. */
  @FunctionalInterface
  public interface RowSink {
    void row(String table, Map<String, Object> row) throws Exception;
  }

  /** Work done inside one import transaction; throwing anything rolls it all back. */
  @FunctionalInterface
  public interface ImportWork<T> {
    T run(Importer importer) throws Exception;
  }

  private final Store store;

  RunTransfer(Store store) {
    this.store = store;
  }

  /**
   * Streams every row of a run to the sink from one consistent read snapshot, and returns the
   * SHA-256 of every blob those rows refer to. The runs row carries an extra {@code parent_uid}. A
   * fork is exported as if no other run came with it: see {@link #export(long, Set, RowSink)}.
   */
  public Set<String> export(long runId, RowSink sink) {
    return export(runId, Set.of(), sink);
  }

  /**
   * Streams every row of a run, as {@link #export(long, RowSink)}, for a bundle that also carries
   * the runs {@code alongside}. A fork keeps sharing with the nearest ancestor that comes along
   * (its {@code parent_uid} names it); what it reads from ancestors that stay behind is written as
   * its own rows, so the bundle alone gives the same events and files at every step (ADR 0041).
   * With no ancestor alongside, its whole history is its own and {@code parent_uid} is null.
   */
  public Set<String> export(long runId, Set<Long> alongside, RowSink sink) {
    return store.read(
        c -> {
          c.setAutoCommit(false); // one read transaction: one snapshot for all tables
          try {
            Set<String> blobs = new LinkedHashSet<>();
            List<Map<String, Object>> runRow = new ArrayList<>();
            query(
                c,
                "SELECT r.*, p.uid AS parent_uid FROM runs r LEFT JOIN runs p"
                    + " ON p.id = r.parent_run_id WHERE r.id = ?",
                runId,
                runRow::add);
            if (runRow.isEmpty()) {
              throw new ProjectException("No run " + runId + " in this project.");
            }
            Map<String, Object> run = runRow.getFirst();
            List<Lineage.Segment> carried = relink(c, runId, run, alongside);
            sink.row("runs", run);
            for (RunTable t : RUN_TABLES) {
              HistoryRows.RowWork each =
                  row -> {
                    for (String column : t.blobColumns()) {
                      addBlob(blobs, row.get(column));
                    }
                    sink.row(t.table(), row);
                  };
              for (Lineage.Segment seg : carried) {
                HistoryRows.read(c, t.table(), seg, runId, each);
              }
              query(c, t.sql(), runId, each::row);
            }
            return blobs;
          } catch (SQLException | RuntimeException e) {
            throw e;
          } catch (Exception e) {
            throw new ProjectException("Cannot export run " + runId + ": " + e.getMessage(), e);
          } finally {
            c.commit();
            c.setAutoCommit(true);
          }
        });
  }

  /**
   * Points an exported runs row at the nearest ancestor that comes along and returns the segments
   * of the ancestors left behind, oldest first, which the export carries as the run's own rows. The
   * fork point follows Lineage's rule: the ancestor's part ends at the smallest fork point on the
   * way up to it.
   */
  private static List<Lineage.Segment> relink(
      Connection c, long runId, Map<String, Object> row, Set<Long> alongside) throws SQLException {
    Long parent = asLong(row.get("parent_run_id"));
    Long forkSeq = asLong(row.get("fork_seq"));
    if (parent == null || forkSeq == null || alongside.contains(parent)) {
      return List.of(); // not a fork (Lineage's rule), or it keeps sharing with its parent
    }
    Set<Long> leftBehind = new HashSet<>();
    long point = forkSeq;
    Long kept = null;
    long ancestor = parent;
    while (true) {
      if (alongside.contains(ancestor)) {
        kept = ancestor;
        break;
      }
      if (!leftBehind.add(ancestor)) {
        throw new ProjectException.Corrupt("Run " + runId + " is its own ancestor.");
      }
      Long[] up = parentOf(c, ancestor);
      if (up == null) {
        break;
      }
      point = Math.min(point, up[1]);
      ancestor = up[0];
    }
    if (kept == null) {
      row.put("parent_run_id", null);
      row.put("parent_uid", null);
    } else {
      row.put("parent_run_id", kept);
      row.put("parent_uid", uidOf(c, kept));
      row.put("fork_seq", point);
    }
    List<Lineage.Segment> carried = new ArrayList<>();
    for (Lineage.Segment seg : Lineage.of(c, runId)) {
      if (leftBehind.contains(seg.runId())) {
        carried.add(seg);
      }
    }
    return carried;
  }

  /** {parent, fork seq} of a run that is a fork, else null (as Lineage reads it). */
  private static Long[] parentOf(Connection c, long runId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT parent_run_id, fork_seq FROM runs WHERE id = ?")) {
      ps.setLong(1, runId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next() || rs.getObject(1) == null || rs.getObject(2) == null) {
          return null;
        }
        return new Long[] {rs.getLong(1), rs.getLong(2)};
      }
    }
  }

  private static String uidOf(Connection c, long runId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT uid FROM runs WHERE id = ?")) {
      ps.setLong(1, runId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    }
  }

  /**
   * Runs the work in one write transaction: all the runs it imports appear together, or (if it
   * throws) nothing changes.
   */
  public <T> T importRuns(ImportWork<T> work) {
    return store.write(
        c -> {
          try {
            return work.run(new Importer(c));
          } catch (SQLException | RuntimeException e) {
            throw e;
          } catch (Exception e) {
            throw new ProjectException("Import failed, nothing was changed: " + e.getMessage(), e);
          }
        });
  }

  /** Inserts rows exported by {@link #export} inside an import transaction. */
  public static final class Importer {
    private final Connection c;
    private final Map<String, Set<String>> columns = new HashMap<>();
    private final Map<Long, Long> runIds = new HashMap<>();
    private final Map<Long, Long> planIds = new HashMap<>();
    private final Map<String, Long> runByUid = new HashMap<>();

    private Importer(Connection c) {
      this.c = c;
    }

    /** Whether a run with this uid is already in the project. */
    public boolean hasRun(String uid) throws SQLException {
      return runWithUid(uid) != null;
    }

    /** Stores a blob and checks it has the expected address. */
    public void blob(String expectedSha, byte[] data) throws SQLException {
      String sha = BlobStore.put(c, data);
      if (!sha.equals(expectedSha)) {
        throw new ProjectException.Corrupt(
            "Blob " + expectedSha + " has different content (SHA-256 " + sha + ").");
      }
    }

    /** Inserts one exported row; returns the new local run id for a runs row, else 0. */
    public long row(String table, Map<String, Object> exported) throws SQLException {
      if (!TABLES.contains(table)) {
        throw new ProjectException("Unknown table " + table + " in the import.");
      }
      Map<String, Object> row = new LinkedHashMap<>(exported);
      Object oldId = null;
      switch (table) {
        case "runs" -> {
          oldId = row.remove("id");
          String uid = (String) row.get("uid");
          if (uid == null) {
            throw new ProjectException.Corrupt("A run without a uid in the import.");
          }
          if (hasRun(uid)) {
            throw new ProjectException(
                "Run " + uid + " already exists in this project; nothing was imported.");
          }
          Object parentUid = row.remove("parent_uid");
          row.put("parent_run_id", parentUid == null ? null : localRun((String) parentUid));
        }
        case "plan_revisions" -> {
          oldId = row.remove("id");
          row.put("run_id", mapRun(row.get("run_id")));
        }
        case "todo_items" -> {
          row.remove("id");
          Long plan = planIds.get(asLong(row.get("plan_revision_id")));
          if (plan == null) {
            throw new ProjectException.Corrupt("A todo item of an unknown plan revision.");
          }
          row.put("plan_revision_id", plan);
        }
        case "approvals", "sandbox_execs" -> {
          row.remove("id");
          row.put("run_id", mapRun(row.get("run_id")));
        }
        default -> row.put("run_id", mapRun(row.get("run_id")));
      }
      long newId = insert(table, row);
      if (table.equals("runs")) {
        runIds.put(asLong(oldId), newId);
        runByUid.put((String) row.get("uid"), newId);
        return newId;
      }
      if (table.equals("plan_revisions")) {
        planIds.put(asLong(oldId), newId);
      }
      return 0;
    }

    private Long localRun(String uid) throws SQLException {
      Long id = runByUid.get(uid);
      if (id != null) {
        return id;
      }
      return runWithUid(uid); // null for a parent left behind: the fork stands alone
    }

    /** The local id of the run with this uid already in the project, or null. */
    private Long runWithUid(String uid) throws SQLException {
      try (PreparedStatement ps = c.prepareStatement("SELECT id FROM runs WHERE uid = ?")) {
        ps.setString(1, uid);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? rs.getLong(1) : null;
        }
      }
    }

    private long mapRun(Object oldRunId) {
      Long id = runIds.get(asLong(oldRunId));
      if (id == null) {
        throw new ProjectException.Corrupt("Rows of a run the import does not contain.");
      }
      return id;
    }

    private long insert(String table, Map<String, Object> row) throws SQLException {
      Set<String> known = columns.computeIfAbsent(table, this::columnsOf);
      for (String col : row.keySet()) {
        if (!known.contains(col)) {
          throw new ProjectException(
              "The import has a column "
                  + table
                  + "."
                  + col
                  + " this Benchwright does not know; update Benchwright to import it.");
        }
      }
      List<String> cols = new ArrayList<>(row.keySet());
      String sql =
          "INSERT INTO "
              + table
              + " ("
              + String.join(", ", cols)
              + ") VALUES ("
              + String.join(", ", cols.stream().map(x -> "?").toList())
              + ")";
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        for (int i = 0; i < cols.size(); i++) {
          ps.setObject(i + 1, row.get(cols.get(i)));
        }
        ps.executeUpdate();
      }
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT last_insert_rowid()")) {
        rs.next();
        return rs.getLong(1);
      }
    }

    private Set<String> columnsOf(String table) {
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("PRAGMA table_info(" + table + ")")) {
        Set<String> cols = new HashSet<>();
        while (rs.next()) {
          cols.add(rs.getString("name"));
        }
        return cols;
      } catch (SQLException e) {
        throw new ProjectException("Cannot read the columns of " + table + ": " + e.getMessage());
      }
    }
  }

  /**
   * Writes a consistent copy of a project (including what is still in its WAL) to target, with
   * {@code VACUUM INTO} on a read connection: it needs no writer lock and does not block a writer
   * in another process. The target must not exist.
   */
  public static void snapshot(Path project, Path target) {
    Path f = project.toAbsolutePath().normalize();
    int version = ProjectFileInspector.inspect(f);
    if (version > Migrations.CURRENT_VERSION) {
      throw new ProjectException.TooNew(f + " was written by a newer Benchwright.");
    }
    if (Files.exists(target)) {
      throw new ProjectException(target + " already exists.");
    }
    try (Connection c = SqliteConnections.reader(f);
        Statement s = c.createStatement()) {
      s.execute("PRAGMA query_only = 0"); // VACUUM INTO writes only the new file
      s.execute("VACUUM INTO '" + target.toAbsolutePath().toString().replace("'", "''") + "'");
    } catch (SQLException e) {
      throw new ProjectException("Cannot snapshot " + f + ": " + e.getMessage(), e);
    }
  }

  @FunctionalInterface
  private interface RowWork {
    void row(Map<String, Object> row) throws Exception;
  }

  private static int query(Connection c, String sql, long runId, RowWork work) throws Exception {
    int n = 0;
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, runId);
      try (ResultSet rs = ps.executeQuery()) {
        ResultSetMetaData md = rs.getMetaData();
        while (rs.next()) {
          Map<String, Object> row = new LinkedHashMap<>();
          for (int i = 1; i <= md.getColumnCount(); i++) {
            row.put(md.getColumnLabel(i), rs.getObject(i));
          }
          work.row(row);
          n++;
        }
      }
    }
    return n;
  }

  private static void addBlob(Set<String> blobs, Object sha) {
    if (sha != null) {
      blobs.add((String) sha);
    }
  }

  private static Long asLong(Object o) {
    return o == null ? null : ((Number) o).longValue();
  }
}
