package org.benchwright.desktop.timeline;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Objects;
import javafx.css.PseudoClass;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * One event of the timeline, in a row of fixed height: a header (seq, type, node, time), a title
 * and the first lines of the body. Its item is only a sequence number; the event comes from the
 * view model's page cache, and until its page is read the cell says "loading". The whole event
 * (full text, reasoning, output) is shown for the selected row by {@link EventDetailView}.
 */
final class TimelineCell extends ListCell<Long> {

  /** Rows of one height let the list place any of 100,000 rows without measuring the others. */
  static final double HEIGHT = 92;

  static final int BODY_LINES = 3;
  private static final int LINE_CHARS = 220;

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

  // Pseudo-classes, not style classes: changing a style class makes JavaFX resolve the cell's
  // whole CSS again, which made stepping through a long run slow; a pseudo-class only switches
  // state.
  static final PseudoClass LOADED = PseudoClass.getPseudoClass("loaded");
  static final PseudoClass LOADING = PseudoClass.getPseudoClass("loading");
  static final PseudoClass PASSED = PseudoClass.getPseudoClass("passed");
  static final PseudoClass FAILED = PseudoClass.getPseudoClass("failed");
  // A fork's events up to its fork step are its parent's: greyed, so its own stand out.
  static final PseudoClass SHARED = PseudoClass.getPseudoClass("shared");
  // The fork's FORK event, where its own history begins: drawn with a separator above it.
  static final PseudoClass FORK_POINT = PseudoClass.getPseudoClass("fork-point");
  private static final Map<EventEntry.Kind, PseudoClass> KINDS =
      new java.util.EnumMap<>(EventEntry.Kind.class);

  static {
    for (EventEntry.Kind k : EventEntry.Kind.values()) {
      KINDS.put(
          k,
          PseudoClass.getPseudoClass(
              "kind-" + k.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')));
    }
  }

  private final TimelineViewModel viewModel;
  private final Label seq = styled(new Label(), "event-seq");
  private final Label type = styled(new Label(), "event-type");
  private final Label node = styled(new Label(), "event-node");
  private final Label more = styled(new Label(), "event-more");
  private final Label time = styled(new Label(), "event-time");
  private final Label title = styled(new Label(), "event-title");
  private final Label body = styled(new Label(), "event-body");
  private final VBox box;
  private PseudoClass kindState;
  private EventEntry shown;

  TimelineCell(ListView<Long> list, TimelineViewModel viewModel) {
    this.viewModel = viewModel;
    getStyleClass().add("timeline-cell");
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    HBox header = new HBox(8, seq, type, node, more, spacer, time);
    header.getStyleClass().add("event-header");
    body.setWrapText(false);
    box = new VBox(1, header, title, body);
    box.getStyleClass().add("event-box");
    box.setMinHeight(0);
    // Fit the list's width instead of widening it (no horizontal scrolling).
    box.maxWidthProperty().bind(list.widthProperty().subtract(36));
    box.prefWidthProperty().bind(box.maxWidthProperty());
    setPrefWidth(0);
  }

  @Override
  protected void updateItem(Long item, boolean empty) {
    super.updateItem(item, empty);
    setText(null);
    if (empty || item == null) {
      viewModel.release(this);
      shown = null;
      setGraphic(null);
      restyle(null, false);
      return;
    }
    long s = item;
    EventEntry entry =
        viewModel.request(
            s,
            this,
            loaded -> {
              if (Objects.equals(getItem(), s)) {
                show(loaded);
              }
            });
    if (entry != null) {
      show(entry);
    } else {
      showLoading(s);
    }
  }

  /** The event this cell shows, or null while it loads. */
  EventEntry shown() {
    return shown;
  }

  private void showLoading(long s) {
    shown = null;
    seq.setText("#" + s);
    type.setText("");
    node.setText("");
    more.setText("");
    time.setText("");
    title.setText("loading…");
    body.setText("");
    restyle(null, true);
    setGraphic(box);
  }

  private void show(EventEntry e) {
    shown = e;
    seq.setText("#" + e.seq());
    type.setText(e.type() == null ? "?" : e.type().name().toLowerCase().replace('_', ' '));
    node.setText(e.node() == null ? "" : e.node());
    // The row is a summary; the detail pane below the list shows the rest.
    more.setText(e.expandable() ? "▸ " + e.detailLabel().toLowerCase() : "");
    time.setText(e.time() == null ? "" : TIME.format(e.time()));
    title.setText(e.title());
    body.setText(firstLines(e.body()));
    restyle(e, false);
    setGraphic(box);
  }

  static String firstLines(String text) {
    if (text == null || text.isEmpty()) {
      return "";
    }
    StringBuilder sb = new StringBuilder();
    int lines = 0;
    for (String line : text.split("\n", BODY_LINES + 1)) {
      if (lines == BODY_LINES) {
        sb.append(" …");
        break;
      }
      if (lines > 0) {
        sb.append('\n');
      }
      sb.append(line.length() > LINE_CHARS ? line.substring(0, LINE_CHARS) + "…" : line);
      lines++;
    }
    return sb.toString();
  }

  private void restyle(EventEntry e, boolean loading) {
    PseudoClass kind = e == null ? null : KINDS.get(e.kind());
    if (kindState != kind) {
      if (kindState != null) {
        pseudoClassStateChanged(kindState, false);
      }
      if (kind != null) {
        pseudoClassStateChanged(kind, true);
      }
      kindState = kind;
    }
    pseudoClassStateChanged(LOADING, loading);
    Long item = getItem();
    pseudoClassStateChanged(SHARED, item != null && viewModel.isShared(item));
    pseudoClassStateChanged(
        FORK_POINT, e != null && e.type() == org.benchwright.engine.project.EventType.FORK);
    pseudoClassStateChanged(LOADED, e != null);
    pseudoClassStateChanged(PASSED, e != null && e.verdict() == EventEntry.Verdict.PASSED);
    pseudoClassStateChanged(FAILED, e != null && e.verdict() == EventEntry.Verdict.FAILED);
  }

  private static <T extends javafx.scene.control.Control> T styled(T control, String styleClass) {
    control.getStyleClass().add(styleClass);
    return control;
  }
}
