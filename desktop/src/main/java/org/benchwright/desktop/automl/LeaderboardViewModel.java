package org.benchwright.desktop.automl;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
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
import org.benchwright.engine.automl.Harness;
import org.benchwright.engine.automl.Leaderboard;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.project.RunInfo;

/**
 * The Leaderboard tab's state for an automl run: its candidates as {@link Leaderboard} ranks them,
 * and the charts computed from them. The tab applies to runs of the {@value #WORKFLOW} workflow and
 * to any other run that recorded candidates (found by the first read). Reads run off the FX thread
 * (ADR 0008). While a run records, each growth of the cursor's last step re-reads the board, one
 * read at a time (a growth during a read asks for one more after it): the whole board, not only the
 * new events, because a candidate trained again replaces its earlier row and re-ranks the rest.
 * Results for a run no longer selected are dropped.
 */
public final class LeaderboardViewModel {

  public static final String WORKFLOW = "automl";

  /** The run files a candidate's code is in: the plan it was trained from, the harness. */
  public static final String PLAN_FILE = "plan.json";

  private final RunCursor cursor;
  private final UiExecutor executor;
  private final CodeTarget code;
  private final ObservableList<LeaderboardRow> rows = FXCollections.observableArrayList();
  private final SortedList<LeaderboardRow> sorted = new SortedList<>(rows);
  private final ReadOnlyBooleanWrapper applicable = new ReadOnlyBooleanWrapper();
  private final ReadOnlyObjectWrapper<ScoreChart> chart =
      new ReadOnlyObjectWrapper<>(ScoreChart.EMPTY);
  private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
  private final ReadOnlyObjectWrapper<LeaderboardRow> selected = new ReadOnlyObjectWrapper<>();

  // FX thread only. A generation per selected run: results for an older one are dropped.
  private long generation;
  private long loadedSeq;
  private boolean loadedOnce;
  private boolean inFlight;
  private boolean moreWanted;

  public LeaderboardViewModel(RunCursor cursor, UiExecutor executor, CodeTarget code) {
    this.cursor = Objects.requireNonNull(cursor);
    this.executor = Objects.requireNonNull(executor);
    this.code = Objects.requireNonNull(code);
    cursor.runProperty().addListener((obs, before, now) -> reset());
    cursor.lastStepProperty().addListener((obs, before, now) -> load());
    reset();
  }

  /** Whether the cursor's run is an automl run or has candidates (the tab is shown only then). */
  public ReadOnlyBooleanProperty applicableProperty() {
    return applicable.getReadOnlyProperty();
  }

  /** The rows in the engine's rank order (scored best first, then the failures). */
  public ObservableList<LeaderboardRow> rows() {
    return FXCollections.unmodifiableObservableList(rows);
  }

  /** The rows in the order of {@link #sortBy}; what the table shows. */
  public SortedList<LeaderboardRow> sortedRows() {
    return sorted;
  }

  public ReadOnlyObjectProperty<ScoreChart> chartProperty() {
    return chart.getReadOnlyProperty();
  }

  /** Counts and the best so far in one line, or why there is nothing to show. */
  public ReadOnlyStringProperty messageProperty() {
    return message.getReadOnlyProperty();
  }

  /** The row selected in the table; kept (by name) when the board is re-read. */
  public ReadOnlyObjectProperty<LeaderboardRow> selectedProperty() {
    return selected.getReadOnlyProperty();
  }

  /** Sorts by {@code column}; null: the engine's ranking. */
  public void sortBy(LeaderboardColumn column, boolean ascending) {
    sortBy(column == null ? null : column.order(ascending));
  }

  /** Sorts by an order the table composed from several columns; null: the engine's ranking. */
  public void sortBy(Comparator<LeaderboardRow> order) {
    sorted.setComparator(order);
  }

  public void select(LeaderboardRow row) {
    selected.set(row);
  }

  /** Moves the cursor to the selected row's AUTOML event; the timeline follows. */
  public void showEvent() {
    LeaderboardRow row = selected.get();
    if (row != null && cursor.run() != null) {
      cursor.moveTo(row.seq());
    }
  }

  /**
   * The run files that hold the selected row's code, in the order the menu offers them: the plan it
   * was trained from, the harness that trained it, and its result.
   */
  public List<String> codeFiles() {
    LeaderboardRow row = selected.get();
    if (row == null) {
      return List.of();
    }
    return List.of(PLAN_FILE, Harness.FILE, "automl/" + row.name() + "/result.json");
  }

