package org.benchwright.desktop.skills;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LineDiffTest {

  @Test
  void keepsCommonLinesAndMarksRemovedAndAddedOnes() {
    String diff = LineDiff.render(LineDiff.diff("a\nb\nc\nd", "a\nc\nd\ne"));
    assertThat(diff).isEqualTo("  a\n- b\n  c\n  d\n+ e\n");
  }

  @Test
  void identicalTextsHaveOnlyKeptLines() {
    assertThat(LineDiff.diff("x\ny", "x\ny")).allMatch(l -> l.op() == ' ');
  }

  @Test
  void aChangedLineIsARemovalAndAnAddition() {
    assertThat(LineDiff.render(LineDiff.diff("start_z = 0.03", "start_z = 0.01")))
        .isEqualTo("- start_z = 0.03\n+ start_z = 0.01\n");
  }
}
