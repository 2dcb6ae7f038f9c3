package org.benchwright.desktop.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextDiffTest {

  private static List<String> shown(List<TextDiff.Line> lines) {
    return lines.stream().map(l -> l.kind() + " " + l.shown()).toList();
  }

  @Test
  void aChangedLineIsRemovedThenAddedWithContext() {
    String before = "a\nb\nc\nd\ne\nf\ng\nh\n";
    String after = "a\nb\nc\nd\nE\nf\ng\nh\n";

    List<TextDiff.Line> diff =
        TextDiff.between("a/x.py (step 3)", "b/x.py (step 7)", before, after);

    assertThat(shown(diff))
        .containsExactly(
            "HEADER --- a/x.py (step 3)",
            "HEADER +++ b/x.py (step 7)",
            "HUNK @@ -2,7 +2,7 @@",
            "CONTEXT  b",
            "CONTEXT  c",
            "CONTEXT  d",
            "REMOVED -e",
            "ADDED +E",
            "CONTEXT  f",
            "CONTEXT  g",
            "CONTEXT  h");
  }

  @Test
  void aNewFileIsAllAdded() {
    List<TextDiff.Line> diff =
        TextDiff.between("/dev/null", "b/n.scad (step 4)", null, "cube(1);\nsphere(2);");

    assertThat(diff.getFirst().text()).isEqualTo("--- /dev/null");
    assertThat(diff)
        .filteredOn(l -> l.kind() == TextDiff.Kind.ADDED)
        .extracting(TextDiff.Line::text)
        .containsExactly("cube(1);", "sphere(2);");
    assertThat(diff).noneMatch(l -> l.kind() == TextDiff.Kind.REMOVED);
  }

  @Test
  void identicalVersionsHaveNoDiff() {
    assertThat(TextDiff.between("a", "b", "<a/>\n", "<a/>\n")).isEmpty();
  }
}
