package org.benchwright.desktop.timeline;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import org.benchwright.desktop.run.RunCursor;

/** What the cursor bar under the timeline says and does: "step N / M", first/previous/next/last. */
public final class CursorBarViewModel {

  private final RunCursor cursor;
  private final StringBinding stepText;
  private final BooleanBinding noRun;

  public CursorBarViewModel(RunCursor cursor) {
    this.cursor = cursor;
    this.stepText =
        Bindings.createStringBinding(
            () ->
                cursor.run() == null
                    ? "no run selected"
                    : "step " + cursor.step() + " / " + cursor.lastStepProperty().get(),
            cursor.runProperty(),
            cursor.stepProperty(),
            cursor.lastStepProperty());
    this.noRun = cursor.runProperty().isNull();
  }

  public RunCursor cursor() {
    return cursor;
  }

  /** "step N / M", or a hint when no run is selected. */
  public StringBinding stepText() {
    return stepText;
  }

  /** True while there is nothing to step through. */
  public BooleanBinding noRun() {
    return noRun;
  }

  /** Moves the cursor to where the scrubber was dragged (rounded to a whole step). */
  public void scrubTo(double value) {
    long seq = Math.round(value);
    if (cursor.run() != null && seq != cursor.step()) {
      cursor.moveTo(seq);
    }
  }
}
