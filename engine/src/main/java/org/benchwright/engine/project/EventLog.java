package org.benchwright.engine.project;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The append-only record of every run. Each run's events carry a sequence number that starts at 1
 * and increases by one per event; an append returns only once its event is committed.
 */
public final class EventLog {

  private static final String INSERT =
      "INSERT INTO events (run_id, seq, type, node, created_at, payload, blob_sha)"
          + " VALUES (?,?,?,?,?,?,?)";

  private final Store store;
  // Last committed seq per run; only touched under the store's write lock.
  private final Map<Long, Long> lastSeq = new ConcurrentHashMap<>();
  // Only used under the store's write lock, on the writer connection.
  private PreparedStatement cachedInsert;
  private volatile GroupCommitter committer;

  EventLog(Store store) {
    this.store = store;
  }

  /** Appends one event and returns its sequence number once it is committed. */
  public long append(long runId, Event event) {
    return appendAll(runId, List.of(event))[0];
  }

  /**
   * Appends without waiting for the commit. The future completes with the event's sequence number
   * once it is committed (or fails with the reason). Events of one run are committed in the order
   * they were submitted. Use it where events stream faster than one commit each: all events
   * submitted while a commit runs share the next one.
   */
  public CompletableFuture<Long> appendAsync(long runId, Event event) {
    GroupCommitter g = committer;
    if (g == null) {
      synchronized (this) {
        if (committer == null) {
          committer = new GroupCommitter(this, store.name());
        }
        g = committer;
      }
    }
    return g.submit(runId, event);
  }

  /** Appends events in one transaction (all or none); returns their sequence numbers. */
  public long[] appendAll(long runId, List<Event> events) {
    if (events.isEmpty()) {
      return new long[0];
    }
    return inTransaction(runId, c -> appendAll(c, runId, events));
  }

  /**
   * Runs a write transaction that appends to a run; if it fails, the cached sequence number is
   * dropped so the next append reads it from the file again.
   */
  <T> T inTransaction(long runId, Store.SqlWork<T> work) {
    return inTransaction(Set.of(runId), work);
  }

  <T> T inTransaction(Set<Long> runIds, Store.SqlWork<T> work) {
    try {
      return store.write(work);
    } catch (RuntimeException e) {
      runIds.forEach(lastSeq::remove);
      throw e;
    }
  }

  /** Drops the cached last seq of a run that no longer exists (it was deleted). */
  void forget(long runId) {
    lastSeq.remove(runId);
  }

  /** Commits what appendAsync has queued and stops its thread. */
  void close() {
    GroupCommitter g;
    synchronized (this) {
      g = committer;
      committer = null;
    }
    if (g != null) {
      g.close();
    }
  }

  /** Up to {@code limit} events of a run with seq >= fromSeq, in order. */
  public List<RecordedEvent> events(long runId, long fromSeq, int limit) {
    return page(runId, fromSeq, Set.of(), limit);
  }

  /** Every event of a run, in order. See {@link #stream(long, long, Set)}. */
  public Stream<RecordedEvent> stream(long runId) {
    return stream(runId, 1, Set.of());
  }

  /** The events of a run from a seq on, in order. See {@link #stream(long, long, Set)}. */
  public Stream<RecordedEvent> stream(long runId, long fromSeq) {
    return stream(runId, fromSeq, Set.of());
  }

  /** The events of a run of some types, in order. See {@link #stream(long, long, Set)}. */
  public Stream<RecordedEvent> stream(long runId, Set<EventType> types) {
    return stream(runId, 1, types);
  }

  /**
   * The events of a run with seq >= fromSeq and one of the given types (any type when empty), in
   * order: the one way to read a run whole.
   *
   * <p>A stream rather than a list because a run may hold 100,000 events: the stream reads a page
   * of {@value #PAGE} at a time as it is consumed, so memory stays bounded and a reader that stops
   * early (findFirst, takeWhile) reads no further. Each page is its own read, holding no connection
   * between pages, so the stream needs no closing and a reader may write while it walks (events are
   * append-only, so a page never sees an event change). Events appended while the stream is read
   * are included when their page is reached.
   */
  public Stream<RecordedEvent> stream(long runId, long fromSeq, Set<EventType> types) {
    return pages(runId, fromSeq, types, PAGE).flatMap(List::stream);
  }

  static final int PAGE = 1_000;

