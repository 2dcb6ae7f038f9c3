package org.benchwright.desktop.ui;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/** Runs work and its callback right away on the calling thread, so tests need no waiting. */
public class CurrentThreadUiExecutor implements UiExecutor {

  @Override
  public <T> void execute(
      Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure) {
    T result;
    try {
      result = work.call();
    } catch (Exception e) {
      onFailure.accept(e);
      return;
    }
    onSuccess.accept(result);
  }

  @Override
  public void post(Runnable update) {
    update.run();
  }

  @Override
  public void close() {}
}
