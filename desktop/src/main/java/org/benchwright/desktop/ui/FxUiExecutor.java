package org.benchwright.desktop.ui;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javafx.concurrent.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs work as JavaFX {@link Task}s on a fixed number of daemon threads. */
public final class FxUiExecutor implements UiExecutor {

  // Looked up when first needed, not with the class: this class is used on the FX thread before
  // the first frame, and the first logger sets up logging (ADR 0036).
  private static Logger log() {
    return LoggerFactory.getLogger(FxUiExecutor.class);
  }

  private final ExecutorService pool;
  private final Duration shutdownGrace;

  public FxUiExecutor(int threads, Duration shutdownGrace) {
    this.shutdownGrace = shutdownGrace;
    AtomicInteger count = new AtomicInteger();
    this.pool =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "benchwright-ui-worker-" + count.incrementAndGet());
              // A task stuck past the shutdown grace must not keep the JVM alive after the window
              // closed.
              t.setDaemon(true);
              return t;
            });
  }

  @Override
  public <T> void execute(
      Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure) {
    Task<T> task =
        new Task<>() {
          @Override
          protected T call() throws Exception {
            return work.call();
          }
        };
    // Task fires these on the FX thread.
    task.setOnSucceeded(e -> onSuccess.accept(task.getValue()));
    task.setOnFailed(e -> onFailure.accept(task.getException()));
    try {
      pool.execute(task);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // Closed: the app is stopping (or a test's window outlived its executor). A timer's refresh
      // arriving now has nobody to report to; dropping it is the only safe answer.
      log().debug("Dropped work submitted after the executor closed", e);
    }
  }

  @Override
  public void post(Runnable update) {
    javafx.application.Platform.runLater(update);
  }

  @Override
  public void close() {
    pool.shutdown();
    try {
      if (!pool.awaitTermination(shutdownGrace.toMillis(), TimeUnit.MILLISECONDS)) {
        log().warn("Background work still running after {}; interrupting it", shutdownGrace);
        pool.shutdownNow();
      }
    } catch (InterruptedException e) {
      pool.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
