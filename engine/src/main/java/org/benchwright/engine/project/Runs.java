package org.benchwright.engine.project;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/**
 * The runs of a project: create, look up, list, change status.
 *
 * <p>A reader sees the status a writer would: a run recorded as running whose process died (no live
 * process holds the project's writer lock) is {@link RunStatus#INTERRUPTED}, though the file says
 * running until a writer opens it. A waiting run stays waiting, as a writer keeps it: its gate can
 * still be decided.
 */
public final class Runs {

  private final Store store;
  private final EventLog log;
  private final BooleanSupplier writerAlive;

  /**
   * @param writerAlive whether a live process holds the project for writing; asked only when a run
   *     says it is running
   */
  Runs(Store store, EventLog log, BooleanSupplier writerAlive) {
    this.store = store;
    this.log = log;
    this.writerAlive = writerAlive;
  }

  public RunInfo create(NewRun newRun) {
    return store.writeEntities(
        s -> {
          Entities.RunRow r = new Entities.RunRow();
          r.uid = UUID.randomUUID().toString();
          r.workflow = newRun.workflow();
          r.task = newRun.task();
          r.status = RunStatus.QUEUED.name();
          r.modelConfig = newRun.modelConfigJson();
          r.createdAt = System.currentTimeMillis();
          s.persist(r);
          s.flush();
          return toInfo(r);
        });
  }