  /**
   * Opens {@code path} in the Code tab as it was at the selected row's event: the cursor moves
   * there first, so the file shown is the one that trained the candidate.
   */
  public void openCode(String path) {
    LeaderboardRow row = selected.get();
    if (row == null || cursor.run() == null || path == null) {
      return;
    }
    cursor.moveTo(row.seq());
    code.showFile(path);
  }

  private void reset() {
    generation++;
    rows.clear();
    selected.set(null);
    loadedSeq = 0;
    loadedOnce = false;
    inFlight = false;
    moreWanted = false;
    chart.set(ScoreChart.EMPTY);
    RunInfo run = cursor.run();
    applicable.set(run != null && WORKFLOW.equals(run.workflow()));
    message.set(applicable.get() ? "Reading the leaderboard…" : "Not an automl run");
    load();
  }

  private void load() {
    Project project = cursor.project();
    RunInfo run = cursor.run();
    if (project == null || run == null) {
      return;
    }
    if (inFlight) {
      moreWanted = true; // coalesce: one read at a time, one more after it
      return;
    }
    long last = cursor.lastStepProperty().get();
    if (loadedOnce && loadedSeq >= last) {
      return;
    }
    inFlight = true;
    long gen = generation;
    executor.execute(
        () -> {
          List<LeaderboardRow> ranked = ranked(Leaderboard.of(project, run.id()));
          return new Loaded(ranked, ScoreChart.of(ranked), summary(ranked));
        },
        loaded -> {
          if (gen != generation) {
            return;
          }
          inFlight = false;
          loadedSeq = last;
          loadedOnce = true;
          if (!applicable.get() && !loaded.rows().isEmpty()) {
            applicable.set(true); // another workflow's run that trained candidates
          }
          String keep = selected.get() == null ? null : selected.get().name();
          rows.setAll(loaded.rows());
          chart.set(loaded.chart());
          if (applicable.get()) {
            message.set(loaded.summary());
          }
          selected.set(
              keep == null
                  ? null
                  : loaded.rows().stream()
                      .filter(r -> r.name().equals(keep))
                      .findFirst()
                      .orElse(null));
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
          if (applicable.get()) {
            message.set("Could not read the leaderboard: " + error.getMessage());
          }
        });
  }

  private record Loaded(List<LeaderboardRow> rows, ScoreChart chart, String summary) {}

  /** The engine's rows numbered: 1, 2, … for the scored ones, 0 for the rest. */
  static List<LeaderboardRow> ranked(Leaderboard board) {
    List<LeaderboardRow> out = new ArrayList<>(board.rows().size());
    int rank = 0;
    for (Leaderboard.Row r : board.rows()) {
      out.add(new LeaderboardRow(r.scored() ? ++rank : 0, r));
    }
    return List.copyOf(out);
  }

  /** "5 candidates: 3 ok, 1 crashed, 1 over budget · best lgbm 0.9312 roc_auc (max)". */
  static String summary(List<LeaderboardRow> ranked) {
    if (ranked.isEmpty()) {
      return "No candidate has been trained yet";
    }
    int[] counts = new int[CandidateStatus.values().length];
    ranked.forEach(r -> counts[r.status().ordinal()]++);
    List<String> parts = new ArrayList<>();
    for (CandidateStatus s : CandidateStatus.values()) {
      if (counts[s.ordinal()] > 0) {
        parts.add(counts[s.ordinal()] + " " + s.word());
      }
    }
    StringBuilder sb =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "%d candidate%s: %s",
                ranked.size(),
                ranked.size() == 1 ? "" : "s",
                String.join(", ", parts)));
    ranked.stream()
        .filter(r -> r.rank() == 1)
        .findFirst()
        .ifPresent(
            best -> {
              sb.append(" · best ")
                  .append(best.name())
                  .append(' ')
                  .append(LeaderboardRow.score(best.row().cvMean()));
              if (best.row().metric() != null) {
                sb.append(' ').append(best.row().metric());
              }
              if (best.row().direction() != null) {
                sb.append(" (").append(best.row().direction()).append(')');
              }
            });
    return sb.toString();
  }
}
