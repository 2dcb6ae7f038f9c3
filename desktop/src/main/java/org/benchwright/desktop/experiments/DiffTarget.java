package org.benchwright.desktop.experiments;

/** Where an experiment's diff is shown: the Code tab ({@code CodeEditorViewModel::showDiff}). */
@FunctionalInterface
public interface DiffTarget {

  /**
   * Shows {@code unifiedDiff} as the diff of the cursor's step {@code step}, headed {@code title};
   * a null diff shows {@code title} alone (a baseline has no diff, a blob may be missing).
   */
  void showDiff(long step, String title, String unifiedDiff);
}
