package org.benchwright.desktop.timeline;

import javafx.geometry.Orientation;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.StackPane;
import org.benchwright.desktop.run.RunCursor;

/**
 * The conversation timeline: a virtualized list of the cursor's run's events, one row of fixed
 * height each, and under it the selected event in full ({@link EventDetailView}). The selected row
 * is the cursor's step; ←/→ move one event, Home/End go to the first/last, and the list scrolls to
 * keep the cursor in view when it moves.
 */
public final class TimelineView extends StackPane {

  private final ListView<Long> list = new ListView<>();
  private final TimelineViewModel viewModel;
  // Set while the selection is being changed to follow the cursor, so it is not sent back.
  private boolean following;
  private final EventDetailView detail;
  // The index the view still has to bring into sight: a scroll asked for in the same event as a
  // new run's items lands on a flow not yet laid out for them. -1 once it is settled.
  private int pendingReveal = -1;
  private int settleAttempts;

  public TimelineView(TimelineViewModel viewModel) {
    this.viewModel = viewModel;
    RunCursor cursor = viewModel.cursor();
    setId("timeline-view");
    getStylesheets().add(TimelineView.class.getResource("timeline.css").toExternalForm());
    list.setId("timeline-list");
    list.setItems(viewModel.items());
    list.setFixedCellSize(TimelineCell.HEIGHT);
    list.setCellFactory(l -> new TimelineCell(l, viewModel));
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
    // After each layout pass, bring the cursor's cell into sight until it is there and shows
    // its event.
    Runnable afterLayout = this::settle;
    sceneProperty()
        .addListener(
            (o, was, now) -> {
              if (was != null) {
                was.removePostLayoutPulseListener(afterLayout);
              }
              if (now != null) {
                now.addPostLayoutPulseListener(afterLayout);
              }
            });
    // The user scrolling takes over from the cursor.
    list.addEventFilter(ScrollEvent.SCROLL, e -> pendingReveal = -1);
    list.addEventFilter(MouseEvent.MOUSE_PRESSED, e -> pendingReveal = -1);
    detail = new EventDetailView(viewModel);
    // Over a fork's timeline: which run it was forked from, where, by whom and why.
    Label banner = new Label();
    banner.setId("timeline-fork-banner");
    banner.getStyleClass().add("fork-banner");
    banner.setMaxWidth(Double.MAX_VALUE);
    banner.setWrapText(true);
    banner.textProperty().bind(viewModel.forkBannerProperty());
    banner.visibleProperty().bind(viewModel.forkBannerProperty().isNotEmpty());
    banner.managedProperty().bind(banner.visibleProperty());
    // Right-clicking a row selects it (the cursor follows): fork at the selected step.
    javafx.scene.control.MenuItem fork = new javafx.scene.control.MenuItem("Fork from here…");
    fork.setId("timeline-fork");
    fork.setOnAction(e -> viewModel.forkAt(cursor.step()));
    javafx.scene.control.ContextMenu menu = new javafx.scene.control.ContextMenu(fork);
    menu.setOnShowing(
        e -> fork.setDisable(viewModel.forkActionProperty().get() == null || cursor.step() < 1));
    list.setContextMenu(menu);
    javafx.scene.layout.VBox.setVgrow(list, javafx.scene.layout.Priority.ALWAYS);
    javafx.scene.layout.VBox listBox = new javafx.scene.layout.VBox(banner, list);
    SplitPane split = new SplitPane(listBox, detail);
    split.setOrientation(Orientation.VERTICAL);
    split.setDividerPositions(0.68);
    SplitPane.setResizableWithParent(detail, false);
    getChildren().add(split);
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
      pendingReveal = index;
      settleAttempts = 0;
      reveal(index);
    } finally {
      following = false;
    }
  }

  private void settle() {
    int index = pendingReveal;
    if (index < 0) {
      return;
    }
    if (index >= list.getItems().size() || ++settleAttempts > 60) {
      pendingReveal = -1; // never loops forever on a cell that cannot fit
      return;
    }
    if (list.lookup(".virtual-flow") instanceof VirtualFlow<?> flow
        && flow.getVisibleCell(index) instanceof TimelineCell cell
        && cell.isVisible()
        && cell.shown() != null
        && fullyShown(flow, cell)) {
      pendingReveal = -1;
      return;
    }
    reveal(index);
  }

  private static boolean fullyShown(VirtualFlow<?> flow, TimelineCell cell) {
    double top = cell.getLayoutY();
    double bottom = top + cell.getHeight();
    // A cell taller than the view counts when its top is in sight.
    return top >= -0.5 && (bottom <= flow.getHeight() + 0.5 || cell.getHeight() > flow.getHeight());
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
