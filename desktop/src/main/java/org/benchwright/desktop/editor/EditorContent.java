package org.benchwright.desktop.editor;

import java.util.List;
import org.benchwright.desktop.ui.TextDiff;

/**
 * What the editor shows for one file at one step: its text and highlighting, or a notice that it is
 * binary, and in diff mode the diff against its previous version.
 *
 * @param seq the seq of the event that wrote this version
 * @param text the decoded text; null for a binary file
 * @param size the file's size in bytes
 * @param tokens highlighting of {@code text}
 * @param diff the diff lines when diff mode was on (empty when unchanged), else null
 * @param previousSeq the seq of the version diffed against; 0 when the file is new
 * @param notice what is shown instead of the text when there is none (binary, too large, a link);
 *     null for the plain binary notice
 */
record EditorContent(
    String path,
    long step,
    long seq,
    String text,
    long size,
    List<Highlighter.Token> tokens,
    List<TextDiff.Line> diff,
    long previousSeq,
    String notice) {

  EditorContent(
      String path,
      long step,
      long seq,
      String text,
      long size,
      List<Highlighter.Token> tokens,
      List<TextDiff.Line> diff,
      long previousSeq) {
    this(path, step, seq, text, size, tokens, diff, previousSeq, null);
  }

  /** A file shown by a notice only: too large to load, or a symbolic link. */
  static EditorContent notice(String path, long step, long seq, long size, String notice) {
    return new EditorContent(path, step, seq, null, size, List.of(), null, 0, notice);
  }

  boolean binary() {
    return text == null;
  }

  /** The notice shown instead of a binary file's bytes. */
  String binaryNotice() {
    return notice != null ? notice : "Binary file, " + size + " bytes";
  }

  /** The diff as text, one line per paragraph (what the diff view shows). */
  String diffText() {
    if (diff == null || diff.isEmpty()) {
      return "";
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < diff.size(); i++) {
      if (i > 0) {
        sb.append('\n');
      }
      sb.append(diff.get(i).shown());
    }
    return sb.toString();
  }
}
