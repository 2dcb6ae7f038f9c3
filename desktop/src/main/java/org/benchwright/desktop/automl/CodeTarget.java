package org.benchwright.desktop.automl;

/**
 * Where a candidate's code opens: the Code tab at the cursor's step ({@code CodeEditorViewModel}).
 */
@FunctionalInterface
public interface CodeTarget {

  /** Shows the run file {@code path} as it was at the cursor's step and brings it forward. */
  void showFile(String path);
}
