package org.benchwright.desktop.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.benchwright.desktop.run.RunCursor;
import org.benchwright.desktop.ui.CurrentThreadUiExecutor;
import org.benchwright.engine.project.Event;
import org.benchwright.engine.project.EventPayload;
import org.benchwright.engine.project.EventType;
import org.benchwright.engine.project.NewRun;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.project.RunInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentsViewModelTest {

  @TempDir Path dir;
  private Project project;
  private final RunCursor cursor = new RunCursor();
  private final List<String[]> shown = new ArrayList<>();
  private ExperimentsViewModel vm;

  @BeforeEach
  void setUp() {
    project = Project.create(dir.resolve("x.bwproj"));
    vm =
        new ExperimentsViewModel(
            cursor,
            new CurrentThreadUiExecutor(),
            (step, title, diff) -> shown.add(new String[] {String.valueOf(step), title, diff}));
  }

  @AfterEach
  void tearDown() {
    project.close();
  }

  private RunInfo run(String workflow) {
    return project.runs().create(new NewRun(workflow, "tune", "{\"provider\":\"scripted\"}"));
  }

  private static EventPayload.Experiment x(
      int index, String status, Double metric, Double best, Double delta, Double noise) {
    return x(index, status, metric, best, delta, noise, "max", null, 0);
  }

  private static EventPayload.Experiment x(
      int index,
      String status,
      Double metric,
      Double best,
      Double delta,
      Double noise,
      String direction,
      String diffSha,
      int fix) {
    return new EventPayload.Experiment(
        index,
        "id" + index,
        index == 1 ? null : "id1",
        "hypothesis " + index,
        "change " + index,
        status,
        metric,
        best,
        delta,
        noise,
        direction,
        status,
        1000L * index,
        null,
        0,
        diffSha,
        fix);
  }

  private long append(RunInfo run, EventPayload p) {
    return project.events().append(run.id(), Event.of("experimenter", p));
  }

  private void select(RunInfo run) {
    cursor.select(project, run, project.events().lastSeq(run.id()));
  }

  /** Two baselines, a kept, a discarded, a crash and its fixed retry that is kept. */
  private RunInfo loop() {
    RunInfo run = run(ExperimentsViewModel.WORKFLOW);
    append(run, new EventPayload.Note(null));
    append(run, x(1, "baseline", 0.900, 0.900, null, 0.004));
    append(run, x(2, "baseline", 0.904, 0.904, null, 0.004));
    append(run, x(3, "kept", 0.920, 0.904, 0.016, 0.004));
    append(run, x(4, "discarded", 0.922, 0.920, 0.002, 0.004));
    append(run, x(5, "crashed", null, 0.920, null, 0.004, "max", null, 0));
    append(run, x(6, "kept", 0.931, 0.920, 0.011, 0.005, "max", null, 1));
    return run;
  }

  @Test
  void onlyExperimentLoopRunsHaveTheTab() {
    RunInfo other = run("engineer");
    append(other, x(1, "baseline", 1.0, 1.0, null, 0.1));
    select(other);
    assertThat(vm.applicableProperty().get()).isFalse();
    assertThat(vm.rows()).isEmpty(); // nothing read for a run the tab does not show

    select(loop());
    assertThat(vm.applicableProperty().get()).isTrue();
    assertThat(vm.rows()).extracting(ExperimentRow::index).containsExactly(1, 2, 3, 4, 5, 6);
    assertThat(vm.messageProperty().get())
        .isEqualTo("6 experiments: 2 baseline, 2 kept, 1 discarded, 1 crashed · best 0.931 (max)");
  }

  @Test
  void runningBestStepsOnlyOnBaselinesAndKeptAndTheBandUsesTheRecordedNoise() {
    select(loop());
    ProgressChart c = vm.chartProperty().get();

    assertThat(c.direction()).isEqualTo("max");
    assertThat(c.maxIndex()).isEqualTo(6);
    assertThat(c.steps()).extracting(ProgressChart.Step::index).containsExactly(1, 2, 3, 4, 5, 6);
    // 0.900, the better baseline 0.904, kept 0.920, unchanged twice, kept 0.931.
    assertThat(c.steps())
        .extracting(ProgressChart.Step::best)
        .containsExactly(0.900, 0.904, 0.920, 0.920, 0.920, 0.931);
    ProgressChart.Step last = c.steps().getLast();
    assertThat(last.low()).isCloseTo(0.926, within(1e-12));
    assertThat(last.high()).isCloseTo(0.936, within(1e-12));
    // The crash is charted without a metric (drawn at the axis), coloured as a crash.
    ProgressChart.Point crash = c.points().get(4);
    assertThat(crash.metric()).isNull();
    assertThat(crash.status()).isEqualTo(Status.CRASHED);
    // The range holds every metric and the whole band.
    assertThat(c.yMin()).isLessThan(0.900 - 0.004);
    assertThat(c.yMax()).isGreaterThan(0.936);
  }

  @Test
  void forAMinimisingRunTheBaselineWithoutARecordedBestTakesTheLowerMetric() {
    List<ExperimentRow> rows =
        List.of(
            new ExperimentRow(1, x(1, "baseline", 2.5, null, null, 0.1, "min", null, 0), null),
            new ExperimentRow(2, x(2, "baseline", 2.3, null, null, 0.2, "min", null, 0), null),
            new ExperimentRow(3, x(3, "discarded", 2.25, 2.3, -0.05, 0.2, "min", null, 0), null));

    ProgressChart c = ProgressChart.of(rows);

    assertThat(c.steps()).extracting(ProgressChart.Step::best).containsExactly(2.5, 2.3, 2.3);
    assertThat(c.steps()).extracting(ProgressChart.Step::noise).containsExactly(0.1, 0.2, 0.2);
  }

  @Test
  void sortingByMetricPutsCrashesLastInBothDirections() {
    select(loop());

    vm.sortBy(ExperimentColumn.METRIC, false);
    assertThat(vm.sortedRows()).extracting(ExperimentRow::index).containsExactly(6, 4, 3, 2, 1, 5);

    vm.sortBy(ExperimentColumn.METRIC, true);
    assertThat(vm.sortedRows()).extracting(ExperimentRow::index).containsExactly(1, 2, 3, 4, 6, 5);

    vm.sortBy(ExperimentColumn.STATUS, true);
    assertThat(vm.sortedRows())
        .extracting(r -> r.status().word())
        .containsExactly("baseline", "baseline", "kept", "kept", "discarded", "crashed");

    vm.sortBy(ExperimentColumn.DURATION, false);
    assertThat(vm.sortedRows()).extracting(ExperimentRow::index).containsExactly(6, 5, 4, 3, 2, 1);

    vm.sortBy((ExperimentColumn) null, true);
    assertThat(vm.sortedRows()).extracting(ExperimentRow::index).containsExactly(1, 2, 3, 4, 5, 6);
  }

  @Test
  void statusesMapToTheirColoursAndUnknownWordsAreNotTakenForResults() {
    assertThat(Status.of("kept").colour()).isEqualTo("#2e9d3a");
    assertThat(Status.of("discarded").colour()).isEqualTo("#8c8c8c");
    assertThat(Status.of("crashed").colour()).isEqualTo("#d62b2b");
    assertThat(Status.of("BASELINE")).isEqualTo(Status.BASELINE);
    assertThat(Status.of("pending")).isEqualTo(Status.OTHER);
    assertThat(Status.of(null)).isEqualTo(Status.OTHER);
    assertThat(Status.of("unreadable")).isEqualTo(Status.OTHER);
    assertThat(Status.KEPT.styleClass()).isEqualTo("experiment-kept");
  }

  @Test
  void aDamagedEventIsAnUnreadableRowAndTheOthersStillShow() {
    RunInfo run = loop();
    long bad =
        project.events().append(run.id(), Event.of(EventType.EXPERIMENT, "x", "{\"index\":"));
    long wrong =
        project
            .events()
            .append(run.id(), Event.of(EventType.EXPERIMENT, "x", "{\"index\":\"seven\"}"));
    select(run);

    assertThat(vm.rows()).hasSize(8);
    ExperimentRow damaged = vm.rows().get(6);
    assertThat(damaged.seq()).isEqualTo(bad);
    assertThat(damaged.status()).isEqualTo(Status.UNREADABLE);
    assertThat(damaged.description()).startsWith("Unreadable event " + bad + ": ");
    assertThat(vm.rows().get(7).seq()).isEqualTo(wrong);
    assertThat(vm.rows().get(7).readable()).isFalse();
    // Left out of the chart; the other six still chart as before.
    assertThat(vm.chartProperty().get().points()).hasSize(6);
    assertThat(vm.messageProperty().get()).contains("2 unreadable");
    // Sorting with them in the table works and keeps them last.
    vm.sortBy(ExperimentColumn.METRIC, false);
    assertThat(vm.sortedRows().subList(6, 8))
        .extracting(ExperimentRow::readable)
        .containsOnly(false);
    // Opening one moves the cursor and says why there is no diff.
    vm.open(damaged);
    assertThat(cursor.step()).isEqualTo(bad);
    assertThat(shown.getLast()[2]).isNull();
  }

  @Test
  void aLiveRunAddsOnlyTheNewExperimentsAsItGrows() {
    RunInfo run = run(ExperimentsViewModel.WORKFLOW);
    append(run, x(1, "baseline", 0.5, 0.5, null, 0.01));
    select(run);
    assertThat(vm.rows()).hasSize(1);

    append(run, new EventPayload.Note(null));
    long seq = append(run, x(2, "kept", 0.6, 0.5, 0.1, 0.01));
    cursor.extendTo(project.events().lastSeq(run.id()));

    assertThat(vm.rows()).extracting(ExperimentRow::seq).containsExactly(1L, seq);
    assertThat(vm.chartProperty().get().steps().getLast().best()).isEqualTo(0.6);
  }

  @Test
  void openingARowMovesTheCursorToItsEventAndHandsItsDiffBlobToTheCodeTab() {
    RunInfo run = run(ExperimentsViewModel.WORKFLOW);
    append(run, x(1, "baseline", 0.5, 0.5, null, 0.01));
    String diff = "--- a/train.py\n+++ b/train.py\n@@ -1 +1 @@\n-LR = 0.1\n+LR = 0.05\n";
    String sha = project.blobs().put(diff.getBytes(StandardCharsets.UTF_8));
    long seq = append(run, x(2, "kept", 0.6, 0.5, 0.1, 0.01, "max", sha, 0));
    append(run, x(3, "discarded", 0.55, 0.6, -0.05, 0.01, "max", "00ff", 0));
    append(run, new EventPayload.Note(null));
    select(run);

    vm.open(vm.rows().get(1));
    assertThat(cursor.step()).isEqualTo(seq);
    assertThat(vm.openedProperty().get().index()).isEqualTo(2);
    assertThat(shown.getLast())
        .containsExactly(String.valueOf(seq), "Experiment #2 (id2) against id1", diff);

    vm.open(vm.rows().get(0));
    assertThat(shown.getLast()[1]).isEqualTo("Experiment #1 (id1): a baseline, no diff");
    assertThat(shown.getLast()[2]).isNull();

    vm.open(vm.rows().get(2));
    assertThat(shown.getLast()[1]).endsWith("diff 00ff is missing");
  }
}
