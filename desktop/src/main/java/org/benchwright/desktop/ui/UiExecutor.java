package org.benchwright.desktop.ui;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * The one way the desktop runs engine work off the FX thread. View models depend on this interface,
 * so their tests run the work on the calling thread.
 */
public interface UiExecutor extends AutoCloseable {

  /**
   * Runs {@code work} in the background; then exactly one of the callbacks runs, on the FX thread,
   * with the result or with what {@code work} threw.
   */
  <T> void execute(
      Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure);

  /**
   * Runs {@code update} on the FX thread soon (progress from background work). Updates may be
   * coalesced by the caller; this only hands them over.
   */
  void post(Runnable update);

  /**
   * Stops accepting work (work submitted later is dropped) and waits, for a bounded time, for what
   * was already submitted.
   */
  @Override
  void close();
}
