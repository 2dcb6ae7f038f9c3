package org.benchwright.desktop.timeline;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javafx.css.PseudoClass;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * One event of the timeline. Its item is only a sequence number; the event comes from the view
 * model's page cache, and until its page is read the cell says "loading". Expanded details
 * (reasoning, full output) are remembered per event by the view, since cells are reused.
 */
final class TimelineCell extends ListCell<Long> {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

  /** Expanded text beyond this is cut: a label of megabytes would stall layout. */
  private static final int DETAIL_CHARS = 20_000;

  // Pseudo-classes, not style classes: changing a style class makes JavaFX resolve the cell's
  // whole CSS again, which made stepping through a long run slow; a pseudo-class only switches
  // state.
  static final PseudoClass LOADED = PseudoClass.getPseudoClass("loaded");
  static final PseudoClass LOADING = PseudoClass.getPseudoClass("loading");
  static final PseudoClass PASSED = PseudoClass.getPseudoClass("passed");
  static final PseudoClass FAILED = PseudoClass.getPseudoClass("failed");
  private static final Map<EventEntry.Kind, PseudoClass> KINDS =
      new java.util.EnumMap<>(EventEntry.Kind.class);

  static {
    for (EventEntry.Kind k : EventEntry.Kind.values()) {
      KINDS.put(k, PseudoClass.getPseudoClass(kindName(k)));
    }
  }

  /** The pseudo-class of an event kind, e.g. {@code kind-tool-result}. */
  static String kindName(EventEntry.Kind kind) {
    return "kind-" + kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }

  private final TimelineViewModel viewModel;
  private final Set<Long> expanded;
  private final Map<Long, String> outputs;
  private final java.util.function.IntConsumer keepInView;

  private final Label seq = styled(new Label(), "event-seq");
  private final Label type = styled(new Label(), "event-type");
  private final Label node = styled(new Label(), "event-node");
  private final Label time = styled(new Label(), "event-time");
  private final Label title = styled(new Label(), "event-title");
  private final Label body = styled(new Label(), "event-body");
  private final Hyperlink expander = styled(new Hyperlink(), "event-expander");
  private final Label detail = styled(new Label(), "event-detail");
  private final VBox box;
  private PseudoClass kindState;
  private EventEntry shown;

  TimelineCell(
      ListView<Long> list,
      TimelineViewModel viewModel,
      Set<Long> expanded,
      Map<Long, String> outputs,
      java.util.function.IntConsumer keepInView) {
    this.viewModel = viewModel;
    this.keepInView = keepInView;
    this.expanded = expanded;
    this.outputs = outputs;
    getStyleClass().add("timeline-cell");
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    HBox header = new HBox(8, seq, type, node, spacer, time);
    header.getStyleClass().add("event-header");
    title.setWrapText(true);
    body.setWrapText(true);
    detail.setWrapText(true);
    expander.setFocusTraversable(false);
    expander.setOnAction(e -> toggle());
    box = new VBox(2, header, title, body, expander, detail);
    box.getStyleClass().add("event-box");
    // Wrap to the list's width instead of widening the list (no horizontal scrolling).
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

  /** The event this cell shows, or null while it loads (for tests and the benchmark). */
  EventEntry shown() {
    return shown;
  }

  private void showLoading(long s) {
    shown = null;
    seq.setText("#" + s);
    type.setText("");
    node.setText("");
    time.setText("");
    title.setText("loading…");
    body.setText("");
    setVisibleManaged(body, false);
    setVisibleManaged(expander, false);
    setVisibleManaged(detail, false);
    restyle(null, true);
    setGraphic(box);
  }

  private void show(EventEntry e) {
    shown = e;
    seq.setText("#" + e.seq());
    type.setText(e.type() == null ? "?" : e.type().name().toLowerCase().replace('_', ' '));
    node.setText(e.node() == null ? "" : e.node());
    time.setText(e.time() == null ? "" : TIME.format(e.time()));
    title.setText(e.title());
    body.setText(e.body());
    setVisibleManaged(body, e.body() != null && !e.body().isEmpty());
    setVisibleManaged(expander, e.expandable());
    boolean open = e.expandable() && expanded.contains(e.seq());
    expander.setText((open ? "▾ " : "▸ ") + (e.detailLabel() == null ? "" : e.detailLabel()));
    setVisibleManaged(detail, open);
    if (open) {
      detail.setText(detailText(e));
    }
    restyle(e, false);
    setGraphic(box);
  }

  private String detailText(EventEntry e) {
    if (e.outputBlobs() == null) {
      return cut(e.detail());
    }
    String loaded = outputs.get(e.seq());
    if (loaded != null) {
      return cut(loaded);
    }
    long s = e.seq();
    viewModel.loadOutput(
        e,
        text -> {
          outputs.put(s, text);
          if (shown != null && shown.seq() == s && expanded.contains(s)) {
            detail.setText(cut(text));
          }
        });
    return "loading the output…";
  }

  private void toggle() {
    if (shown == null) {
      return;
    }
    if (!expanded.remove(shown.seq())) {
      expanded.add(shown.seq());
    }
    show(shown);
    // The cell's height changed: keep it in sight while the list lays its cells out again.
    keepInView.accept(getIndex());
    if (getListView() != null) {
      getListView().requestLayout();
    }
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
    pseudoClassStateChanged(LOADED, e != null);
    pseudoClassStateChanged(PASSED, e != null && e.verdict() == EventEntry.Verdict.PASSED);
    pseudoClassStateChanged(FAILED, e != null && e.verdict() == EventEntry.Verdict.FAILED);
  }

  private static String cut(String s) {
    if (s == null) {
      return "";
    }
    return s.length() > DETAIL_CHARS
        ? s.substring(0, DETAIL_CHARS) + "\n… (" + (s.length() - DETAIL_CHARS) + " more characters)"
        : s;
  }

  private static void setVisibleManaged(javafx.scene.Node n, boolean on) {
    n.setVisible(on);
    n.setManaged(on);
  }

  private static <T extends javafx.scene.control.Control> T styled(T control, String styleClass) {
    control.getStyleClass().add(styleClass);
    return control;
  }
}
