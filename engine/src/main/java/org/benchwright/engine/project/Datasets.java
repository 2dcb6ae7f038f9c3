package org.benchwright.engine.project;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Tabular datasets as rows (migration 0007): the stored file (a blob), its profile and the target
 * and task runs train for. Reading files and profiling them live in {@code engine.automl}; this
 * class only stores and reads.
 */
public final class Datasets {

  /** A stored dataset; {@code profile} is the harness's JSON text. */
  public record Dataset(
      long id,
      String name,
      String fileName,
      String format,
      String sha256,
      long size,
      long rows,
      int columns,
      String profile,
      String target,
      String task,
      String taskReason,
      boolean targetChosen,
      Instant createdAt) {}

  /** What adding a dataset writes; the blob must be stored already. */
  public record NewDataset(
      String name,
      String fileName,
      String format,
      String sha256,
      long size,
      long rows,
      int columns,
      String profile,
      String target,
      String task,
      String taskReason,
      boolean targetChosen) {}

  private static final String COLUMNS =
      "id, name, file_name, format, sha256, size, rows, columns, profile, target, task,"
          + " task_reason, target_chosen, created_at";

  private final Store store;

  Datasets(Store store) {
    this.store = store;
  }

  /**
   * Stores a dataset row.
   *
   * @throws IllegalArgumentException when the name is taken (nothing is written)
   */
  public Dataset add(NewDataset d) {
    store.write(
        c -> {
          if (find(c, d.name()).isPresent()) {
            throw new IllegalArgumentException(
                "A dataset named '" + d.name() + "' exists already; choose another with --name.");
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO datasets (name, file_name, format, sha256, size, rows, columns,"
                      + " profile, target, task, task_reason, target_chosen, created_at)"
                      + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
            ps.setString(1, d.name());
            ps.setString(2, d.fileName());
            ps.setString(3, d.format());
            ps.setString(4, d.sha256());
            ps.setLong(5, d.size());
            ps.setLong(6, d.rows());
            ps.setInt(7, d.columns());
            ps.setString(8, d.profile());
            ps.setString(9, d.target());
            ps.setString(10, d.task());
            ps.setString(11, d.taskReason());
            ps.setInt(12, d.targetChosen() ? 1 : 0);
            ps.setLong(13, System.currentTimeMillis());
            ps.executeUpdate();
          }
          return null;
        });
    return find(d.name()).orElseThrow();
  }

  /** Every dataset, by name. */
  public List<Dataset> list() {
    return store.read(
        c -> {
          List<Dataset> out = new ArrayList<>();
          try (PreparedStatement ps =
                  c.prepareStatement("SELECT " + COLUMNS + " FROM datasets ORDER BY name");
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              out.add(row(rs));
            }
          }
          return out;
        });
  }

  public Optional<Dataset> find(String name) {
    return store.read(c -> find(c, name));
  }

  /**
   * Changes the target and task runs use (a user's override, with the profile's reason replaced by
   * {@code reason}); false when there is no such dataset.
   */
  public boolean setTarget(String name, String target, String task, String reason) {
    return setTarget(name, target, task, reason, null);
  }

  /**
   * As {@link #setTarget(String, String, String, String)}, with the profile computed for the new
   * target (its class balance and candidates); null keeps the stored one.
   */
  public boolean setTarget(
      String name, String target, String task, String reason, String profileJson) {
    return store.write(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE datasets SET target = ?, task = ?, task_reason = ?, target_chosen = 1,"
                      + " profile = coalesce(?, profile) WHERE name = ?")) {
            ps.setString(1, target);
            ps.setString(2, task);
            ps.setString(3, reason);
            ps.setString(4, profileJson);
            ps.setString(5, name);
            return ps.executeUpdate() == 1;
          }
        });
  }

  /** Removes the row; the blob stays while runs' files refer to it. */
  public boolean delete(String name) {
    return store.write(
        c -> {
          try (PreparedStatement ps = c.prepareStatement("DELETE FROM datasets WHERE name = ?")) {
            ps.setString(1, name);
            return ps.executeUpdate() == 1;
          }
        });
  }

  private static Optional<Dataset> find(Connection c, String name) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT " + COLUMNS + " FROM datasets WHERE name = ?")) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(row(rs)) : Optional.empty();
      }
    }
  }

  private static Dataset row(ResultSet rs) throws SQLException {
    return new Dataset(
        rs.getLong(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        rs.getLong(6),
        rs.getLong(7),
        rs.getInt(8),
        rs.getString(9),
        rs.getString(10),
        rs.getString(11),
        rs.getString(12),
        rs.getInt(13) == 1,
        Instant.ofEpochMilli(rs.getLong(14)));
  }
}
