package org.benchwright.engine.project;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Group commit for {@link EventLog#appendAsync}: events that arrive while a commit is in progress
 * share the next one, so a producer that does not wait for each acknowledgement gets close to
 * bulk-insert speed while every event is still acknowledged only once it is committed.
 */
final class GroupCommitter implements AutoCloseable {

  private record Pending(long runId, Event event, CompletableFuture<Long> done) {}

  private static final int MAX_BATCH = 4_096;
  // Bounded so a producer faster than the disk is slowed down instead of filling the heap.
  private final BlockingQueue<Pending> queue = new ArrayBlockingQueue<>(4 * MAX_BATCH);
  private final EventLog log;
  private final Thread thread;
  private volatile boolean closing;

  GroupCommitter(EventLog log, String name) {
    this.log = log;
    this.thread = new Thread(this::loop, "group-commit " + name);
    thread.setDaemon(true);
    thread.start();
  }

  CompletableFuture<Long> submit(long runId, Event event) {
    if (closing) {
      return CompletableFuture.failedFuture(new ProjectException("The project is closing."));
    }
    Pending p = new Pending(runId, event, new CompletableFuture<>());
    try {
      queue.put(p);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return CompletableFuture.failedFuture(
          new ProjectException("Interrupted before the event was queued.", e));
    }
    return p.done();
  }

  private void loop() {
    List<Pending> batch = new ArrayList<>(MAX_BATCH);
    while (true) {
      try {
        Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          if (closing && queue.isEmpty()) {
            return;
          }
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, MAX_BATCH - 1);
        commit(batch);
        batch.clear();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void commit(List<Pending> batch) {
    Set<Long> runs = new LinkedHashSet<>();
    batch.forEach(p -> runs.add(p.runId()));
    long[] seqs;
    try {
      seqs = log.inTransaction(runs, c -> appendInOrder(c, batch));
    } catch (RuntimeException batchFailure) {
      // One bad event (an unknown run, say) must not fail the others: retry one by one.
      for (Pending p : batch) {
        try {
          p.done().complete(log.append(p.runId(), p.event()));
        } catch (RuntimeException e) {
          p.done().completeExceptionally(e);
        }
      }
      return;
    }
    for (int i = 0; i < batch.size(); i++) {
      batch.get(i).done().complete(seqs[i]);
    }
  }

  /** Appends consecutive events of the same run as one JDBC batch, keeping arrival order. */
  private long[] appendInOrder(java.sql.Connection c, List<Pending> batch)
      throws java.sql.SQLException {
    long[] seqs = new long[batch.size()];
    int start = 0;
    while (start < batch.size()) {
      long run = batch.get(start).runId();
      int end = start;
      List<Event> events = new ArrayList<>();
      while (end < batch.size() && batch.get(end).runId() == run) {
        events.add(batch.get(end).event());
        end++;
      }
      long[] part = log.appendAll(c, run, events);
      System.arraycopy(part, 0, seqs, start, part.length);
      start = end;
    }
    return seqs;
  }

  /** Commits everything already queued, then stops. */
  @Override
  public void close() {
    closing = true;
    try {
      thread.join(TimeUnit.SECONDS.toMillis(60));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Pending p;
    while ((p = queue.poll()) != null) {
      p.done().completeExceptionally(new ProjectException("The project closed first."));
    }
  }
}
