package org.benchwright.desktop.ui;

import java.nio.file.Path;
import java.util.Optional;

/** The dialogs view models need, kept behind an interface so view models test without a screen. */
public interface DialogService {

  /** Asks where to create a new project; empty when the user cancels. */
  Optional<Path> chooseNewProjectFile();

  /** Asks which project to open; empty when the user cancels. */
  Optional<Path> chooseProjectToOpen();

  /** Tells the user something failed: a short header, the error's message, its detail on demand. */
  void showError(String header, Throwable error);

  /** Where to write exported training data (a .jsonl file); empty if the user cancelled. */
  Optional<Path> chooseExportFile();

  /** Which tabular file to add as a dataset (CSV or Parquet); empty if the user cancelled. */
  Optional<Path> chooseDatasetFile();

  /**
   * Asks before something that cannot be undone (a deletion): {@code header} says what will happen,
   * {@code detail} what is lost. True only when the user agreed.
   */
  boolean confirm(String header, String detail);
}
