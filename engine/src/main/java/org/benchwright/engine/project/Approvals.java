package org.benchwright.engine.project;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Optional;

/**
 * Human gates: opening one records GATE_OPENED and an approvals row; deciding records GATE_DECIDED
 * and fills the row, each in one transaction.
 */
public final class Approvals {

  /** An open or decided gate. */
  public record Gate(
      long id, long runId, long gateSeq, String kind, String decision, String comment) {
    public boolean pending() {
      return decision == null;
    }
  }

  private final Store store;
  private final EventLog log;

  Approvals(Store store, EventLog log) {
    this.store = store;
    this.log = log;
  }

  /** Opens a gate of a kind (plan, tool:NAME) with what is to be decided; returns it. */
  public Gate open(long runId, String node, String kind, ObjectNode subject) {
    return open(runId, node, kind, subject, false);
  }

  /**
   * Opens a gate and, when {@code awaitsPerson}, marks the run waiting for approval in the same
   * transaction: a reader that sees the pending gate also sees the waiting run (a client polling
   * either one never catches the run between the two).
   */
  public Gate open(long runId, String node, String kind, ObjectNode subject, boolean awaitsPerson) {
    return log.inTransaction(
        runId,
        c -> {
          Event opened = Event.of(node, new EventPayload.GateOpened(kind, subject));
          long seq = log.appendAll(c, runId, List.of(opened))[0];
          if (awaitsPerson) {
            try (PreparedStatement ps =
                c.prepareStatement("UPDATE runs SET status = ? WHERE id = ?")) {
              ps.setString(1, RunStatus.WAITING_FOR_APPROVAL.name());
              ps.setLong(2, runId);
              ps.executeUpdate();
            }
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO approvals (run_id, gate_seq, kind) VALUES (?,?,?)",
                  java.sql.Statement.RETURN_GENERATED_KEYS)) {
            ps.setLong(1, runId);
            ps.setLong(2, seq);
            ps.setString(3, kind);
            ps.executeUpdate();
          }
          long id;
          try (var s = c.createStatement();
              ResultSet rs = s.executeQuery("SELECT last_insert_rowid()")) {
            rs.next();
            id = rs.getLong(1);
          }
          return new Gate(id, runId, seq, kind, null, null);
        });
  }

  /**
   * Records a decision (approved, rejected, edited) with an optional comment and what was changed;
   * returns the seq of the GATE_DECIDED event.
   */
  public long decide(
      Gate gate,
      String node,
      String decision,
      String comment,
      String decidedBy,
      ObjectNode change) {
    return log.inTransaction(
        gate.runId(),
        c -> {
          Event decided =
              Event.of(
                  node,
                  new EventPayload.GateDecided(
                      gate.gateSeq(), gate.kind(), decision, decidedBy, comment, change));
          long seq = log.appendAll(c, gate.runId(), List.of(decided))[0];
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE approvals SET decision = ?, comment = ?, decided_by = ?, decided_at = ?"
                      + " WHERE id = ? AND decision IS NULL")) {
            ps.setString(1, decision);
            ps.setString(2, comment);
            ps.setString(3, decidedBy);
            ps.setLong(4, System.currentTimeMillis());
            ps.setLong(5, gate.id());
            if (ps.executeUpdate() != 1) {
              throw new ProjectException("That gate was already decided.");
            }
          }
          return seq;
        });
  }

  /** The undecided gates of every run, oldest first (what a reviewer has waiting). */
  public List<Gate> pending() {
    return store.read(
        c -> {
          try (PreparedStatement ps =
                  c.prepareStatement(
                      "SELECT id, run_id, gate_seq, kind FROM approvals WHERE decision IS NULL"
                          + " ORDER BY id");
              ResultSet rs = ps.executeQuery()) {
            List<Gate> out = new java.util.ArrayList<>();
            while (rs.next()) {
              out.add(
                  new Gate(
                      rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), null, null));
            }
            return out;
          }
        });
  }

  /** A gate by id, decided or not (its decision, comment and decider once decided). */
  public Optional<Gate> find(long id) {
    return store.read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT run_id, gate_seq, kind, decision, comment FROM approvals WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next()
                  ? Optional.of(
                      new Gate(
                          id,
                          rs.getLong(1),
                          rs.getLong(2),
                          rs.getString(3),
                          rs.getString(4),
                          rs.getString(5)))
                  : Optional.empty();
            }
          }
        });
  }

  /** The undecided gate of a run, if any. */
  public Optional<Gate> pending(long runId) {
    return store.read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT id, gate_seq, kind FROM approvals WHERE run_id = ? AND decision IS NULL"
                      + " ORDER BY id DESC LIMIT 1")) {
            ps.setLong(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next()
                  ? Optional.of(
                      new Gate(rs.getLong(1), runId, rs.getLong(2), rs.getString(3), null, null))
                  : Optional.empty();
            }
          }
        });
  }
}
