package org.benchwright.desktop.editor;

import java.util.List;

/**
 * A text with the code editor's highlighting already worked out, for code shown outside the editor
 * panel (a capability's code and tests). Made off the FX thread, so a {@link CodeViewer} only
 * applies the spans.
 */
public final class HighlightedText {

  public static final HighlightedText EMPTY = new HighlightedText("", List.of());

  private final String text;
  private final List<Highlighter.Token> tokens;

  private HighlightedText(String text, List<Highlighter.Token> tokens) {
    this.text = text;
    this.tokens = tokens;
  }

  /** {@code text} highlighted as the editor highlights a file of that name (by its extension). */
  public static HighlightedText of(String fileName, String text) {
    String t = text == null ? "" : text;
    return new HighlightedText(t, List.copyOf(Highlighter.tokens(t, Language.of(fileName))));
  }

  public String text() {
    return text;
  }

  List<Highlighter.Token> tokens() {
    return tokens;
  }
}
