package org.benchwright.desktop.timeline;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.VBox;
import org.benchwright.desktop.run.RunCursor;

/**
 * The event at the cursor in full, under the timeline: its title, its whole text, and what is
 * collapsed behind an expander (a model's reasoning, a node's system prompt, a sandbox command's
 * full output read from its blobs, the recorded text of an unreadable event).
 */
final class EventDetailView extends ScrollPane {

  /** Expanded text beyond this is cut: a text area of megabytes would stall the window. */
  private static final int DETAIL_CHARS = 200_000;

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

  private final TimelineViewModel viewModel;
  private final Label meta = new Label();
  private final Label title = new Label();
  private final Label body = new Label();
  private final TextArea detail = new TextArea();
  private final TitledPane expander = new TitledPane("", detail);
  private final javafx.scene.control.Button forkButton =
      new javafx.scene.control.Button("Fork from here…");
  private EventEntry shown;

  EventDetailView(TimelineViewModel viewModel) {
    this.viewModel = viewModel;
    setId("event-detail");
    getStyleClass().add("event-detail-pane");
    meta.getStyleClass().add("detail-meta");
    title.getStyleClass().add("detail-title");
    title.setWrapText(true);
    body.getStyleClass().add("detail-body");
    body.setWrapText(true);
    detail.setEditable(false);
    detail.setWrapText(true);
    detail.setPrefRowCount(10);
    detail.getStyleClass().add("detail-text");
    expander.setId("event-expander");
    expander.setExpanded(false);
    expander.setAnimated(false);
    expander.expandedProperty().addListener((o, was, open) -> fillDetail());
    forkButton.setId("event-fork");
    forkButton.setOnAction(
        e -> {
          if (shown != null) {
            viewModel.forkAt(shown.seq());
          }
        });
    forkButton.visibleProperty().bind(viewModel.forkActionProperty().isNotNull());
    forkButton.managedProperty().bind(forkButton.visibleProperty());
    javafx.scene.layout.Region gap = new javafx.scene.layout.Region();
    javafx.scene.layout.HBox.setHgrow(gap, javafx.scene.layout.Priority.ALWAYS);
    javafx.scene.layout.HBox head = new javafx.scene.layout.HBox(8, meta, gap, forkButton);
    head.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
    VBox content = new VBox(4, head, title, body, expander);
    content.getStyleClass().add("detail-content");
    content.maxWidthProperty().bind(widthProperty().subtract(20));
    setContent(content);
    setFitToWidth(true);
    RunCursor cursor = viewModel.cursor();
    cursor.stepProperty().addListener((o, was, now) -> follow(now.longValue()));
    cursor.runProperty().addListener((o, was, now) -> follow(cursor.step()));
    follow(cursor.step());
  }

  /** The event shown, or null. */
  EventEntry shown() {
    return shown;
  }

  private void follow(long step) {
    if (viewModel.cursor().run() == null || step < 1) {
      viewModel.release(this);
      show(null);
      return;
    }
    EventEntry entry =
        viewModel.request(
            step,
            this,
            loaded -> {
              if (viewModel.cursor().step() == step) {
                show(loaded);
              }
            });
    if (entry != null) {
      show(entry);
    }
  }

  private void show(EventEntry e) {
    boolean sameKindOfDetail =
        shown != null
            && e != null
            && java.util.Objects.equals(shown.detailLabel(), e.detailLabel());
    shown = e;
    if (e == null) {
      meta.setText("");
      title.setText("");
      body.setText("");
      expander.setVisible(false);
      expander.setManaged(false);
      forkButton.setDisable(true);
      return;
    }
    forkButton.setDisable(false);
    meta.setText(
        "#"
            + e.seq()
            + (e.type() == null ? "" : " · " + e.type().name().toLowerCase().replace('_', ' '))
            + (e.node() == null ? "" : " · " + e.node())
            + (e.time() == null ? "" : " · " + TIME.format(e.time())));
    title.setText(e.title());
    // "Show all" entries carry their whole text as the detail: show it here in full.
    boolean whole = "Show all".equals(e.detailLabel());
    body.setText(whole ? e.detail() : e.body());
    boolean expandable = e.expandable() && !whole;
    expander.setVisible(expandable);
    expander.setManaged(expandable);
    if (!sameKindOfDetail) {
      expander.setExpanded(false); // reasoning and output stay collapsed until asked for
    }
    expander.setText(expandable ? e.detailLabel() : "");
    fillDetail();
  }

  private void fillDetail() {
    EventEntry e = shown;
    if (e == null || !expander.isExpanded()) {
      return;
    }
    if (e.outputBlobs() == null) {
      detail.setText(cut(e.detail()));
      return;
    }
    detail.setText("loading the output…");
    viewModel.loadOutput(
        e,
        text -> {
          if (shown == e) {
            detail.setText(cut(text));
          }
        });
  }

  private static String cut(String s) {
    if (s == null) {
      return "";
    }
    return s.length() > DETAIL_CHARS
        ? s.substring(0, DETAIL_CHARS) + "\n… (" + (s.length() - DETAIL_CHARS) + " more characters)"
        : s;
  }
}
