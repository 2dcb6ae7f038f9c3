package org.benchwright.desktop.experiments;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.SortedList;
import org.benchwright.desktop.run.RunCursor;
import org.benchwright.desktop.ui.UiExecutor;
import org.benchwright.engine.project.EventPayload;
import org.benchwright.engine.project.EventType;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.project.RunInfo;

/**
 * The Experiments tab's state for a run of the {@value #WORKFLOW} workflow: one row per EXPERIMENT
 * event and the progress chart computed from them. Reads only those events ({@code stream(run,
 * fromSeq, {EXPERIMENT})}) off the FX thread (ADR 0008); while a run is live, each growth of the
 * cursor's last step reads just the events after the ones already shown, one read at a time (a
 * growth during a read asks for one more after it). A load for a run no longer selected is dropped.
 * Opening a row moves the cursor to its event and hands its diff (a blob) to the Code tab.
 */
public final class ExperimentsViewModel {

  public static final String WORKFLOW = "experiment-loop";

  private static final Set<EventType> EXPERIMENTS = Set.of(EventType.EXPERIMENT);

  private final RunCursor cursor;
  private final UiExecutor executor;
  private final DiffTarget diffs;
  private final ObservableList<ExperimentRow> rows = FXCollections.observableArrayList();
  private final SortedList<ExperimentRow> sorted = new SortedList<>(rows);
  private final ReadOnlyBooleanWrapper applicable = new ReadOnlyBooleanWrapper();
  private final ReadOnlyObjectWrapper<ProgressChart> chart =
      new ReadOnlyObjectWrapper<>(ProgressChart.EMPTY);
  private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
  private final ReadOnlyObjectWrapper<ExperimentRow> opened = new ReadOnlyObjectWrapper<>();

  // FX thread only. A generation per selected run: results for an older one are dropped.
  private long generation;
  private long loadedSeq;
  private boolean inFlight;
  private boolean moreWanted;
  private long diffTicket;

  public ExperimentsViewModel(RunCursor cursor, UiExecutor executor, DiffTarget diffs) {
    this.cursor = Objects.requireNonNull(cursor);
    this.executor = Objects.requireNonNull(executor);
    this.diffs = Objects.requireNonNull(diffs);
    cursor.runProperty().addListener((obs, before, now) -> reset());
    cursor.lastStepProperty().addListener((obs, before, now) -> load());
    reset();
  }

  /** Whether the cursor's run is an experiment loop (the tab is shown only then). */
  public ReadOnlyBooleanProperty applicableProperty() {
    return applicable.getReadOnlyProperty();
  }

  /** The rows in the order recorded (index order as the engine writes them). */
  public ObservableList<ExperimentRow> rows() {
    return FXCollections.unmodifiableObservableList(rows);
  }

  /** The rows in the order of {@link #sortBy}; what the table shows. */
  public SortedList<ExperimentRow> sortedRows() {
    return sorted;
  }

  public ReadOnlyObjectProperty<ProgressChart> chartProperty() {
    return chart.getReadOnlyProperty();
  }

  /** Counts and the best so far in one line, or why there is nothing to show. */
  public ReadOnlyStringProperty messageProperty() {
    return message.getReadOnlyProperty();
  }

  /** The row last opened (its event is at the cursor); null when none is. */
  public ReadOnlyObjectProperty<ExperimentRow> openedProperty() {
    return opened.getReadOnlyProperty();
  }

  /** Sorts the table by {@code column} (null: as recorded); empty values stay last either way. */
  public void sortBy(ExperimentColumn column, boolean ascending) {
    sortBy(column == null ? null : column.order(ascending));
  }

  /** Sorts by an order the table composed from several columns; null: as recorded. */
  public void sortBy(Comparator<ExperimentRow> order) {
    sorted.setComparator(order);
  }

