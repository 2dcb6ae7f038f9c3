package org.benchwright.desktop.summary;

import java.util.Objects;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.benchwright.desktop.run.RunCursor;
import org.benchwright.desktop.ui.UiExecutor;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.project.RunInfo;

/**
 * The run summary of the cursor's run: folds its events (paged from the project file, off the FX
 * thread) into a {@link RunSummary}, and folds only the new ones when a live run grows. A load for
 * a run that is no longer selected is dropped.
 */
public final class RunSummaryViewModel {

  private final RunCursor cursor;
  private final UiExecutor executor;
  private final ReadOnlyObjectWrapper<RunSummary> summary =
      new ReadOnlyObjectWrapper<>(RunSummary.EMPTY);
  private final ReadOnlyStringWrapper outcomeText = new ReadOnlyStringWrapper("No run selected");
  private final ReadOnlyStringWrapper headline = new ReadOnlyStringWrapper("No run selected");
  private final ReadOnlyStringWrapper detail = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper totalsText = new ReadOnlyStringWrapper("");
  private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper();

  // FX thread only. A generation per selected run: results of an older one are dropped.
  private long generation;
  private RunSummary.Builder builder;
  private boolean inFlight;
  private boolean moreWanted;

  public RunSummaryViewModel(RunCursor cursor, UiExecutor executor) {
    this.cursor = Objects.requireNonNull(cursor);
    this.executor = Objects.requireNonNull(executor);
    cursor.runProperty().addListener((obs, before, now) -> reset());
    cursor.lastStepProperty().addListener((obs, before, now) -> load());
    reset();
  }

  public ReadOnlyObjectProperty<RunSummary> summaryProperty() {
    return summary.getReadOnlyProperty();
  }

  /** "Succeeded: ..." / "Failed: ..." / "Running…" / "No run selected". */
  public ReadOnlyStringProperty outcomeTextProperty() {
    return outcomeText.getReadOnlyProperty();
  }

  /** The outcome's first line, e.g. "Succeeded: seed 1: ok", for the panel's heading. */
  public ReadOnlyStringProperty headlineProperty() {
    return headline.getReadOnlyProperty();
  }

  /** The rest of a multi-line reason (a check's per-seed report), or empty. */
  public ReadOnlyStringProperty detailProperty() {
    return detail.getReadOnlyProperty();
  }

  /** Tokens, cost, execs and verdicts of the whole run, in one line. */
  public ReadOnlyStringProperty totalsTextProperty() {
    return totalsText.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty loadingProperty() {
    return loading.getReadOnlyProperty();
  }

  private void reset() {
    generation++;
    builder = new RunSummary.Builder();
    inFlight = false;
    moreWanted = false;
    show(RunSummary.EMPTY);
    load();
  }

  private void load() {
    Project project = cursor.project();
    RunInfo run = cursor.run();
    if (project == null || run == null) {
      return;
    }
    if (inFlight) {
      moreWanted = true; // coalesce: one load at a time, one more after it
      return;
    }
    long last = cursor.lastStepProperty().get();
    if (builder.lastSeq() >= last) {
      return;
    }
    inFlight = true;
    loading.set(true);
    long gen = generation;
    RunSummary.Builder b = builder;
    executor.execute(
        () -> {
          // The builder is touched only by this one load until it reports back.
          project.events().stream(run.id(), b.lastSeq() + 1)
              .takeWhile(e -> e.seq() <= last)
              .forEach(b::add);
          return b.build();
        },
        built -> {
          if (gen != generation) {
            return;
          }
          inFlight = false;
          loading.set(false);
          show(built);
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
          loading.set(false);
          outcomeText.set("Could not read the run: " + error.getMessage());
          headline.set(outcomeText.get());
          detail.set("");
        });
  }

  private void show(RunSummary s) {
    summary.set(s);
    showOutcome(s);
    String text = outcomeText.get();
    int newline = text.indexOf('\n');
    headline.set(newline < 0 ? text : text.substring(0, newline));
    detail.set(newline < 0 ? "" : text.substring(newline + 1).strip());
  }

  private void showOutcome(RunSummary s) {
    RunInfo run = cursor.run();
    if (run == null) {
      outcomeText.set("No run selected");
      totalsText.set("");
      return;
    }
    if (s.outcome() == null) {
      outcomeText.set(s.events() == 0 ? "No events yet" : "Not ended yet (" + run.status() + ")");
    } else {
      String status = s.outcome().status();
      String word =
          status.isEmpty() ? "Ended" : status.charAt(0) + status.substring(1).toLowerCase();
      outcomeText.set(word + ": " + s.outcome().reason());
    }
    totalsText.set(
        String.format(
            java.util.Locale.ROOT,
            "%,d events · %,d in + %,d out tokens · $%.4f · %d sandbox execs (%.1f s) ·"
                + " verdicts %d passed, %d failed · %d replies truncated · %d refusals",
            s.events(),
            s.inputTokens(),
            s.outputTokens(),
            s.costUsd(),
            s.execs(),
            s.execMillis() / 1000.0,
            s.verdictsPassed(),
            s.verdictsFailed(),
            s.truncatedReplies(),
            s.refusals()));
  }
}
