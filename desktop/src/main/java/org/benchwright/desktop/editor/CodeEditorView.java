package org.benchwright.desktop.editor;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToolBar;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.CodeArea;
import org.fxmisc.richtext.LineNumberFactory;
import org.fxmisc.richtext.model.StyleSpans;
import org.fxmisc.richtext.model.StyleSpansBuilder;

/**
 * The code editor panel: the run's file tree at the cursor's step beside a read-only {@link
 * CodeArea} with line numbers, highlighting and a diff toggle. Binds to a {@link
 * CodeEditorViewModel}; highlighting spans arrive computed, so the FX thread only applies them.
 */
public final class CodeEditorView {

  private final CodeEditorViewModel viewModel;
  private final TreeView<FileNode> files = new TreeView<>();
  private final CodeArea area = new CodeArea();
  private final Label path = new Label();
  private final Label message = new Label();
  private final Label notice = new Label();
  private final ToggleButton diff = new ToggleButton("Diff");
  private final BorderPane root = new BorderPane();
  private boolean updatingTree;

  public CodeEditorView(CodeEditorViewModel viewModel) {
    this.viewModel = viewModel;
    layout();
    bind();
  }

  /** The panel, to put in a tab or a window. */
  public Node node() {
    return root;
  }

  private void layout() {
    root.setId("code-editor");
    root.getStylesheets().add(CodeEditorView.class.getResource("code-editor.css").toExternalForm());
    files.setId("code-files");
    files.setShowRoot(false);
    files.setCellFactory(t -> new FileCell());
    area.setId("code-area");
    area.setEditable(false);
    area.setParagraphGraphicFactory(LineNumberFactory.get(area));
    path.setId("code-path");
    message.setId("code-message");
    message.getStyleClass().add("code-message");
    notice.setId("code-notice");
    notice.getStyleClass().add("code-notice");
    diff.setId("code-diff");
    Region grow = new Region();
    HBox.setHgrow(grow, Priority.ALWAYS);
    ToolBar bar = new ToolBar(path, grow, message, diff);
    StackPane editor = new StackPane(new VirtualizedScrollPane<>(area), notice);
    StackPane.setMargin(notice, new Insets(16));
    BorderPane right = new BorderPane(editor);
    right.setTop(bar);
    SplitPane split = new SplitPane(files, right);
    split.setDividerPositions(0.28);
    SplitPane.setResizableWithParent(files, false);
    root.setCenter(split);
  }

  private void bind() {
    message.textProperty().bind(viewModel.messageProperty());
    diff.selectedProperty().bindBidirectional(viewModel.diffModeProperty());
    viewModel.treeProperty().addListener((o, was, now) -> showTree(now));
    viewModel.selectedPathProperty().addListener((o, was, now) -> selectInTree(now));
    viewModel.contentProperty().addListener((o, was, now) -> showContent(now));
    viewModel
        .pinnedDiffProperty()
        .addListener(
            (o, was, now) -> {
              if (now != null) {
                showPinned(now);
              } else {
                showContent(viewModel.contentProperty().get());
              }
            });
    files
        .getSelectionModel()
        .selectedItemProperty()
        .addListener(
            (o, was, now) -> {
              if (!updatingTree && now != null && !now.getValue().folder()) {
                viewModel.select(now.getValue().path());
              }
            });
    showTree(viewModel.treeProperty().get());
    showContent(viewModel.contentProperty().get());
  }

  private void showTree(FileNode tree) {
    updatingTree = true;
    try {
      files.setRoot(tree == null ? null : item(tree));
      selectInTree(viewModel.selectedPathProperty().get());
      if (viewModel.contentProperty().get() == null) {
        showContent(null); // the notice depends on the tree
      }
    } finally {
      updatingTree = false;
    }
  }

  private static TreeItem<FileNode> item(FileNode node) {
    TreeItem<FileNode> item = new TreeItem<>(node);
    item.setExpanded(true);
    for (FileNode child : node.children()) {
      item.getChildren().add(item(child));
    }
    return item;
  }

  private void selectInTree(String selected) {
    boolean was = updatingTree;
    updatingTree = true;
    try {
      TreeItem<FileNode> found = selected == null ? null : find(files.getRoot(), selected);
      if (found == null) {
        files.getSelectionModel().clearSelection();
      } else if (files.getSelectionModel().getSelectedItem() != found) {
        files.getSelectionModel().select(found);
      }
    } finally {
      updatingTree = was;
    }
  }

