package org.benchwright.engine.project;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Synthesized capabilities as rows (migration 0006): a capability per name with its status, its
 * versions (spec, code, tests, embedding, origin), the test runs of each version and the uses that
 * measure its reuse. Validation, testing and ranking live in {@code engine.capabilities}; this
 * class only stores and reads.
 */
public final class Capabilities {

  /** Offered to agents. */
  public static final String ACTIVE = "active";

  /** Not offered: its tests stopped passing, or a user set it aside. */
  public static final String QUARANTINED = "quarantined";

  /** Imported from a bundle or file and not yet tested in this project: not offered. */
  public static final String UNVERIFIED = "unverified";

  /** One stored version of a capability; schemas and examples are JSON text. */
  public record Version(
      long id,
      String name,
      int version,
      String description,
      String parametersSchema,
      String resultSchema,
      String examples,
      String code,
      String tests,
      float[] embedding,
      String embeddingModel,
      Long originRunId,
      Long originSeq,
      String originNote,
      Instant createdAt) {}

  /** What reuse looked like: how often it was found, called, and how the calls ended. */
  public record Counters(long found, long called, long succeeded, long failed, Instant lastUsed) {
    public static final Counters NONE = new Counters(0, 0, 0, 0, null);
  }

  /** A capability with its newest version. */
  public record Entry(
      long id, String name, String status, String statusReason, Version latest, Counters counters) {
    public boolean offered() {
      return ACTIVE.equals(status);
    }
  }

  /** What the search index needs of a capability: its newest version's text and vector. */
  public record Searchable(
      String name, int version, String description, float[] embedding, String embeddingModel) {}

  /** One run of a version's tests. */
  public record TestRun(
      long id,
      long versionId,
      int version,
      String phase,
      boolean passed,
      int total,
      int failed,
      Integer exitCode,
      String termination,
      String report,
      long durationMs,
      Long runId,
      Instant at) {}

  /** A test run to record; {@code phase} is red, green or retest. */
  public record NewTestRun(
      String phase,
      boolean passed,
      int total,
      int failed,
      Integer exitCode,
      String termination,
      String report,
      long durationMs,
      Long runId) {}

  /** A use of a capability in a run: found, called, succeeded or failed. */
  public record Use(String kind, int version, Long runId, Long seq, Instant at) {}

  /**
   * What a registration writes.
   *
   * @param revises false: a new capability, refused when the name is taken; true: the next version
   *     of an existing one, refused when there is none
   */
  public record NewVersion(
      String name,
      boolean revises,
      String description,
      String parametersSchema,
      String resultSchema,
      String examples,
      String code,
      String tests,
      float[] embedding,
      String embeddingModel,
      Long originRunId,
      Long originSeq,
      String originNote,
      String status) {}

  private static final String COLUMNS =
      "v.id, c.name, v.version, v.description, v.parameters_schema, v.result_schema, v.examples,"
          + " v.code, v.tests, v.embedding, v.embedding_model, v.origin_run_id, v.origin_seq,"
          + " v.origin_note, v.created_at";

  private static final String LATEST =
      " v.version = (SELECT max(version) FROM capability_versions WHERE capability_id = c.id)";

  private final Store store;

  Capabilities(Store store) {
    this.store = store;
  }

