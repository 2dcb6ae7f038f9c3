package org.benchwright.desktop.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextDiffParseTest {

  @Test
  void aUnifiedDiffReadsBackAsTheLinesItWasWrittenFrom() {
    String before = "a\nb\n-- not a header\nc\nd\ne\nf\ng\nh\ni\n";
    String after = "a\nB\nc\nd\ne\nf\ng\nh\ni\nj\n";
    List<TextDiff.Line> written = TextDiff.between("a/f", "b/f", before, after);

    List<TextDiff.Line> read = TextDiff.parse(TextDiff.render(written));

    assertThat(read).isEqualTo(written);
    // The removed "-- not a header" line is a removal, not a file header.
    assertThat(read)
        .contains(new TextDiff.Line(TextDiff.Kind.REMOVED, "-- not a header"))
        .filteredOn(l -> l.kind() == TextDiff.Kind.HUNK)
        .hasSize(2);
  }

  @Test
  void gitHeadersAndTheNoNewlineMarkerAreHeaders() {
    String diff =
        "diff --git a/t.py b/t.py\nindex 1..2 100644\n--- a/t.py\n+++ b/t.py\n@@ -1 +1 @@\n"
            + "-x = 1\n\\ No newline at end of file\n+x = 2\n";

    List<TextDiff.Line> read = TextDiff.parse(diff);

    assertThat(read)
        .extracting(TextDiff.Line::kind)
        .containsExactly(
            TextDiff.Kind.HEADER,
            TextDiff.Kind.HEADER,
            TextDiff.Kind.HEADER,
            TextDiff.Kind.HEADER,
            TextDiff.Kind.HUNK,
            TextDiff.Kind.REMOVED,
            TextDiff.Kind.HEADER,
            TextDiff.Kind.ADDED);
    assertThat(TextDiff.parse(null)).isEmpty();
  }
}
