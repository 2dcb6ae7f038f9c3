package org.benchwright.engine.project;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The runs of a project: create, look up, list, change status. */
public final class Runs {

  private final Store store;

  Runs(Store store) {
    this.store = store;
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

  public Optional<RunInfo> find(long runId) {
    return store.readEntities(
        s -> Optional.ofNullable(s.find(Entities.RunRow.class, runId)).map(Runs::toInfo));
  }

  /** All runs, newest first. */
  public List<RunInfo> list() {
    return store.readEntities(
        s ->
            s
                .createSelectionQuery("from RunRow order by id desc", Entities.RunRow.class)
                .getResultList()
                .stream()
                .map(Runs::toInfo)
                .toList());
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
