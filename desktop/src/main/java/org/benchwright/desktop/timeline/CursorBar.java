package org.benchwright.desktop.timeline;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import org.benchwright.desktop.run.RunCursor;

/**
 * The bar under the timeline: first / previous / next / last buttons, a scrubber over the run's
 * steps and the "step N / M" label, all following the {@link RunCursor}.
 */
public final class CursorBar extends HBox {

  private final Slider scrubber = new Slider(0, 0, 0);
  // Set while the slider is being updated from the cursor, so that update is not sent back.
  private boolean following;

  public CursorBar(CursorBarViewModel viewModel) {
    RunCursor cursor = viewModel.cursor();
    setId("cursor-bar");
    getStyleClass().add("cursor-bar");
    setAlignment(Pos.CENTER_LEFT);
    setSpacing(6);
    setPadding(new Insets(4, 8, 4, 8));

    Button first = button("first-step", "|◀", "First step (Home)", cursor::first);
    Button previous = button("previous-step", "◀", "Previous step (←)", cursor::previous);
    Button next = button("next-step", "▶", "Next step (→)", cursor::next);
    Button last = button("last-step", "▶|", "Last step (End)", cursor::last);

    scrubber.setId("cursor-slider");
    scrubber.setBlockIncrement(1);
    scrubber.setFocusTraversable(false);
    HBox.setHgrow(scrubber, Priority.ALWAYS);
    scrubber.maxProperty().bind(cursor.lastStepProperty());
    scrubber.setMin(0);
    cursor.stepProperty().addListener((o, was, now) -> follow(now.longValue()));
    cursor.lastStepProperty().addListener((o, was, now) -> follow(cursor.step()));
    scrubber
        .valueProperty()
        .addListener(
            (o, was, now) -> {
              if (!following) {
                viewModel.scrubTo(now.doubleValue());
              }
            });

    Label step = new Label();
    step.setId("step-label");
    step.getStyleClass().add("step-label");
    step.setMinWidth(130);
    step.textProperty().bind(viewModel.stepText());

    for (var control : new javafx.scene.Node[] {first, previous, next, last, scrubber}) {
      control.disableProperty().bind(viewModel.noRun());
    }
    getChildren().addAll(first, previous, next, last, scrubber, step);
  }

  private void follow(long step) {
    following = true;
    try {
      scrubber.setValue(step);
    } finally {
      following = false;
    }
  }

  private static Button button(String id, String text, String tip, Runnable action) {
    Button b = new Button(text);
    b.setId(id);
    b.setTooltip(new Tooltip(tip));
    // Keyboard focus stays in the timeline, where ←/→ step.
    b.setFocusTraversable(false);
    b.setOnAction(e -> action.run());
    return b;
  }
}
