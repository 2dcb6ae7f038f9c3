package org.benchwright.desktop.automl;

import java.nio.file.Path;
import java.util.Objects;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.benchwright.desktop.ui.DialogService;
import org.benchwright.desktop.ui.LongWork;
import org.benchwright.desktop.ui.UiExecutor;
import org.benchwright.engine.automl.DatasetImport;
import org.benchwright.engine.automl.MlSandbox;
import org.benchwright.engine.project.Datasets.Dataset;
import org.benchwright.engine.project.Project;

/**
 * File ▸ Add Dataset… and View ▸ Datasets… over one project: the datasets by name, the selected
 * one's details, adding a file and overriding the target. Reads, profiling and storing run off the
 * FX thread (ADR 0008); what the engine refuses (a file it cannot read, a target with one class) is
 * shown in the app's error dialog with the engine's words. Nothing is stored on a refusal: that is
 * {@link DatasetImport}'s promise, not this class's.
 */
public final class DatasetsViewModel {

  /** What adds and re-targets: {@link DatasetImport} in the app, a stand-in in unit tests. */
  public interface Importer {
    Dataset add(Path file);

    Dataset retarget(String name, String column);

    /** The engine's importer, profiling in {@code sandbox}. */
    static Importer of(Project project, MlSandbox sandbox) {
      DatasetImport i = new DatasetImport(project, sandbox);
      return new Importer() {
        @Override
        public Dataset add(Path file) {
          return i.add(file, null, null);
        }

        @Override
        public Dataset retarget(String name, String column) {
          return i.retarget(name, column);
        }
      };
    }
  }

  private final Project project;
  private final UiExecutor executor;
  private final DialogService dialogs;
  private final Importer importer;
  private final ObservableList<Dataset> datasets = FXCollections.observableArrayList();
  private final ReadOnlyObjectWrapper<Dataset> selected = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyObjectWrapper<DatasetDetails> details = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
  private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
  private final ReadOnlyObjectWrapper<LongWork> longWork = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyObjectWrapper<Dataset> added = new ReadOnlyObjectWrapper<>();
  // FX thread only: a selection made while an older one's details load drops the older.
  private long detailsTicket;

  public DatasetsViewModel(
      Project project, UiExecutor executor, DialogService dialogs, Importer importer) {
    this.project = Objects.requireNonNull(project);
    this.executor = Objects.requireNonNull(executor);
    this.dialogs = Objects.requireNonNull(dialogs);
    this.importer = Objects.requireNonNull(importer);
  }

  /** The project's datasets by name, as last read. */
  public ObservableList<Dataset> datasets() {
    return FXCollections.unmodifiableObservableList(datasets);
  }

  public ReadOnlyObjectProperty<Dataset> selectedProperty() {
    return selected.getReadOnlyProperty();
  }

  /** The selected dataset's details; null while none is selected or they are being read. */
  public ReadOnlyObjectProperty<DatasetDetails> detailsProperty() {
    return details.getReadOnlyProperty();
  }

  /** What the last action did, or what is going on. */
  public ReadOnlyStringProperty statusProperty() {
    return status.getReadOnlyProperty();
  }

  /** True while a dataset is being added or re-targeted (profiling takes seconds). */
  public ReadOnlyBooleanProperty busyProperty() {
    return busy.getReadOnlyProperty();
  }

  /** The add in progress, for the window's progress dialog; null when none is. */
  public ReadOnlyObjectProperty<LongWork> longWorkProperty() {
    return longWork.getReadOnlyProperty();
  }

  /** The dataset added last (the window opens on it). */
  public ReadOnlyObjectProperty<Dataset> addedProperty() {
    return added.getReadOnlyProperty();
  }

  /** Reads the datasets again; keeps the selection by name when it is still there. */
  public void refresh() {
    refresh(selected.get() == null ? null : selected.get().name());
  }

  private void refresh(String select) {
    executor.execute(
        () -> project.datasets().list(),
        list -> {
          datasets.setAll(list);
          status.set(
              list.isEmpty()
                  ? "No datasets yet: add one with File ▸ Add Dataset…"
                  : list.size() + (list.size() == 1 ? " dataset" : " datasets"));
          select(
              list.stream()
                  .filter(d -> d.name().equals(select))
                  .findFirst()
                  .orElse(list.isEmpty() ? null : list.getFirst()));
        },
        error -> dialogs.showError("Cannot read the datasets", error));
  }

  /** Shows {@code d}'s details (its profile parsed off the FX thread); null clears them. */
  public void select(Dataset d) {
    long ticket = ++detailsTicket;
    selected.set(d);
    details.set(null);
    if (d == null) {
      return;
    }
    executor.execute(
        () -> DatasetDetails.of(d),
        shown -> {
          if (ticket == detailsTicket) {
            details.set(shown);
          }
        },
        error -> {
          if (ticket == detailsTicket) {
            status.set("Cannot read the profile of " + d.name() + ": " + error.getMessage());
          }
        });
  }

  /** Asks for a file, then adds it ({@link #add}). */
  public void addChosen() {
    dialogs.chooseDatasetFile().ifPresent(this::add);
  }

  /**
   * Profiles {@code file} in the ml sandbox and stores it under its name without the extension. The
   * progress dialog's Cancel only stops waiting: a profile under way finishes, and the list shows
   * what it stored.
   */
  public void add(Path file) {
    if (busy.get()) {
      return;
    }
    busy.set(true);
    String shown = file.getFileName().toString();
    status.set("Adding " + shown + "…");
    LongWork work =
        new LongWork(
            "Adding " + shown,
            "Checking " + shown + " and profiling it in the ml sandbox…",
            "Cancel stops waiting: profiling finishes in the background, and the dataset is"
                + " stored if it succeeds.",
            () -> {});
    longWork.set(work);
    executor.execute(
        () -> importer.add(file),
        d -> {
          finish(work);
          status.set(
              String.format(
                  java.util.Locale.ROOT,
                  "Added %s: %,d rows, target %s (%s)",
                  d.name(),
                  d.rows(),
                  d.target(),
                  d.task()));
          added.set(d);
          refresh(d.name());
        },
        error -> {
          finish(work);
          status.set(shown + " was not added.");
          if (!work.isCancelled()) {
            dialogs.showError("The dataset could not be added", error);
          }
          refresh();
        });
  }

  /**
   * Trains runs of the selected dataset for {@code column} instead: re-profiled by the harness,
   * which names the task and may refuse the column (one class, an identifier).
   */
  public void retarget(String column) {
    Dataset d = selected.get();
    if (d == null || column == null || busy.get() || column.equals(d.target())) {
      return;
    }
    busy.set(true);
    status.set("Profiling " + d.name() + " for target " + column + "…");
    executor.execute(
        () -> importer.retarget(d.name(), column),
        changed -> {
          busy.set(false);
          status.set(
              "Target of "
                  + changed.name()
                  + ": "
                  + changed.target()
                  + " ("
                  + changed.task()
                  + ")");
          refresh(changed.name());
        },
        error -> {
          busy.set(false);
          status.set("The target of " + d.name() + " stays " + d.target() + ".");
          dialogs.showError("Cannot make " + column + " the target", error);
          // Back to the stored target, which the combo box shows again.
          select(d);
        });
  }

  private void finish(LongWork work) {
    busy.set(false);
    work.finish();
    if (longWork.get() == work) {
      longWork.set(null);
    }
  }
}
