package org.benchwright.desktop.ui;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * One piece of long work as a progress dialog shows it: a title, what is happening, progress (-1
 * while it cannot be measured) and a cancel whose effect is said up front ({@link
 * #cancelMeaning()}: stopping the work, or only stopping waiting for it). FX thread only, except
 * {@link #isCancelled()}.
 */
public final class LongWork {

  private final String title;
  private final String cancelMeaning;
  private final Runnable onCancel;
  private final ReadOnlyStringWrapper message;
  private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(-1);
  private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(true);
  private final AtomicBoolean cancelled = new AtomicBoolean();

  /**
   * @param cancelMeaning what Cancel does, shown beside the button
   * @param onCancel runs on the FX thread when the user cancels (once)
   */
  public LongWork(String title, String message, String cancelMeaning, Runnable onCancel) {
    this.title = Objects.requireNonNull(title);
    this.message = new ReadOnlyStringWrapper(message);
    this.cancelMeaning = cancelMeaning;
    this.onCancel = Objects.requireNonNull(onCancel);
  }

  public String title() {
    return title;
  }

  public String cancelMeaning() {
    return cancelMeaning;
  }

  public ReadOnlyStringProperty messageProperty() {
    return message.getReadOnlyProperty();
  }

  public ReadOnlyDoubleProperty progressProperty() {
    return progress.getReadOnlyProperty();
  }

  /** False once the work ended (done, failed or cancelled): the dialog closes. */
  public ReadOnlyBooleanProperty runningProperty() {
    return running.getReadOnlyProperty();
  }

  /** Safe from any thread: background work checks it between steps. */
  public boolean isCancelled() {
    return cancelled.get();
  }

  public void update(String text, double fraction) {
    message.set(text);
    progress.set(fraction);
  }

  public void cancel() {
    if (running.get() && cancelled.compareAndSet(false, true)) {
      running.set(false);
      onCancel.run();
    }
  }

  public void finish() {
    running.set(false);
  }
}
