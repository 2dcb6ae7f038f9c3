package org.benchwright.engine.api;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.ConnectionMetaData;
import org.eclipse.jetty.server.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A deadline for every request to arrive. Jetty's idle timeout starts again with each byte, so a
 * client sending its headers a byte a second (slowloris) would hold a connection for ever, and one
 * trickling a body would hold a thread too. A connection owes a complete request head within the
 * idle timeout of opening or of its last answer, and a body within the idle timeout of its head;
 * one that takes longer is closed. Handling (a stream that lasts as long as a run) owes nothing.
 */
final class SlowClients implements Connection.Listener, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SlowClients.class);

  private final long deadlineNanos;
  // Connection -> since when it owes us bytes (System.nanoTime)
  private final Map<Connection, Long> owing = new ConcurrentHashMap<>();
  private final ScheduledExecutorService sweeper;

  SlowClients(Duration deadline) {
    this.deadlineNanos = deadline.toNanos();
    this.sweeper =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().daemon().name("api-slow-clients").unstarted(r));
    long period = Math.max(50, Math.min(1000, deadline.toMillis() / 4));
    sweeper.scheduleWithFixedDelay(this::sweep, period, period, TimeUnit.MILLISECONDS);
  }

  @Override
  public void onOpened(Connection c) {
    // The HTTP connection (not a TLS layer under it) is the one requests name.
    if (c instanceof ConnectionMetaData) {
      owing.put(c, System.nanoTime());
    }
  }

  @Override
  public void onClosed(Connection c) {
    owing.remove(c);
  }

  /** The request's head has arrived: nothing owed while it is handled. */
  void arrived(Request request) {
    owing.remove(request.getConnectionMetaData().getConnection());
  }

  /** Its body is being read: owed within the deadline. */
  void readingBody(Request request) {
    owing.put(request.getConnectionMetaData().getConnection(), System.nanoTime());
  }

  void bodyRead(Request request) {
    arrived(request);
  }

  /** Answered: the next request on this connection is owed within the deadline. */
  void answered(Request request) {
    Connection c = request.getConnectionMetaData().getConnection();
    if (c.getEndPoint().isOpen()) {
      owing.put(c, System.nanoTime());
    }
  }

  private void sweep() {
    long now = System.nanoTime();
    owing.forEach(
        (c, since) -> {
          if (!c.getEndPoint().isOpen()) {
            owing.remove(c, since);
          } else if (now - since > deadlineNanos && owing.remove(c, since)) {
            LOG.debug(
                "Dropping {}: no complete request within {} ms",
                c.getEndPoint().getRemoteSocketAddress(),
                TimeUnit.NANOSECONDS.toMillis(deadlineNanos));
            c.getEndPoint().close();
          }
        });
  }

  @Override
  public void close() {
    sweeper.shutdownNow();
  }
}
