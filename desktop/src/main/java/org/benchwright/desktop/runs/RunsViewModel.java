package org.benchwright.desktop.runs;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import org.benchwright.desktop.run.RunCursor;
import org.benchwright.desktop.ui.UiExecutor;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.project.RunInfo;
import org.benchwright.engine.project.RunStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runs list: every run of the open project, filtered by status and workflow and searched by
 * task or label. {@link #refresh()} re-reads the list off the FX thread (the live-runs panel calls
 * it when it starts a run; the view also calls it every few seconds); while the cursor's run is
 * live, a refresh also extends the cursor to the run's newest event.
 */
public final class RunsViewModel {

  private static final Logger LOG = LoggerFactory.getLogger(RunsViewModel.class);

  private final UiExecutor executor;
  private final RunCursor cursor;
  private final ObservableList<RunRow> all = FXCollections.observableArrayList();
  private final FilteredList<RunRow> shown = new FilteredList<>(all);
  private final ObservableList<String> workflows = FXCollections.observableArrayList();
  private final StringProperty search = new SimpleStringProperty("");
  private final ObjectProperty<RunStatus> statusFilter = new SimpleObjectProperty<>();
  private final ObjectProperty<String> workflowFilter = new SimpleObjectProperty<>();
  private final ObjectProperty<Project> project = new SimpleObjectProperty<>();
  private final StringBinding placeholder;

  // A refresh asked for while one runs is done once that one ends: polls never pile up.
  private boolean refreshing;
  private boolean refreshAgain;

  public RunsViewModel(UiExecutor executor, RunCursor cursor) {
    this.executor = Objects.requireNonNull(executor);
    this.cursor = Objects.requireNonNull(cursor);
    search.addListener((o, a, b) -> applyFilter());
    statusFilter.addListener((o, a, b) -> applyFilter());
    workflowFilter.addListener((o, a, b) -> applyFilter());
    placeholder =
        Bindings.createStringBinding(
            () ->
                project.get() == null
                    ? "No project open — File ▸ New or Open"
                    : all.isEmpty() ? "No runs yet" : "No run matches the filter",
            project,
            all);
  }

  /** The rows the filters let through, newest run first. */
  public ObservableList<RunRow> rows() {
    return FXCollections.unmodifiableObservableList(shown);
  }

  /** The workflows that have runs, for the workflow filter. */
  public ObservableList<String> workflows() {
    return FXCollections.unmodifiableObservableList(workflows);
  }

  /** Text searched (case-insensitive) in each run's task and label. */
  public StringProperty searchProperty() {
    return search;
  }

  /** Only runs with this status; null for all. */
  public ObjectProperty<RunStatus> statusFilterProperty() {
    return statusFilter;
  }

  /** Only runs of this workflow; null for all. */
  public ObjectProperty<String> workflowFilterProperty() {
    return workflowFilter;
  }

  /** What the empty table says. */
  public StringBinding placeholderText() {
    return placeholder;
  }

  public boolean hasProject() {
    return project.get() != null;
  }

  /** Shows the runs of {@code opened} (null: none). */
  public void setProject(Project opened) {
    if (opened == project.get()) {
      return;
    }
    project.set(opened);
    all.clear();
    workflows.clear();
    refresh();
  }

  /** Re-reads the runs of the open project (and the newest step of a live selected run). */
  public void refresh() {
    Project p = project.get();
    if (p == null) {
      return;
    }
    if (refreshing) {
      refreshAgain = true;
      return;
    }
    refreshing = true;
    RunInfo selected = cursor.project() == p ? cursor.run() : null;
    boolean live = selected != null && isLive(selected, all);
    executor.execute(
        () -> new Snapshot(p.runs().list(), live ? p.events().lastSeq(selected.id()) : -1),
        snapshot -> {
          refreshing = false;
          if (p == project.get()) {
            show(snapshot.runs());
            if (snapshot.lastSeq() >= 0 && cursor.run() == selected) {
              cursor.extendTo(snapshot.lastSeq());
            }
          }
          again();
        },
        error -> {
          refreshing = false;
          if (p == project.get()) { // else the project closed under the read: nothing to say
            LOG.warn("Cannot list the runs of {}", p.file(), error);
          }
          again();
        });
  }

  private record Snapshot(List<RunInfo> runs, long lastSeq) {}

  private void again() {
    if (refreshAgain) {
      refreshAgain = false;
      refresh();
    }
  }

  /** Whether the run is (as far as the last listing knows) still recording events. */
  private static boolean isLive(RunInfo run, List<RunRow> known) {
    RunStatus status =
        known.stream()
            .filter(r -> r.id() == run.id())
            .map(r -> r.info().status())
            .findFirst()
            .orElse(run.status());
    return status.isLive() || status == RunStatus.PAUSED || status == RunStatus.QUEUED;
  }

  private void show(List<RunInfo> runs) {
    List<RunRow> rows = runs.stream().map(RunRow::of).toList();
    if (!rows.equals(all)) {
      all.setAll(rows);
    }
    List<String> names = runs.stream().map(RunInfo::workflow).distinct().sorted().toList();
    if (!names.equals(workflows)) {
      workflows.setAll(names);
    }
  }

  private void applyFilter() {
    String needle = search.get() == null ? "" : search.get().trim().toLowerCase(Locale.ROOT);
    RunStatus status = statusFilter.get();
    String workflow = workflowFilter.get();
    shown.setPredicate(
        r ->
            (status == null || r.info().status() == status)
                && (workflow == null || workflow.equals(r.workflow()))
                && (needle.isEmpty()
                    || contains(r.info().task(), needle)
                    || contains(r.info().label(), needle)));
  }

  private static boolean contains(String text, String needle) {
    return text != null && text.toLowerCase(Locale.ROOT).contains(needle);
  }
}
