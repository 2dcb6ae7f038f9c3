package org.benchwright.desktop.automl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.benchwright.desktop.run.RunCursor;
import org.benchwright.desktop.ui.CurrentThreadUiExecutor;
import org.benchwright.engine.project.NewRun;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.project.RunInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeaderboardViewModelTest {

  @TempDir Path dir;
  private Project project;
  private final RunCursor cursor = new RunCursor();
  private final List<String> opened = new ArrayList<>();
  private LeaderboardViewModel vm;

  @BeforeEach
  void setUp() {
    project = Project.create(dir.resolve("x.bwproj"));
    vm = new LeaderboardViewModel(cursor, new CurrentThreadUiExecutor(), opened::add);
  }

  @AfterEach
  void tearDown() {
    project.close();
  }

  private void select(RunInfo run) {
    cursor.select(project, run, project.events().lastSeq(run.id()));
  }

  private List<String> names() {
    return vm.sortedRows().stream().map(LeaderboardRow::name).toList();
  }

  @Test
  void automlRunsAndRunsWithCandidatesHaveTheTab() {
    RunInfo plain = project.runs().create(new NewRun("engineer", "a bracket", "{}"));
    AutoMlFixture.append(project, plain.id(), "n", "profile", null, "ok", null, "{}");
    select(plain);
    assertThat(vm.applicableProperty().get()).isFalse();
    assertThat(vm.messageProperty().get()).isEqualTo("Not an automl run");

    RunInfo trained = project.runs().create(new NewRun("engineer", "train", "{}"));
    AutoMlFixture.candidate(project, trained.id(), "lgbm", "lightgbm", 0.9, 0.01, 2, 5);
    select(trained);
    assertThat(vm.applicableProperty().get()).isTrue();
    assertThat(names()).containsExactly("lgbm");

    RunInfo empty = project.runs().create(new NewRun("automl", "predict churn", "{}"));
    select(empty);
    assertThat(vm.applicableProperty().get()).isTrue();
    assertThat(vm.rows()).isEmpty();
    assertThat(vm.messageProperty().get()).isEqualTo("No candidate has been trained yet");
  }

  @Test
  void theBoardIsRankedWithFailuresLastAndARetrainedCandidateReplacesItsRow() {
    AutoMlFixture.Written w = AutoMlFixture.run(project);
    select(w.run());

    assertThat(names()).containsExactly("ensemble", "lgbm", "rf", "logreg", "svm", "knn");
    assertThat(vm.rows()).extracting(LeaderboardRow::rank).containsExactly(1, 2, 3, 4, 0, 0);
    LeaderboardRow rf = vm.rows().get(2);
    assertThat(rf.row().cvMean()).isEqualTo(0.853); // the tuned retrain, not 0.801
    assertThat(rf.seq()).isEqualTo(w.candidateSeqs().get(5));
    LeaderboardRow svm = vm.rows().get(4);
    assertThat(svm.status()).isEqualTo(CandidateStatus.CRASHED);
    assertThat(svm.reason()).isEqualTo("MemoryError: unable to allocate 3.1 GiB");
    assertThat(vm.rows().get(5).status().styleClass()).isEqualTo("candidate-over-budget");
    assertThat(vm.messageProperty().get())
        .isEqualTo(
            "6 candidates: 4 ok, 1 crashed, 1 over budget · best ensemble 0.8660 roc_auc (max)");

    LeaderboardRow lgbm = vm.rows().get(1);
    assertThat(LeaderboardColumn.CV_STD.text(lgbm)).isEqualTo("0.0060");
    assertThat(LeaderboardColumn.FIT.text(lgbm)).isEqualTo("6.50");
    assertThat(LeaderboardColumn.MEMORY.text(lgbm)).isEqualTo("200");
    assertThat(LeaderboardColumn.WALL.text(lgbm)).isEqualTo("21.5");
    assertThat(LeaderboardColumn.TRIALS.text(lgbm)).isEqualTo("20");
    assertThat(LeaderboardColumn.RANK.text(svm)).isEqualTo("–");
  }

  @Test
  void theChartHasAWhiskerPerScoredCandidateInRankOrderAndCrossesForFailures() {
    select(AutoMlFixture.run(project).run());
    ScoreChart c = vm.chartProperty().get();

    assertThat(c.points())
        .extracting(ScoreChart.Point::name)
        .containsExactly("ensemble", "lgbm", "rf", "logreg");
    ScoreChart.Point lgbm = c.points().get(1);
    assertThat(lgbm.low()).isCloseTo(0.855, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(lgbm.high()).isCloseTo(0.867, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(lgbm.fitSeconds()).isEqualTo(6.5);
    assertThat(c.failed()).extracting(ScoreChart.Failed::name).containsExactly("svm", "knn");
    // Every whisker inside the axis, with room to spare.
    assertThat(c.yMin()).isLessThan(0.842 - 0.011);
    assertThat(c.yMax()).isGreaterThan(0.866 + 0.005);
    assertThat(c.fitMax()).isGreaterThan(14.0);
    assertThat(c.axisLabel()).isEqualTo("roc_auc (higher is better)");
  }

  @Test
  void aLowerIsBetterMetricRanksTheLowestFirstAndSaysSo() {
    select(AutoMlFixture.regression(project));
    ScoreChart c = vm.chartProperty().get();

    assertThat(names()).containsExactly("gbm", "ridge");
    assertThat(c.points()).extracting(ScoreChart.Point::name).containsExactly("gbm", "ridge");
    assertThat(c.axisLabel()).isEqualTo("rmse (lower is better)");
    assertThat(c.yMin()).isLessThan(3.05);
    assertThat(c.yMax()).isGreaterThan(4.30);
    assertThat(vm.messageProperty().get()).endsWith("best gbm 3.2000 rmse (min)");
  }

  @Test
  void sortingKeepsCandidatesWithoutAValueLastInBothDirections() {
    select(AutoMlFixture.run(project).run());

    vm.sortBy(LeaderboardColumn.CV_MEAN, true);
    assertThat(names()).containsExactly("logreg", "rf", "lgbm", "ensemble", "svm", "knn");
    vm.sortBy(LeaderboardColumn.CV_MEAN, false);
    assertThat(names()).containsExactly("ensemble", "lgbm", "rf", "logreg", "svm", "knn");
    vm.sortBy(LeaderboardColumn.WALL, false);
    assertThat(names()).containsExactly("knn", "rf", "svm", "lgbm", "logreg", "ensemble");
    vm.sortBy(LeaderboardColumn.STATUS, true);
    assertThat(names()).containsExactly("ensemble", "lgbm", "rf", "logreg", "svm", "knn");
    vm.sortBy(LeaderboardColumn.NAME, true);
    assertThat(names()).containsExactly("ensemble", "knn", "lgbm", "logreg", "rf", "svm");
    vm.sortBy(null);
    assertThat(names()).containsExactly("ensemble", "lgbm", "rf", "logreg", "svm", "knn");
  }

  @Test
  void aLiveRunsNewCandidatesAppearAndTheSelectionStays() {
    RunInfo run = project.runs().create(new NewRun("automl", "predict churn", "{}"));
    AutoMlFixture.candidate(project, run.id(), "logreg", "logistic_regression", 0.84, 0.01, 1, 4);
    select(run);
    vm.select(vm.rows().getFirst());
    assertThat(names()).containsExactly("logreg");

    AutoMlFixture.candidate(project, run.id(), "lgbm", "lightgbm", 0.86, 0.01, 6, 20);
    cursor.extendTo(project.events().lastSeq(run.id()));

    assertThat(names()).containsExactly("lgbm", "logreg");
    assertThat(vm.selectedProperty().get().name()).isEqualTo("logreg");
    assertThat(vm.selectedProperty().get().rank()).isEqualTo(2);
  }

  @Test
  void aRowShowsItsEventAndOpensItsCodeAtThatStep() {
    AutoMlFixture.Written w = AutoMlFixture.run(project);
    select(w.run());
    LeaderboardRow lgbm = vm.rows().get(1);
    vm.select(lgbm);

    assertThat(vm.codeFiles())
        .containsExactly("plan.json", "bw_automl.py", "automl/lgbm/result.json");
    vm.showEvent();
    assertThat(cursor.step()).isEqualTo(w.candidateSeqs().get(2));

    cursor.last();
    vm.openCode("plan.json");
    assertThat(cursor.step()).isEqualTo(lgbm.seq());
    assertThat(opened).containsExactly("plan.json");
  }

  @Test
  void anotherRunDropsTheRowsAndTheSelection() {
    select(AutoMlFixture.run(project).run());
    vm.select(vm.rows().getFirst());

    select(AutoMlFixture.regression(project));

    assertThat(vm.selectedProperty().get()).isNull();
    assertThat(names()).containsExactly("gbm", "ridge");
  }
}