  private static TreeItem<FileNode> find(TreeItem<FileNode> at, String filePath) {
    if (at == null) {
      return null;
    }
    if (!at.getValue().folder() && at.getValue().path().equals(filePath)) {
      return at;
    }
    for (TreeItem<FileNode> child : at.getChildren()) {
      TreeItem<FileNode> found = find(child, filePath);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  /** An experiment's diff, styled like the file diff; it stays until the cursor moves. */
  private void showPinned(CodeEditorViewModel.PinnedDiff d) {
    path.setText(d.title());
    if (d.lines() == null || d.lines().isEmpty()) {
      area.clear();
      notice.setText(d.lines() == null ? d.title() : "The diff is empty.");
      notice.setVisible(true);
      return;
    }
    notice.setVisible(false);
    showDiffLines(area, d.lines());
    area.moveTo(0);
    area.showParagraphAtTop(0);
  }

  private void showContent(EditorContent c) {
    if (viewModel.pinnedDiffProperty().get() != null) {
      return; // a file load finishing late must not replace the experiment's diff
    }
    if (c == null) {
      path.setText(viewModel.selectedPathProperty().get() == null ? "No file selected" : "");
      area.clear();
      FileNode tree = viewModel.treeProperty().get();
      notice.setText(
          tree == null
              ? "Select a run to see its files"
              : tree.children().isEmpty()
                  ? "The run has no files at this step"
                  : "Choose a file in the tree");
      notice.setVisible(true);
      return;
    }
    path.setText(c.path() + "  ·  written at step " + c.seq());
    if (c.binary()) {
      area.clear();
      notice.setText(c.binaryNotice());
      notice.setVisible(true);
      return;
    }
    notice.setVisible(false);
    if (c.diff() != null) {
      showDiff(c);
    } else {
      area.replaceText(c.text());
      if (!c.text().isEmpty()) {
        area.setStyleSpans(0, spans(c.tokens(), c.text().length()));
      }
    }
    area.moveTo(0);
    area.showParagraphAtTop(0);
  }

  private void showDiff(EditorContent c) {
    if (c.diff().isEmpty()) {
      area.replaceText(
          c.previousSeq() == 0 && c.text().isEmpty()
              ? "(empty file)"
              : "No changes against the previous version.");
      return;
    }
    showDiffLines(area, c.diff());
  }

  /** Diff lines as paragraphs of {@code area}, each styled by its kind. */
  static void showDiffLines(CodeArea area, List<org.benchwright.desktop.ui.TextDiff.Line> lines) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < lines.size(); i++) {
      text.append(i > 0 ? "\n" : "").append(lines.get(i).shown());
    }
    area.replaceText(text.toString());
    for (int i = 0; i < lines.size(); i++) {
      String style = "diff-" + lines.get(i).kind().name().toLowerCase(java.util.Locale.ROOT);
      area.setParagraphStyle(i, List.of(style));
      int length = area.getParagraphLength(i);
      if (length > 0) {
        area.setStyle(i, 0, length, List.of(style));
      }
    }
  }

  /** Highlighting tokens as RichTextFX style spans covering all {@code length} characters. */
  static StyleSpans<Collection<String>> spans(List<Highlighter.Token> tokens, int length) {
    StyleSpansBuilder<Collection<String>> b = new StyleSpansBuilder<>();
    int at = 0;
    for (Highlighter.Token t : tokens) {
      b.add(Collections.emptyList(), t.start() - at);
      b.add(Collections.singleton(t.styleClass()), t.end() - t.start());
      at = t.end();
    }
    b.add(Collections.emptyList(), length - at);
    return b.create();
  }

  /** A file or folder name; files written by the event at the cursor are marked. */
  private static final class FileCell extends TreeCell<FileNode> {
    @Override
    protected void updateItem(FileNode item, boolean empty) {
      super.updateItem(item, empty);
      getStyleClass().removeAll("file-changed", "folder");
      if (empty || item == null) {
        setText(null);
        return;
      }
      setText(item.changed() && !item.folder() ? item.name() + "  ●" : item.name());
      if (item.changed()) {
        getStyleClass().add("file-changed");
      }
      if (item.folder()) {
        getStyleClass().add("folder");
      }
    }
  }
}
