package org.benchwright.desktop.timeline;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.StackPane;
import org.benchwright.desktop.run.RunCursor;

/**
 * The conversation timeline: a virtualized list of the cursor's run's events. The selected cell is
 * the cursor's step; ←/→ move one event, Home/End go to the first/last, and the list scrolls to
 * keep the cursor in view when it moves.
 */
public final class TimelineView extends StackPane {

  private final ListView<Long> list = new ListView<>();
  private final TimelineViewModel viewModel;
  // Set while the selection is being changed to follow the cursor, so it is not sent back.
  private boolean following;
  private final Set<Long> expanded = new HashSet<>();
  private final Map<Long, String> outputs = new HashMap<>();

  public TimelineView(TimelineViewModel viewModel) {
    this.viewModel = viewModel;
    RunCursor cursor = viewModel.cursor();
    setId("timeline-view");
    getStylesheets().add(TimelineView.class.getResource("timeline.css").toExternalForm());
    list.setId("timeline-list");
    list.setItems(viewModel.items());
    list.setCellFactory(l -> new TimelineCell(l, viewModel, expanded, outputs));
    Label empty = new Label();
    empty.setId("timeline-placeholder");
    empty.getStyleClass().add("placeholder");
    empty.setWrapText(true);
    empty.textProperty().bind(viewModel.placeholderProperty());
    list.setPlaceholder(empty);

    list.addEventFilter(
        KeyEvent.KEY_PRESSED,
        e -> {
          if (viewModel.handleKey(e.getCode())) {
            e.consume();
          }
        });
    list.getSelectionModel()
        .selectedIndexProperty()
        .addListener(
            (o, was, now) -> {
              if (!following && now.intValue() >= 0) {
                viewModel.selected(now.intValue() + 1L);
              }
            });
    cursor.stepProperty().addListener((o, was, now) -> follow(now.longValue()));
    cursor
        .runProperty()
        .addListener(
            (o, was, now) -> {
              expanded.clear();
              outputs.clear();
            });
    getChildren().add(list);
    follow(cursor.step());
  }

  /** The list, for tests that look at its cells. */
  ListView<Long> list() {
    return list;
  }

  private void follow(long step) {
    following = true;
    try {
      int index = TimelineViewModel.indexOf(step);
      if (index < 0 || index >= list.getItems().size()) {
        list.getSelectionModel().clearSelection();
        return;
      }
      if (list.getSelectionModel().getSelectedIndex() != index) {
        list.getSelectionModel().clearAndSelect(index);
      }
      list.getFocusModel().focus(index);
      reveal(index);
    } finally {
      following = false;
    }
  }

  /** Scrolls as little as needed to show the cell (scrollTo would put it at the top). */
  private void reveal(int index) {
    if (list.lookup(".virtual-flow") instanceof VirtualFlow<?> flow
        && flow.getFirstVisibleCell() != null) {
      var first = flow.getFirstVisibleCell();
      var last = flow.getLastVisibleCell();
      if (index <= first.getIndex() || index >= last.getIndex()) {
        flow.scrollTo(index);
      }
    } else {
      list.scrollTo(index);
    }
  }
}
