package org.benchwright.desktop.editor;

import java.util.List;
import javafx.scene.Node;
import javafx.scene.layout.StackPane;
import org.benchwright.desktop.ui.TextDiff;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.CodeArea;
import org.fxmisc.richtext.LineNumberFactory;

/**
 * A read-only code area with line numbers that looks like the editor's: the same highlighting
 * colours and diff line colours, for views other than the editor panel.
 */
public final class CodeViewer {

  private final CodeArea area = new CodeArea();
  private final StackPane root;

  public CodeViewer(String id) {
    area.setId(id);
    area.getStyleClass().add("code-viewer");
    area.setEditable(false);
    area.setParagraphGraphicFactory(LineNumberFactory.get(area));
    root = new StackPane(new VirtualizedScrollPane<>(area));
    root.getStylesheets().add(CodeViewer.class.getResource("code-editor.css").toExternalForm());
  }

  public Node node() {
    return root;
  }

  public void show(HighlightedText code) {
    area.replaceText(code.text());
    if (!code.text().isEmpty()) {
      area.setStyleSpans(0, CodeEditorView.spans(code.tokens(), code.text().length()));
    }
    top();
  }

  /** A diff, one line per paragraph; {@code whenEmpty} is shown when there are no lines. */
  public void showDiff(List<TextDiff.Line> lines, String whenEmpty) {
    if (lines.isEmpty()) {
      area.replaceText(whenEmpty);
    } else {
      CodeEditorView.showDiffLines(area, lines);
    }
    top();
  }

  /** What is shown, as text (for tests). */
  public String text() {
    return area.getText();
  }

  private void top() {
    area.moveTo(0);
    area.showParagraphAtTop(0);
  }
}
