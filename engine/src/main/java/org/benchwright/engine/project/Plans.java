package org.benchwright.engine.project;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Plans and TODO lists, versioned: every change is a new revision (rows plus a TODO_CHANGE event in
 * one transaction), so the list at any step is the newest revision at or before it.
 */
public final class Plans {

  private final Store store;
  private final EventLog log;

  Plans(Store store, EventLog log) {
    this.store = store;
    this.log = log;
  }

  /** Records a new revision; returns it with its number and the seq of its TODO_CHANGE event. */
  public PlanRevision revise(long runId, String node, String planText, List<TodoItem> items) {
    return log.inTransaction(
        runId,
        c -> {
          int revision = latestRevision(c, runId) + 1;
          Event change = Event.of(node, new EventPayload.TodoChange(revision, planText, items));
          long seq = log.appendAll(c, runId, List.of(change))[0];
          long id;
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO plan_revisions (run_id, revision, seq, plan_text, created_at)"
                      + " VALUES (?,?,?,?,?)",
                  java.sql.Statement.RETURN_GENERATED_KEYS)) {
            ps.setLong(1, runId);
            ps.setInt(2, revision);
            ps.setLong(3, seq);
            ps.setString(4, planText);
            ps.setLong(5, System.currentTimeMillis());
            ps.executeUpdate();
          }
          try (var s = c.createStatement();
              ResultSet rs = s.executeQuery("SELECT last_insert_rowid()")) {
            rs.next();
            id = rs.getLong(1);
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO todo_items (plan_revision_id, position, text, status, proof)"
                      + " VALUES (?,?,?,?,?)")) {
            for (int i = 0; i < items.size(); i++) {
              ps.setLong(1, id);
              ps.setInt(2, i);
              ps.setString(3, items.get(i).text());
              ps.setString(4, items.get(i).status());
              ps.setString(5, items.get(i).proof());
              ps.addBatch();
            }
            ps.executeBatch();
          }
          return new PlanRevision(runId, revision, seq, planText, List.copyOf(items));
        });
  }

  /** The newest revision recorded at or before {@code seq} (a fork's parent's before its point). */
  public Optional<PlanRevision> at(long runId, long seq) {
    return store.read(
        c -> {
          for (Lineage.Segment seg : Lineage.of(c, runId).reversed()) {
            if (seg.from() > seq) {
              continue;
            }
            try (PreparedStatement ps =
                c.prepareStatement(
                    "SELECT id, revision, seq, plan_text FROM plan_revisions WHERE run_id = ?"
                        + " AND seq >= ? AND seq <= ? ORDER BY revision DESC LIMIT 1")) {
              ps.setLong(1, seg.runId());
              ps.setLong(2, seg.from());
              ps.setLong(3, Math.min(seq, seg.to()));
              try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                  return Optional.of(
                      new PlanRevision(
                          runId,
                          rs.getInt(2),
                          rs.getLong(3),
                          rs.getString(4),
                          items(c, rs.getLong(1))));
                }
              }
            }
          }
          return Optional.empty();
        });
  }

  public Optional<PlanRevision> latest(long runId) {
    return at(runId, Long.MAX_VALUE);
  }

  private static List<TodoItem> items(Connection c, long revisionId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT text, status, proof FROM todo_items WHERE plan_revision_id = ? ORDER BY position")) {
      ps.setLong(1, revisionId);
      List<TodoItem> items = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          items.add(new TodoItem(rs.getString(1), rs.getString(2), rs.getString(3)));
        }
      }
      return items;
    }
  }

  /** A fork numbers its revisions on from the one it was forked with. */
  private static int latestRevision(Connection c, long runId) throws SQLException {
    int latest = 0;
    for (Lineage.Segment seg : Lineage.of(c, runId)) {
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT coalesce(max(revision), 0) FROM plan_revisions WHERE run_id = ?"
                  + " AND seq >= ? AND seq <= ?")) {
        ps.setLong(1, seg.runId());
        ps.setLong(2, seg.from());
        ps.setLong(3, seg.to());
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          latest = Math.max(latest, rs.getInt(1));
        }
      }
    }
    return latest;
  }
}