  /**
   * Adds a version and the test runs that admitted it, in one transaction: a capability is never
   * registered without the proof that its tests failed empty and passed with its code.
   *
   * @throws IllegalArgumentException when the name is taken (a new capability) or unknown (a
   *     revision); nothing is written then
   */
  public Version register(NewVersion v, List<NewTestRun> tests) {
    long versionId =
        store.write(
            c -> {
              long now = System.currentTimeMillis();
              Optional<Long> existing = idOf(c, v.name());
              if (!v.revises() && existing.isPresent()) {
                throw new IllegalArgumentException(
                    "A capability named '"
                        + v.name()
                        + "' exists already; choose another name, or register a new version of"
                        + " it.");
              }
              if (v.revises() && existing.isEmpty()) {
                throw new IllegalArgumentException(
                    "There is no capability named '" + v.name() + "' to revise.");
              }
              long capId;
              if (existing.isPresent()) {
                capId = existing.get();
                try (PreparedStatement ps =
                    c.prepareStatement(
                        "UPDATE capabilities SET status = ?, status_reason = NULL WHERE id = ?")) {
                  ps.setString(1, v.status());
                  ps.setLong(2, capId);
                  ps.executeUpdate();
                }
              } else {
                try (PreparedStatement ps =
                    c.prepareStatement(
                        "INSERT INTO capabilities (name, status, created_at) VALUES (?, ?, ?)")) {
                  ps.setString(1, v.name());
                  ps.setString(2, v.status());
                  ps.setLong(3, now);
                  ps.executeUpdate();
                }
                capId = idOf(c, v.name()).orElseThrow();
              }
              long version =
                  Skills.single(
                      c,
                      "SELECT coalesce(max(version), 0) + 1 FROM capability_versions"
                          + " WHERE capability_id = ?",
                      capId);
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "INSERT INTO capability_versions (capability_id, version, description,"
                          + " parameters_schema, result_schema, examples, code, tests, embedding,"
                          + " embedding_model, origin_run_id, origin_seq, origin_note, created_at)"
                          + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
                ps.setLong(1, capId);
                ps.setLong(2, version);
                ps.setString(3, v.description());
                ps.setString(4, v.parametersSchema());
                ps.setString(5, v.resultSchema());
                ps.setString(6, v.examples());
                ps.setString(7, v.code());
                ps.setString(8, v.tests());
                ps.setBytes(9, v.embedding() == null ? null : Skills.pack(v.embedding()));
                ps.setString(10, v.embeddingModel());
                ps.setObject(11, v.originRunId());
                ps.setObject(12, v.originSeq());
                ps.setString(13, v.originNote());
                ps.setLong(14, now);
                ps.executeUpdate();
              }
              long id =
                  Skills.single(
                      c,
                      "SELECT id FROM capability_versions WHERE capability_id = ? AND version = "
                          + version,
                      capId);
              for (NewTestRun t : tests) {
                insertTest(c, id, t, now);
              }
              return id;
            });
    return versionById(versionId).orElseThrow();
  }

  /** Records a later run of a version's tests (re-run from the CLI or the desktop). */
  public void recordTest(long versionId, NewTestRun t) {
    store.write(
        c -> {
          insertTest(c, versionId, t, System.currentTimeMillis());
          return null;
        });
  }

  /** Every capability with its newest version and counters, by name. */
  public List<Entry> list() {
    List<Version> latest = versions(" WHERE" + LATEST + " ORDER BY c.name", List.of());
    Map<String, Counters> counters = counters(null);
    Map<String, String[]> status = status(null);
    List<Entry> out = new ArrayList<>();
    for (Version v : latest) {
      String[] s = status.get(v.name());
      out.add(
          new Entry(
              Long.parseLong(s[0]),
              v.name(),
              s[1],
              s[2],
              v,
              counters.getOrDefault(v.name(), Counters.NONE)));
    }
    return out;
  }

  public Optional<Entry> get(String name) {
    List<Version> all = versions(name);
    if (all.isEmpty()) {
      return Optional.empty();
    }
    String[] s = status(name).get(name);
    return Optional.of(
        new Entry(
            Long.parseLong(s[0]),
            name,
            s[1],
            s[2],
            all.getLast(),
            counters(name).getOrDefault(name, Counters.NONE)));
  }

  /** Every version of a capability, oldest first; empty when there is none of that name. */
  public List<Version> versions(String name) {
    return versions(" WHERE c.name = ? ORDER BY v.version", List.of(name));
  }

  public Optional<Version> version(String name, int version) {
    return versions(" WHERE c.name = ? AND v.version = ?", List.of(name, version)).stream()
        .findFirst();
  }

  /** The newest version of every capability that is offered, for the search index. */
  public List<Searchable> searchable() {
    return store.read(
        c -> {
          List<Searchable> out = new ArrayList<>();
          try (PreparedStatement ps =
                  c.prepareStatement(
                      "SELECT c.name, v.version, v.description, v.embedding, v.embedding_model"
                          + " FROM capabilities c JOIN capability_versions v ON v.capability_id ="
                          + " c.id WHERE c.status = 'active' AND"
                          + LATEST);
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              byte[] e = rs.getBytes(4);
              out.add(
                  new Searchable(
                      rs.getString(1),
                      rs.getInt(2),
                      rs.getString(3),
                      e == null ? null : Skills.unpack(e),
                      rs.getString(5)));
            }
          }
          return out;
        });
  }

  /**
   * Changes whenever the offered set may have changed (a registration, a deletion, a status
   * change): the search index is rebuilt only then.
   */
  public String generation() {
    return store.read(
        c -> {
          try (PreparedStatement ps =
                  c.prepareStatement(
                      "SELECT count(*), sum(status = 'active'),"
                          + " coalesce(sum(CASE WHEN status != 'active' THEN id END), 0),"
                          + " (SELECT coalesce(max(id), 0) FROM capability_versions)"
                          + " FROM capabilities");
              ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1) + "/" + rs.getLong(2) + "/" + rs.getLong(3) + "/" + rs.getLong(4);
          }
        });
  }

  /** Every test run of a capability's versions, oldest first. */
  public List<TestRun> testRuns(String name) {
    return store.read(
        c -> {
          List<TestRun> out = new ArrayList<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT t.id, t.capability_version_id, v.version, t.phase, t.passed,"
                      + " t.tests_total, t.tests_failed, t.exit_code, t.termination, t.report,"
                      + " t.duration_ms, t.run_id, t.created_at FROM capability_test_runs t JOIN"
                      + " capability_versions v ON v.id = t.capability_version_id JOIN"
                      + " capabilities c ON c.id = v.capability_id WHERE c.name = ? ORDER BY"
                      + " t.id")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                Integer exitCode = rs.getObject(8) == null ? null : rs.getInt(8);
                Long runId = nullableLong(rs, 12);
                out.add(
                    new TestRun(
                        rs.getLong(1),
                        rs.getLong(2),
                        rs.getInt(3),
                        rs.getString(4),
                        rs.getInt(5) != 0,
                        rs.getInt(6),
                        rs.getInt(7),
                        exitCode,
                        rs.getString(9),
                        rs.getString(10),
                        rs.getLong(11),
                        runId,
                        Instant.ofEpochMilli(rs.getLong(13))));
              }
            }
          }
          return out;
        });
  }

  /**
   * Sets a capability's status (active, quarantined, unverified) with the reason shown to users.
   *
   * @return false when there is no capability of that name
   */
  public boolean setStatus(String name, String status, String reason) {
    if (!List.of(ACTIVE, QUARANTINED, UNVERIFIED).contains(status)) {
      throw new IllegalArgumentException("Unknown capability status '" + status + "'.");
    }
    return store.write(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE capabilities SET status = ?, status_reason = ? WHERE name = ?")) {
            ps.setString(1, status);
            ps.setString(2, reason);
            ps.setString(3, name);
            return ps.executeUpdate() == 1;
          }
        });
  }

  /** Records one use (found, called, succeeded, failed) of a capability's version. */
  public void recordUse(String name, int version, String kind, Long runId, Long seq) {
    store.write(
        c -> {
          Optional<Long> id = idOf(c, name);
          if (id.isEmpty()) {
            return null;
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO capability_uses (capability_id, version, kind, run_id, seq,"
                      + " created_at) VALUES (?,?,?,?,?,?)")) {
            ps.setLong(1, id.get());
            ps.setInt(2, version);
            ps.setString(3, kind);
            ps.setObject(4, runId);
            ps.setObject(5, seq);
            ps.setLong(6, System.currentTimeMillis());
            ps.executeUpdate();
          }
          return null;
        });
  }

  /** Every recorded use of a capability, oldest first. */
  public List<Use> uses(String name) {
    return store.read(
        c -> {
          List<Use> out = new ArrayList<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT u.kind, u.version, u.run_id, u.seq, u.created_at FROM capability_uses u"
                      + " JOIN capabilities c ON c.id = u.capability_id WHERE c.name = ? ORDER BY"
                      + " u.id")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                Long runId = nullableLong(rs, 3);
                Long seq = nullableLong(rs, 4);
                out.add(
                    new Use(
                        rs.getString(1),
                        rs.getInt(2),
                        runId,
                        seq,
                        Instant.ofEpochMilli(rs.getLong(5))));
              }
            }
          }
          return out;
        });
  }

  /**
   * Deletes a capability with its versions, test runs and uses. The events of the runs that made or
   * used it stay as they were.
   *
   * @return false when there is none of that name
   */
  public boolean delete(String name) {
    return store.write(
        c -> {
          Optional<Long> id = idOf(c, name);
          if (id.isEmpty()) {
            return false;
          }
          for (String sql :
              List.of(
                  "DELETE FROM capability_test_runs WHERE capability_version_id IN (SELECT id FROM"
                      + " capability_versions WHERE capability_id = ?)",
                  "DELETE FROM capability_uses WHERE capability_id = ?",
                  "DELETE FROM capability_versions WHERE capability_id = ?",
                  "DELETE FROM capabilities WHERE id = ?")) {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
              ps.setLong(1, id.get());
              ps.executeUpdate();
            }
          }
          return true;
        });
  }

  private Optional<Version> versionById(long id) {
    return versions(" WHERE v.id = ?", List.of(id)).stream().findFirst();
  }

  private List<Version> versions(String where, List<Object> params) {
    return store.read(
        c -> {
          List<Version> out = new ArrayList<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT "
                      + COLUMNS
                      + " FROM capabilities c JOIN capability_versions v ON v.capability_id ="
                      + " c.id"
                      + where)) {
            for (int i = 0; i < params.size(); i++) {
              ps.setObject(i + 1, params.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                byte[] e = rs.getBytes(10);
                Long runId = nullableLong(rs, 12);
                Long seq = nullableLong(rs, 13);
                out.add(
                    new Version(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getInt(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getString(7),
                        rs.getString(8),
                        rs.getString(9),
                        e == null ? null : Skills.unpack(e),
                        rs.getString(11),
                        runId,
                        seq,
                        rs.getString(14),
                        Instant.ofEpochMilli(rs.getLong(15))));
              }
            }
          }
          return out;
        });
  }

  private Map<String, Counters> counters(String name) {
    return store.read(
        c -> {
          Map<String, Counters> out = new LinkedHashMap<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT c.name, sum(u.kind = 'found'), sum(u.kind = 'called'),"
                      + " sum(u.kind = 'succeeded'), sum(u.kind = 'failed'),"
                      + " max(CASE WHEN u.kind = 'called' THEN u.created_at END)"
                      + " FROM capability_uses u JOIN capabilities c ON c.id = u.capability_id"
                      + (name == null ? "" : " WHERE c.name = ?")
                      + " GROUP BY c.name")) {
            if (name != null) {
              ps.setString(1, name);
            }
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                long last = rs.getLong(6);
                out.put(
                    rs.getString(1),
                    new Counters(
                        rs.getLong(2),
                        rs.getLong(3),
                        rs.getLong(4),
                        rs.getLong(5),
                        rs.wasNull() ? null : Instant.ofEpochMilli(last)));
              }
            }
          }
          return out;
        });
  }

  /** id, status and reason by name. */
  private Map<String, String[]> status(String name) {
    return store.read(
        c -> {
          Map<String, String[]> out = new LinkedHashMap<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT id, name, status, status_reason FROM capabilities"
                      + (name == null ? "" : " WHERE name = ?"))) {
            if (name != null) {
              ps.setString(1, name);
            }
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.put(
                    rs.getString(2),
                    new String[] {String.valueOf(rs.getLong(1)), rs.getString(3), rs.getString(4)});
              }
            }
          }
          return out;
        });
  }

  private static void insertTest(Connection c, long versionId, NewTestRun t, long now)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO capability_test_runs (capability_version_id, phase, passed,"
                + " tests_total, tests_failed, exit_code, termination, report, duration_ms,"
                + " run_id, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)")) {
      ps.setLong(1, versionId);
      ps.setString(2, t.phase());
      ps.setInt(3, t.passed() ? 1 : 0);
      ps.setInt(4, t.total());
      ps.setInt(5, t.failed());
      if (t.exitCode() == null) {
        ps.setNull(6, Types.INTEGER);
      } else {
        ps.setInt(6, t.exitCode());
      }
      ps.setString(7, t.termination());
      ps.setString(8, t.report());
      ps.setLong(9, t.durationMs());
      ps.setObject(10, t.runId());
      ps.setLong(11, now);
      ps.executeUpdate();
    }
  }

  /** A BIGINT column that may be NULL. */
  private static Long nullableLong(ResultSet rs, int column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : v;
  }

  private static Optional<Long> idOf(Connection c, String name) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT id FROM capabilities WHERE name = ?")) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
      }
    }
  }
}
