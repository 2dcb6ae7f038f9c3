package org.benchwright.desktop.runs;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
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
 *
 * <p>When a project opens, the newest run the filters let through is selected, so the panels show a
 * run instead of "Select a run" (issue 18). That choice is the list's own until someone else
 * chooses: while it is, a change of filter moves it to the newest run shown; once the user picks a
 * row (or anything else puts a run in the cursor: a new live run, a skill's origin run), the list
 * never selects on its own again until the next project opens.
 */
public final class RunsViewModel {

  // Looked up when first needed, not with the class: this class is used on the FX thread before
  // the first frame, and the first logger sets up logging (ADR 0036).
  private static Logger log() {
    return LoggerFactory.getLogger(RunsViewModel.class);
  }

  private final UiExecutor executor;
  private final RunCursor cursor;
  private final Consumer<RunInfo> selector;
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

  // True from a project's opening until a run is chosen by anyone but this list.
  private boolean choosing;
  // The runs this list chose for the open project (its choice may be on its way to the cursor).
  private final Set<Long> chosen = new HashSet<>();
  private long lastChosen = -1;

  /** A list that never selects a run itself. */
  public RunsViewModel(UiExecutor executor, RunCursor cursor) {
    this(executor, cursor, run -> {});
  }

  /**
   * @param selector selects a run in the cursor (the main window's {@code selectRun}); the list
   *     calls it for the newest run when a project opens, and for the rows the user picks
   */
  public RunsViewModel(UiExecutor executor, RunCursor cursor, Consumer<RunInfo> selector) {
    this.executor = Objects.requireNonNull(executor);
    this.cursor = Objects.requireNonNull(cursor);
    this.selector = Objects.requireNonNull(selector);
    cursor
        .runProperty()
        .addListener(
            (o, was, now) -> {
              if (now != null && !chosen.contains(now.id())) {
                choosing = false; // someone else chose: never override them
              }
            });
    search.addListener((o, a, b) -> filterChanged());
    statusFilter.addListener((o, a, b) -> filterChanged());
    workflowFilter.addListener((o, a, b) -> filterChanged());
    placeholder =
        Bindings.createStringBinding(
            () ->
                project.get() == null
                    ? "No project open — File ▸ New or Open"
                    : all.isEmpty() ? "No runs yet" : "No run matches the filter",
            project,
            all);
  }

  /**
   * The rows the filters let through, as a tree: runs that are not forks newest first, each
   * followed by its forks (see {@link RunTree}).
   */
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

  /** The user picked this row: it goes to the cursor, and the list stops choosing on its own. */
  public void userSelected(RunInfo run) {
    choosing = false;
    selector.accept(run);
  }

  /**
   * A run was just made here (a fork): the list reads it in and it goes to the cursor, as if the
   * user had picked it.
   */
  public void showCreated(RunInfo run) {
    choosing = false;
    refresh();
    selector.accept(run);
  }

  /** Whether the selection is still the list's own choice (no one else chose a run yet). */
  public boolean isChoosing() {
    return choosing;
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
    chosen.clear();
    lastChosen = -1;
    choosing = opened != null && !(cursor.project() == opened && cursor.run() != null);
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
            log().warn("Cannot list the runs of {}", p.file(), error);
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
    List<RunRow> rows = RunTree.rows(runs);
    if (!rows.equals(all)) {
      all.setAll(rows);
    }
    List<String> names = runs.stream().map(RunInfo::workflow).distinct().sorted().toList();
    if (!names.equals(workflows)) {
      workflows.setAll(names);
    }
    chooseNewest();
  }

  private void filterChanged() {
    applyFilter();
    chooseNewest();
  }

  /** While the list chooses, the newest run the filters let through goes to the cursor. */
  private void chooseNewest() {
    Project p = project.get();
    if (!choosing || p == null || shown.isEmpty()) {
      return; // nothing shown: keep what the panels show rather than empty them
    }
    // The newest run is the one made last, a fork maybe, wherever the tree puts it.
    RunInfo newest =
        shown.stream().map(RunRow::info).max(java.util.Comparator.comparingLong(RunInfo::id)).get();
    RunInfo current = cursor.project() == p ? cursor.run() : null;
    if (newest.id() == lastChosen || (current != null && current.id() == newest.id())) {
      return;
    }
    chosen.add(newest.id());
    lastChosen = newest.id();
    selector.accept(newest);
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
