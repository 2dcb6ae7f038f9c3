package org.benchwright.desktop.runs;

import java.util.Collection;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Column widths that fit their content (issue 18: the runs table cut every column). A fitted column
 * is as wide as its header or its widest cell text, whichever is wider, plus the room the cell and
 * header chrome take; the flexible column (the task) gets what the table has left, and never less
 * than its own minimum — below that the table scrolls sideways instead of cutting text. Pure
 * arithmetic over measured text widths, so it is tested without a screen.
 */
final class ColumnFit {

  /** A cell's padding and border, both sides, with a pixel of slack against rounding. */
  static final double CELL_CHROME = 12;

  /** A header's padding and the sort arrow it shows once sorted. */
  static final double HEADER_CHROME = 24;

  private ColumnFit() {}

  /**
   * @param headerWidth the header text's width in the header's font
   * @param cellWidth a cell text's width in the cells' font
   */
  static double fitted(
      String header,
      Collection<String> cells,
      ToDoubleFunction<String> headerWidth,
      ToDoubleFunction<String> cellWidth) {
    double widest = headerWidth.applyAsDouble(header) + HEADER_CHROME;
    for (String text : cells) {
      if (text != null && !text.isEmpty()) {
        widest = Math.max(widest, cellWidth.applyAsDouble(text) + CELL_CHROME);
      }
    }
    return Math.ceil(widest);
  }

  /**
   * The flexible column's width: what {@code available} leaves after the fitted columns, at least
   * {@code minimum}.
   */
  static double remaining(double available, List<Double> fitted, double minimum) {
    double used = fitted.stream().mapToDouble(Double::doubleValue).sum();
    return Math.max(minimum, Math.floor(available - used));
  }
}
