package org.benchwright.desktop.runs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/** Column widths from measured texts: 7 px a character in cells, 8 in the bold headers. */
class ColumnFitTest {

  private static final ToDoubleFunction<String> HEADER = s -> 8.0 * s.length();
  private static final ToDoubleFunction<String> CELL = s -> 7.0 * s.length();

  @Test
  void aColumnIsAsWideAsItsWidestCellOrItsHeader() {
    // "experiment-loop" (105 px) is wider than "Workflow" (64 px): the cell decides.
    assertThat(
            ColumnFit.fitted(
                "Workflow", List.of("engineer", "experiment-loop", "engineer"), HEADER, CELL))
        .isEqualTo(105 + ColumnFit.CELL_CHROME);
    // "Duration" (64 px) is wider than "2.7 s" (35 px): the header decides.
    assertThat(ColumnFit.fitted("Duration", List.of("2.7 s", "—"), HEADER, CELL))
        .isEqualTo(64 + ColumnFit.HEADER_CHROME);
    // An empty table still shows the whole header.
    assertThat(ColumnFit.fitted("Cost", List.of(), HEADER, CELL))
        .isEqualTo(32 + ColumnFit.HEADER_CHROME);
  }

  @Test
  void widthsAreWholePixelsRoundedUpSoNoTextLosesAPixel() {
    assertThat(ColumnFit.fitted("A", List.of("x"), s -> 1.2, s -> 20.01))
        .isEqualTo(Math.ceil(20.01 + ColumnFit.CELL_CHROME));
  }

  @Test
  void theTaskTakesWhatTheOthersLeaveButNeverLessThanItsMinimum() {
    assertThat(ColumnFit.remaining(800.6, List.of(100.0, 80.0, 120.0), 160)).isEqualTo(500);
    assertThat(ColumnFit.remaining(400, List.of(150.0, 80.0, 190.0), 160)).isEqualTo(160);
  }
}