  /** The pages a stream reads, each read only when the previous one is consumed. */
  Stream<List<RecordedEvent>> pages(long runId, long fromSeq, Set<EventType> types, int size) {
    Set<EventType> only = Set.copyOf(types);
    Iterator<List<RecordedEvent>> it =
        new Iterator<>() {
          private long next = fromSeq;
          private List<RecordedEvent> ahead;
          private boolean done;

          @Override
          public boolean hasNext() {
            if (ahead == null && !done) {
              ahead = page(runId, next, only, size);
              done = ahead.size() < size;
              if (ahead.isEmpty()) {
                ahead = null;
              } else {
                next = ahead.getLast().seq() + 1;
              }
            }
            return ahead != null;
          }

          @Override
          public List<RecordedEvent> next() {
            if (!hasNext()) {
              throw new NoSuchElementException();
            }
            List<RecordedEvent> page = ahead;
            ahead = null;
            return page;
          }
        };
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED | Spliterator.NONNULL), false);
  }

  private List<RecordedEvent> page(long runId, long fromSeq, Set<EventType> types, int limit) {
    return store.read(
        c -> {
          List<RecordedEvent> page = new ArrayList<>(Math.min(limit, 1024));
          // A fork reads its parent's events up to the fork point, then its own (Lineage).
          for (Lineage.Segment seg : Lineage.of(c, runId)) {
            if (seg.to() >= fromSeq && page.size() < limit) {
              page.addAll(
                  select(
                      c,
                      seg,
                      Math.max(fromSeq, seg.from()),
                      seg.to(),
                      types,
                      false,
                      limit - page.size()));
            }
          }
          return page;
        });
  }

  /**
   * The newest event of one of the given types at or before {@code atOrBefore}, along the run's
   * lineage: where a fork point finds the model call or tool it would cut through.
   */
  public java.util.Optional<RecordedEvent> lastOf(
      long runId, Set<EventType> types, long atOrBefore) {
    if (types.isEmpty()) {
      throw new IllegalArgumentException("lastOf needs at least one event type");
    }
    return store.read(
        c -> {
          for (Lineage.Segment seg : Lineage.of(c, runId).reversed()) {
            if (seg.from() <= atOrBefore) {
              List<RecordedEvent> found =
                  select(c, seg, seg.from(), Math.min(atOrBefore, seg.to()), types, true, 1);
              if (!found.isEmpty()) {
                return java.util.Optional.of(found.getFirst());
              }
            }
          }
          return java.util.Optional.empty();
        });
  }

  /** Events {@code from..to} of one segment of a lineage, of the given types (any when empty). */
  private static List<RecordedEvent> select(
      Connection c,
      Lineage.Segment seg,
      long from,
      long to,
      Set<EventType> types,
      boolean newestFirst,
      int limit)
      throws SQLException {
    String typeFilter =
        types.isEmpty() ? "" : " AND type IN (" + "?,".repeat(types.size() - 1) + "?)";
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT seq, type, node, created_at, payload, blob_sha FROM events"
                + " WHERE run_id = ? AND seq >= ? AND seq <= ?"
                + typeFilter
                + (newestFirst ? " ORDER BY seq DESC" : " ORDER BY seq")
                + " LIMIT ?")) {
      int i = 1;
      ps.setLong(i++, seg.runId());
      ps.setLong(i++, from);
      ps.setLong(i++, to);
      for (EventType t : types) {
        ps.setString(i++, t.name());
      }
      ps.setInt(i, limit);
      List<RecordedEvent> rows = new ArrayList<>(Math.min(limit, 1024));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.add(row(seg.runId(), rs));
        }
      }
      return rows;
    }
  }

  /** The newest sequence number of a run, 0 when it has no events. */
  public long lastSeq(long runId) {
    return store.read(c -> maxSeq(c, runId));
  }

  /** The newest seq of a run within a transaction the caller holds. */
  long lastSeq(Connection c, long runId) throws SQLException {
    return maxSeq(c, runId);
  }

  /** Appends within a write transaction the caller already holds. */
  long[] appendAll(Connection c, long runId, List<Event> events) throws SQLException {
    long base = lastSeq.containsKey(runId) ? lastSeq.get(runId) : maxSeq(c, runId);
    long[] seqs = new long[events.size()];
    long now = System.currentTimeMillis();
    // Single appends are the hot path of a live run: reuse one compiled statement for them.
    boolean single = seqs.length == 1 && c == store.writerConnection();
    PreparedStatement ps = single ? insertStatement(c) : c.prepareStatement(INSERT);
    try {
      for (int i = 0; i < seqs.length; i++) {
        Event e = events.get(i);
        seqs[i] = base + i + 1;
        ps.setLong(1, runId);
        ps.setLong(2, seqs[i]);
        ps.setString(3, e.type().name());
        ps.setString(4, e.node());
        ps.setLong(5, now);
        ps.setString(6, e.payloadJson());
        ps.setString(7, e.blobSha());
        if (seqs.length == 1) {
          ps.executeUpdate();
        } else {
          ps.addBatch();
        }
      }
      if (seqs.length > 1) {
        ps.executeBatch();
      }
    } catch (SQLException e) {
      if (single) {
        ps.clearParameters();
      }
      if (String.valueOf(e.getMessage()).contains("FOREIGN KEY")) {
        throw new ProjectException("No run " + runId + " in this project.", e);
      }
      throw e;
    } finally {
      if (!single) {
        ps.close();
      }
    }
    // Committed by the caller's transaction; if that fails, inTransaction drops the entry.
    lastSeq.put(runId, seqs[seqs.length - 1]);
    return seqs;
  }

  private PreparedStatement insertStatement(Connection c) throws SQLException {
    if (cachedInsert == null || cachedInsert.isClosed()) {
      cachedInsert = c.prepareStatement(INSERT);
    }
    return cachedInsert;
  }

  private static RecordedEvent row(long runId, ResultSet rs) throws SQLException {
    return new RecordedEvent(
        runId,
        rs.getLong(1),
        EventType.valueOf(rs.getString(2)),
        rs.getString(3),
        Instant.ofEpochMilli(rs.getLong(4)),
        rs.getString(5),
        rs.getString(6));
  }

  /** A fork with no events of its own yet ends at its fork point. */
  private static long maxSeq(Connection c, long runId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT max(seq) FROM events WHERE run_id = ?")) {
      ps.setLong(1, runId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        long max = rs.getLong(1);
        return rs.wasNull() ? Lineage.base(c, runId) : max;
      }
    }
  }
}