  /**
   * Creates a fork of a run: a run whose history up to {@code atSeq} is the parent's, shared and
   * not copied ({@link Lineage}), whose first own event is {@code first} at {@code atSeq + 1}. The
   * row and that event are written in one transaction. The fork starts paused at its point.
   *
   * @throws ProjectException when the parent does not exist or has no event {@code atSeq}
   */
  public RunInfo fork(long parentId, long atSeq, NewRun newRun, Event first) {
    long forkId =
        log.inTransaction(
            Set.of(),
            c -> {
              long last;
              try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM runs WHERE id = ?")) {
                ps.setLong(1, parentId);
                try (ResultSet rs = ps.executeQuery()) {
                  if (!rs.next()) {
                    throw new ProjectException("No run " + parentId + " in this project.");
                  }
                }
              }
              last = log.lastSeq(c, parentId);
              if (atSeq < 1 || atSeq > last) {
                throw new ProjectException(
                    "Run "
                        + parentId
                        + " has events 1 to "
                        + last
                        + "; there is no event "
                        + atSeq
                        + " to fork at.");
              }
              long id;
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "INSERT INTO runs (uid, workflow, task, status, parent_run_id, fork_seq,"
                          + " model_config, created_at) VALUES (?,?,?,?,?,?,?,?)")) {
                ps.setString(1, UUID.randomUUID().toString());
                ps.setString(2, newRun.workflow());
                ps.setString(3, newRun.task());
                ps.setString(4, RunStatus.PAUSED.name());
                ps.setLong(5, parentId);
                ps.setLong(6, atSeq);
                ps.setString(7, newRun.modelConfigJson());
                ps.setLong(8, System.currentTimeMillis());
                ps.executeUpdate();
              }
              try (var st = c.createStatement();
                  ResultSet rs = st.executeQuery("SELECT last_insert_rowid()")) {
                rs.next();
                id = rs.getLong(1);
              }
              log.appendAll(c, id, List.of(first));
              return id;
            });
    return find(forkId).orElseThrow();
  }

  /**
   * Where a run's history is stored, oldest first: for a fork, its ancestors' shared parts, then
   * its own events (ADR 0040). A run that is not a fork has one segment.
   */
  public List<Lineage.Segment> lineage(long runId) {
    return store.read(c -> Lineage.of(c, runId));
  }

  /**
   * What deleting a run did.
   *
   * @param events the run's own events that were deleted
   * @param forks the forks made of it (direct ones), which now hold what they shared with it
   * @param eventsCopied the events copied into those forks
   */
  public record Deleted(long runId, String uid, long events, List<Long> forks, long eventsCopied) {}

  /**
   * Deletes a run and everything it recorded, in one write transaction (ADR 0041). Its forks keep
   * their history: each direct fork gets a copy of the rows it read from this run (events, file
   * versions, plan revisions with their items, decided gates, sandbox execs of the shared steps)
   * and is re-parented to this run's parent, with its fork point moved so that it reads exactly the
   * same events and files at every step. A fork of a run that was no fork becomes a plain run (no
   * parent; its fork_seq is kept as the record of where its copied history ends, and its FORK event
   * still names the deleted parent). Other rows naming the run (benchmarks, skill and capability
   * origins, capability tests and uses) keep their data and lose the reference: ids are reused by
   * SQLite, so a dangling one would later point at an unrelated run. Blobs are left: they are
   * content-addressed and may be shared.
   *
   * @throws ProjectException when there is no such run, or it is live (running, or waiting at a
   *     gate, while a writer holds the project)
   */
  public Deleted delete(long runId) {
    Deleted deleted =
        log.inTransaction(
            Set.of(runId),
            c -> {
              String uid;
              RunStatus status;
              Long parent;
              Long forkSeq;
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "SELECT uid, status, parent_run_id, fork_seq FROM runs WHERE id = ?")) {
                ps.setLong(1, runId);
                try (ResultSet rs = ps.executeQuery()) {
                  if (!rs.next()) {
                    throw new ProjectException("No run " + runId + " in this project.");
                  }
                  uid = rs.getString(1);
                  status = RunStatus.valueOf(rs.getString(2));
                  parent = rs.getObject(3) == null ? null : rs.getLong(3);
                  forkSeq = rs.getObject(4) == null ? null : rs.getLong(4);
                }
              }
              if (status.isLive() && writerAlive.getAsBoolean()) {
                throw new ProjectException(
                    "Run "
                        + runId
                        + " is "
                        + (status == RunStatus.RUNNING ? "running" : "waiting for approval")
                        + "; cancel it before deleting it.");
              }
              // Lineage's rule: a parent without a fork point shares nothing.
              boolean isFork = parent != null && forkSeq != null;
              List<Long> forks = new java.util.ArrayList<>();
              List<Long> forkPoints = new java.util.ArrayList<>();
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "SELECT id, fork_seq FROM runs WHERE parent_run_id = ? ORDER BY id")) {
                ps.setLong(1, runId);
                try (ResultSet rs = ps.executeQuery()) {
                  while (rs.next()) {
                    forks.add(rs.getLong(1));
                    forkPoints.add(rs.getObject(2) == null ? null : rs.getLong(2));
                  }
                }
              }
              long copied = 0;
              for (int i = 0; i < forks.size(); i++) {
                long fork = forks.get(i);
                Long point = forkPoints.get(i);
                for (Lineage.Segment seg : Lineage.of(c, fork)) {
                  if (seg.runId() == runId) {
                    copied += HistoryRows.copy(c, seg, fork);
                  }
                }
                try (PreparedStatement ps =
                    c.prepareStatement(
                        "UPDATE runs SET parent_run_id = ?, fork_seq = ? WHERE id = ?")) {
                  if (isFork && point != null) {
                    // What the fork read from the deleted run is its own now; before that it
                    // still reads the deleted run's parent, up to the point the two shared.
                    ps.setLong(1, parent);
                    ps.setLong(2, Math.min(point, forkSeq));
                  } else {
                    ps.setObject(1, null);
                    ps.setObject(2, point);
                  }
                  ps.setLong(3, fork);
                  ps.executeUpdate();
                }
              }
              for (String sql :
                  List.of(
                      "UPDATE skill_versions SET origin_run_id = NULL WHERE origin_run_id = ?",
                      "UPDATE benchmarks SET run_id = NULL WHERE run_id = ?",
                      "UPDATE capability_versions SET origin_run_id = NULL, origin_seq = NULL"
                          + " WHERE origin_run_id = ?",
                      "UPDATE capability_test_runs SET run_id = NULL WHERE run_id = ?",
                      "UPDATE capability_uses SET run_id = NULL, seq = NULL WHERE run_id = ?",
                      "DELETE FROM todo_items WHERE plan_revision_id IN"
                          + " (SELECT id FROM plan_revisions WHERE run_id = ?)",
                      "DELETE FROM plan_revisions WHERE run_id = ?",
                      "DELETE FROM approvals WHERE run_id = ?",
                      "DELETE FROM sandbox_execs WHERE run_id = ?",
                      "DELETE FROM run_files WHERE run_id = ?")) {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                  ps.setLong(1, runId);
                  ps.executeUpdate();
                }
              }
              long events;
              try (PreparedStatement ps =
                  c.prepareStatement("DELETE FROM events WHERE run_id = ?")) {
                ps.setLong(1, runId);
                events = ps.executeUpdate();
              }
              try (PreparedStatement ps = c.prepareStatement("DELETE FROM runs WHERE id = ?")) {
                ps.setLong(1, runId);
                ps.executeUpdate();
              }
              return new Deleted(runId, uid, events, List.copyOf(forks), copied);
            });
    log.forget(runId);
    return deleted;
  }

  /**
   * The FORK event that began a run, if it was made as a fork: its first own event. A fork whose
   * parent was deleted keeps it (and its fork seq), though it no longer has a parent.
   */
  public Optional<EventPayload.Fork> forkEvent(RunInfo run) {
    if (run.forkSeq() == null) {
      return Optional.empty();
    }
    try (var events = log.stream(run.id(), run.forkSeq() + 1, Set.of(EventType.FORK))) {
      return events
          .findFirst()
          .filter(e -> e.seq() == run.forkSeq() + 1)
          .map(e -> e.payload(EventPayload.Fork.class));
    }
  }

  /** The forks made of a run (not of its forks), oldest first. */
  public List<RunInfo> forksOf(long runId) {
    return store
        .readEntities(
            s ->
                s
                    .createSelectionQuery(
                        "from RunRow where parentRunId = :p order by id", Entities.RunRow.class)
                    .setParameter("p", runId)
                    .getResultList()
                    .stream()
                    .map(Runs::toInfo)
                    .toList())
        .stream()
        .map(this::asSeen)
        .toList();
  }

  public Optional<RunInfo> find(long runId) {
    return store
        .readEntities(
            s -> Optional.ofNullable(s.find(Entities.RunRow.class, runId)).map(Runs::toInfo))
        .map(this::asSeen);
  }

  /** All runs, newest first. */
  public List<RunInfo> list() {
    return store
        .readEntities(
            s ->
                s
                    .createSelectionQuery("from RunRow order by id desc", Entities.RunRow.class)
                    .getResultList()
                    .stream()
                    .map(Runs::toInfo)
                    .toList())
        .stream()
        .map(this::asSeen)
        .toList();
  }

  private RunInfo asSeen(RunInfo r) {
    if (r.status() != RunStatus.RUNNING || writerAlive.getAsBoolean()) {
      return r;
    }
    return new RunInfo(
        r.id(),
        r.uid(),
        r.workflow(),
        r.task(),
        r.label(),
        RunStatus.INTERRUPTED,
        r.parentRunId(),
        r.forkSeq(),
        r.modelConfigJson(),
        r.createdAt(),
        r.inputTokens(),
        r.outputTokens(),
        r.costUsd(),
        r.wallMillis());
  }

  public void setStatus(long runId, RunStatus status) {
    store.writeEntities(
        s -> {
          Entities.RunRow r = s.find(Entities.RunRow.class, runId);
          if (r == null) {
            throw new ProjectException("No run " + runId + " in this project.");
          }
          r.status = status.name();
          long now = System.currentTimeMillis();
          if (status == RunStatus.RUNNING && r.startedAt == null) {
            r.startedAt = now;
          }
          if (!status.isLive() && status != RunStatus.QUEUED && status != RunStatus.PAUSED) {
            r.endedAt = now;
          }
          return null;
        });
  }

  public Optional<RunInfo> findByUid(String uid) {
    return store
        .readEntities(
            s ->
                s.createSelectionQuery("from RunRow where uid = :uid", Entities.RunRow.class)
                    .setParameter("uid", uid)
                    .uniqueResultOptional()
                    .map(Runs::toInfo))
        .map(this::asSeen);
  }

  /** Adds one model call's usage to the run's totals. */
  public void addUsage(long runId, long inputTokens, long outputTokens, double costUsd) {
    store.writeEntities(
        s -> {
          Entities.RunRow r = require(s, runId);
          r.inputTokens += inputTokens;
          r.outputTokens += outputTokens;
          r.costUsd += costUsd;
          return null;
        });
  }

  /** Ends a run with a status, an outcome word and the reason a person can read. */
  public void finish(long runId, RunStatus status, String outcome, String reason, long wallMillis) {
    store.writeEntities(
        s -> {
          Entities.RunRow r = require(s, runId);
          r.status = status.name();
          r.outcome = outcome;
          r.outcomeReason = reason;
          r.wallMs += wallMillis;
          r.endedAt = System.currentTimeMillis();
          return null;
        });
  }

  /** The recorded outcome and its reason, if the run ended. */
  public Optional<String[]> outcome(long runId) {
    return store.readEntities(
        s -> {
          Entities.RunRow r = s.find(Entities.RunRow.class, runId);
          return r == null || r.outcome == null
              ? Optional.empty()
              : Optional.of(new String[] {r.outcome, r.outcomeReason});
        });
  }

  private static Entities.RunRow require(org.hibernate.Session s, long runId) {
    Entities.RunRow r = s.find(Entities.RunRow.class, runId);
    if (r == null) {
      throw new ProjectException("No run " + runId + " in this project.");
    }
    return r;
  }

  /**
   * Marks runs that were executing when their process died as interrupted. Called on opening for
   * writing: holding the writer lock proves no other process is executing them.
   */
  int markInterrupted() {
    return store.writeEntities(
        s ->
            s.createMutationQuery("update RunRow set status = :to where status = :from")
                .setParameter("to", RunStatus.INTERRUPTED.name())
                .setParameter("from", RunStatus.RUNNING.name())
                .executeUpdate());
  }

  private static RunInfo toInfo(Entities.RunRow r) {
    return new RunInfo(
        r.id,
        r.uid,
        r.workflow,
        r.task,
        r.label,
        RunStatus.valueOf(r.status),
        r.parentRunId,
        r.forkSeq,
        r.modelConfig,
        Instant.ofEpochMilli(r.createdAt),
        r.inputTokens,
        r.outputTokens,
        r.costUsd,
        r.wallMs);
  }
}