  /**
   * Moves the cursor to {@code row}'s event (the timeline follows) and shows its diff against its
   * baseline in the Code tab, read from the blobs off the FX thread.
   */
  public void open(ExperimentRow row) {
    Project project = cursor.project();
    if (row == null || project == null) {
      return;
    }
    opened.set(row);
    cursor.moveTo(row.seq());
    long ticket = ++diffTicket;
    long step = row.seq();
    EventPayload.Experiment x = row.experiment();
    if (x == null) {
      diffs.showDiff(step, row.description(), null);
      return;
    }
    String title = title(x);
    if (x.diffSha() == null || x.diffSha().isBlank()) {
      diffs.showDiff(
          step,
          title
              + (Status.of(x.status()) == Status.BASELINE
                  ? ": a baseline, no diff"
                  : ": no diff recorded"),
          null);
      return;
    }
    executor.execute(
        () ->
            project
                .blobs()
                .get(x.diffSha())
                .map(b -> new String(b, StandardCharsets.UTF_8))
                .orElse(null),
        text -> {
          if (ticket != diffTicket) {
            return; // another row was opened meanwhile
          }
          diffs.showDiff(
              step, text == null ? title + ": diff " + x.diffSha() + " is missing" : title, text);
        },
        error -> {
          if (ticket == diffTicket) {
            diffs.showDiff(step, title + ": cannot read its diff: " + error.getMessage(), null);
          }
        });
  }

  /** "Experiment #3 (e3f1a2c) against b0c4d5e". */
  static String title(EventPayload.Experiment x) {
    StringBuilder sb = new StringBuilder("Experiment #").append(x.index());
    if (x.id() != null) {
      sb.append(" (").append(x.id()).append(')');
    }
    if (x.parent() != null) {
      sb.append(" against ").append(x.parent());
    }
    return sb.toString();
  }

  private void reset() {
    generation++;
    diffTicket++;
    rows.clear();
    opened.set(null);
    loadedSeq = 0;
    inFlight = false;
    moreWanted = false;
    chart.set(ProgressChart.EMPTY);
    RunInfo run = cursor.run();
    applicable.set(run != null && WORKFLOW.equals(run.workflow()));
    message.set(applicable.get() ? "Reading experiments…" : "Not an experiment-loop run");
    load();
  }

  private void load() {
    Project project = cursor.project();
    RunInfo run = cursor.run();
    if (project == null || run == null || !applicable.get()) {
      return;
    }
    if (inFlight) {
      moreWanted = true; // coalesce: one read at a time, one more after it
      return;
    }
    long last = cursor.lastStepProperty().get();
    if (loadedSeq >= last) {
      return;
    }
    inFlight = true;
    long gen = generation;
    long from = loadedSeq + 1;
    List<ExperimentRow> before = List.copyOf(rows);
    executor.execute(
        () -> {
          List<ExperimentRow> fresh;
          try (var events = project.events().stream(run.id(), from, EXPERIMENTS)) {
            fresh = events.takeWhile(e -> e.seq() <= last).map(ExperimentRow::of).toList();
          }
          List<ExperimentRow> all = new ArrayList<>(before.size() + fresh.size());
          all.addAll(before);
          all.addAll(fresh);
          ProgressChart c = ProgressChart.of(all);
          return new Loaded(fresh, c, summary(all, c));
        },
        loaded -> {
          if (gen != generation) {
            return;
          }
          inFlight = false;
          loadedSeq = last;
          rows.addAll(loaded.fresh());
          chart.set(loaded.chart());
          message.set(loaded.summary());
          if (moreWanted) {
            moreWanted = false;
            load();
          }
        },
        error -> {
          if (gen != generation) {
            return;
          }
          inFlight = false;
          message.set("Could not read the experiments: " + error.getMessage());
        });
  }

  private record Loaded(List<ExperimentRow> fresh, ProgressChart chart, String summary) {}

  /** "12 experiments: 2 baselines, 4 kept, 5 discarded, 1 crashed · best 0.93 (max)". */
  static String summary(List<ExperimentRow> all, ProgressChart c) {
    if (all.isEmpty()) {
      return "No experiments recorded yet";
    }
    int[] counts = new int[Status.values().length];
    all.forEach(r -> counts[r.status().ordinal()]++);
    StringBuilder sb =
        new StringBuilder(String.format(Locale.ROOT, "%,d experiments:", all.size()));
    List<String> parts = new ArrayList<>();
    for (Status s : Status.values()) {
      if (counts[s.ordinal()] > 0) {
        parts.add(counts[s.ordinal()] + " " + s.word());
      }
    }
    sb.append(' ').append(String.join(", ", parts));
    if (!c.steps().isEmpty()) {
      sb.append(" · best ")
          .append(ExperimentRow.number(c.steps().getLast().best()))
          .append(" (")
          .append(c.direction())
          .append(')');
    }
    return sb.toString();
  }
}
