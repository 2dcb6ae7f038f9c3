package org.benchwright.desktop.skills;

import java.util.ArrayList;
import java.util.List;

/**
 * A line diff by longest common subsequence: enough for skill documents (a few hundred lines), so
 * no diff library is needed (docs/decisions/0018-skills.md).
 */
final class LineDiff {

  /** One line of the diff: kept (' '), removed ('-') or added ('+'). */
  record Line(char op, String text) {
    @Override
    public String toString() {
      return op + " " + text;
    }
  }

  /** Documents longer than this are compared as a whole: O(n*m) memory must stay small. */
  static final int MAX_LINES = 5_000;

  private LineDiff() {}

  static List<Line> diff(String before, String after) {
    String[] a = before.split("\n", -1);
    String[] b = after.split("\n", -1);
    List<Line> out = new ArrayList<>();
    if ((long) a.length * b.length > (long) MAX_LINES * MAX_LINES / 10) {
      for (String l : a) {
        out.add(new Line('-', l));
      }
      for (String l : b) {
        out.add(new Line('+', l));
      }
      return out;
    }
    int[][] lcs = new int[a.length + 1][b.length + 1];
    for (int i = a.length - 1; i >= 0; i--) {
      for (int j = b.length - 1; j >= 0; j--) {
        lcs[i][j] =
            a[i].equals(b[j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    int i = 0;
    int j = 0;
    while (i < a.length && j < b.length) {
      if (a[i].equals(b[j])) {
        out.add(new Line(' ', a[i]));
        i++;
        j++;
      } else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
        out.add(new Line('-', a[i++]));
      } else {
        out.add(new Line('+', b[j++]));
      }
    }
    while (i < a.length) {
      out.add(new Line('-', a[i++]));
    }
    while (j < b.length) {
      out.add(new Line('+', b[j++]));
    }
    return out;
  }

  static String render(List<Line> lines) {
    StringBuilder sb = new StringBuilder();
    lines.forEach(l -> sb.append(l).append('\n'));
    return sb.toString();
  }
}
