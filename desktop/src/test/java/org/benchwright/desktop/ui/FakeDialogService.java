package org.benchwright.desktop.ui;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Answers file choosers with preset paths and records the errors it was asked to show. */
public final class FakeDialogService implements DialogService {

  public record ShownError(String header, Throwable error) {}

  private volatile Path newProjectFile;
  private volatile Path projectToOpen;
  private final List<ShownError> errors = new ArrayList<>();

  public FakeDialogService answerNewProject(Path file) {
    newProjectFile = file;
    return this;
  }

  public FakeDialogService answerOpenProject(Path file) {
    projectToOpen = file;
    return this;
  }

  private volatile Path exportFile;

  public FakeDialogService answerExport(Path file) {
    exportFile = file;
    return this;
  }

  @Override
  public Optional<Path> chooseExportFile() {
    return Optional.ofNullable(exportFile);
  }

  private volatile Path datasetFile;

  public FakeDialogService answerDataset(Path file) {
    datasetFile = file;
    return this;
  }

  @Override
  public Optional<Path> chooseDatasetFile() {
    return Optional.ofNullable(datasetFile);
  }

  private volatile boolean confirmAnswer;
  private final List<String> confirmations = new ArrayList<>();

  /** What {@link #confirm} answers from now on (no, until told otherwise). */
  public FakeDialogService answerConfirm(boolean yes) {
    confirmAnswer = yes;
    return this;
  }

  /** The headers of the confirmations asked for, in order. */
  public synchronized List<String> confirmations() {
    return List.copyOf(confirmations);
  }

  @Override
  public synchronized boolean confirm(String header, String detail) {
    confirmations.add(header);
    return confirmAnswer;
  }

  public synchronized List<ShownError> errors() {
    return List.copyOf(errors);
  }

  @Override
  public Optional<Path> chooseNewProjectFile() {
    return Optional.ofNullable(newProjectFile);
  }

  @Override
  public Optional<Path> chooseProjectToOpen() {
    return Optional.ofNullable(projectToOpen);
  }

  @Override
  public synchronized void showError(String header, Throwable error) {
    errors.add(new ShownError(header, error));
  }
}
