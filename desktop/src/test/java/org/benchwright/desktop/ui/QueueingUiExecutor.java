package org.benchwright.desktop.ui;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Holds submitted work until the test runs it, in two halves (the work, then its callback), so a
 * test can move the cursor while a load is "in flight" and see its stale result dropped.
 */
public class QueueingUiExecutor implements UiExecutor {

  /** One submitted piece of work. */
  public final class Pending<T> {
    private final Callable<T> work;
    private final Consumer<? super T> onSuccess;
    private final Consumer<? super Throwable> onFailure;
    private T result;
    private Exception failure;

    Pending(
        Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure) {
      this.work = work;
      this.onSuccess = onSuccess;
      this.onFailure = onFailure;
    }

    /** Runs the work (the worker thread's half). */
    public Pending<T> compute() {
      try {
        result = work.call();
      } catch (Exception e) {
        failure = e;
      }
      return this;
    }

    /** Runs the callback (the FX thread's half). */
    public void deliver() {
      if (failure != null) {
        onFailure.accept(failure);
      } else {
        onSuccess.accept(result);
      }
    }
  }

  private final Deque<Pending<?>> queue = new ArrayDeque<>();

  @Override
  public <T> void execute(
      Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure) {
    queue.add(new Pending<>(work, onSuccess, onFailure));
  }

  /** The oldest piece of work not yet taken. */
  public Pending<?> take() {
    Pending<?> p = queue.poll();
    if (p == null) {
      throw new AssertionError("no work was submitted");
    }
    return p;
  }

  public int waiting() {
    return queue.size();
  }

  /** Runs everything submitted (including what callbacks submit) in order. */
  public void runAll() {
    while (!queue.isEmpty()) {
      queue.poll().compute().deliver();
    }
  }

  @Override
  public void post(Runnable update) {
    update.run();
  }

  @Override
  public void close() {}
}
