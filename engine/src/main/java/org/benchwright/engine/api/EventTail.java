package org.benchwright.engine.api;

import org.benchwright.engine.project.ChangeWatch;
import org.benchwright.engine.project.Project;

/**
 * One poller for every follower: it watches the project file's change counter every few
 * milliseconds while someone follows, and wakes the followers when it moves. Followers then read
 * their own run's new events; a quiet project costs one tiny query per tick, whoever writes it
 * (this service, the desktop, a CLI run).
 */
final class EventTail implements AutoCloseable {

  static final long TICK_MILLIS = 5;

  private final ChangeWatch watch;
  private final Thread poller;
  private long generation;
  private int followers;
  private volatile boolean closed;

  private EventTail(ChangeWatch watch) {
    this.watch = watch;
    this.poller = Thread.ofPlatform().daemon().name("api-event-tail").unstarted(this::poll);
  }

  static EventTail start(Project project) {
    EventTail t = new EventTail(project.watch());
    t.poller.start();
    return t;
  }

  /** The current generation: pass it to {@link #await} to sleep until something is committed. */
  synchronized long generation() {
    return generation;
  }

  /**
   * Waits until the project changes after generation {@code seen}, or the timeout passes.
   *
   * @return the generation now
   */
  synchronized long await(long seen, long timeoutMillis) throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMillis;
    followers++;
    notifyAll();
    try {
      while (generation == seen && !closed) {
        long left = deadline - System.currentTimeMillis();
        if (left <= 0) {
          break;
        }
        wait(left);
      }
      return generation;
    } finally {
      followers--;
    }
  }

  boolean closed() {
    return closed;
  }

  private void poll() {
    long last = Long.MIN_VALUE;
    while (!closed) {
      try {
        synchronized (this) {
          while (followers == 0 && !closed) {
            wait();
          }
        }
        if (closed) {
          return;
        }
        long v = watch.version();
        if (v != last) {
          last = v;
          synchronized (this) {
            generation++;
            notifyAll();
          }
        }
        Thread.sleep(TICK_MILLIS);
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        // A busy or briefly unreadable file: try again next tick rather than stop every stream.
        try {
          Thread.sleep(100);
        } catch (InterruptedException ie) {
          return;
        }
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    synchronized (this) {
      notifyAll();
    }
    poller.interrupt();
    try {
      poller.join(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    watch.close();
  }
}
