package org.benchwright.desktop.editor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FileDiffTest {

  private static List<String> shown(List<FileDiff.Line> lines) {
    return lines.stream().map(l -> l.kind() + " " + l.shown()).toList();
  }

  @Test
  void aChangedLineIsRemovedThenAddedWithContext() {
    String before = "a\nb\nc\nd\ne\nf\ng\nh\n";
    String after = "a\nb\nc\nd\nE\nf\ng\nh\n";

    List<FileDiff.Line> diff = FileDiff.between("x.py", before, after, 3, 7);

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
    List<FileDiff.Line> diff = FileDiff.between("n.scad", null, "cube(1);\nsphere(2);", 0, 4);

    assertThat(diff.getFirst().text()).isEqualTo("--- /dev/null");
    assertThat(diff)
        .filteredOn(l -> l.kind() == FileDiff.Kind.ADDED)
        .extracting(FileDiff.Line::text)
        .containsExactly("cube(1);", "sphere(2);");
    assertThat(diff).noneMatch(l -> l.kind() == FileDiff.Kind.REMOVED);
  }

  @Test
  void identicalVersionsHaveNoDiff() {
    assertThat(FileDiff.between("same.xml", "<a/>\n", "<a/>\n", 1, 2)).isEmpty();
  }
}
