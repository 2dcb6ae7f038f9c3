package org.benchwright.engine.automl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.benchwright.engine.project.Event;
import org.benchwright.engine.project.EventPayload.AutoMl;
import org.benchwright.engine.project.NewRun;
import org.benchwright.engine.project.Project;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The leaderboard is read from a run's AUTOML events in a real project file. */
class LeaderboardTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  static void candidate(Project p, long run, String name, String status, Double score, String dir)
      throws Exception {
    String data =
        score == null
            ? "{\"model\":\"xgboost\",\"budget_seconds\":12.0,\"spent_seconds\":12.3}"
            : "{\"model\":\"lightgbm\",\"metric\":\"rmse\",\"direction\":\""
                + dir
                + "\","
                + "\"cv_mean\":"
                + score
                + ",\"cv_std\":0.5,\"fold_scores\":[1,2],"
                + "\"fit_seconds\":0.25,\"predict_seconds\":0.01,\"peak_memory_mb\":180,"
                + "\"wall_seconds\":9.5,\"budget_seconds\":12.0,\"trials\":7,"
                + "\"params\":{\"num_leaves\":31},\"model_file\":\"automl/"
                + name
                + "/model.pkl\","
                + "\"exec_seq\":3}";
    p.events()
        .append(
            run,
            Event.of(
                "trainer",
                new AutoMl(
                    "candidate",
                    name,
                    status,
                    score == null ? "killed at its budget of 12.0 s (a hard limit)" : "ok",
                    JSON.readTree(data))));
  }

  @Test
  void rowsRankByDirectionFailuresLastAndARetrainReplacesItsRow() throws Exception {
    try (Project p = Project.create(dir.resolve("p.bwproj"))) {
      long run = p.runs().create(new NewRun("automl", "t", "{}")).id();
      candidate(p, run, "a", "ok", 3.0, "min");
      candidate(p, run, "slow", "over_budget", null, null);
      candidate(p, run, "b", "ok", 2.0, "min");
      candidate(p, run, "c", "ok", 9.0, "min");
      candidate(p, run, "c", "ok", 1.5, "min"); // trained again: the newer row counts

      Leaderboard board = Leaderboard.of(p, run);
      assertThat(board.rows())
          .extracting(Leaderboard.Row::name)
          .containsExactly("c", "b", "a", "slow");
      assertThat(board.best()).hasValueSatisfying(r -> assertThat(r.cvMean()).isEqualTo(1.5));
      assertThat(board.row("slow").orElseThrow().detail()).contains("killed at its budget");

      String csv = board.csv();
      assertThat(csv.lines().findFirst().orElseThrow()).startsWith("rank,name,model,status,metric");
      assertThat(csv).contains("1,c,lightgbm,ok,rmse,1.5000,0.5000");
      assertThat(csv).contains(",slow,xgboost,over_budget,");
      assertThat(csv.lines().filter(l -> l.contains("slow")).findFirst().orElseThrow())
          .endsWith("killed at its budget of 12.0 s (a hard limit)");

      // What the agents read has no times in it; the terminal table has them.
      assertThat(board.summary()).contains("1. c (lightgbm): rmse 1.5000 ± 0.5000, 7 trials");
      assertThat(board.summary()).doesNotContain("9.5");
      assertThat(board.render()).contains("9.5000");
    }
  }

  @Test
  void maximisedMetricsRankHighestFirstAndAModelIsChosenByNameOrBest() throws Exception {
    try (Project p = Project.create(dir.resolve("p.bwproj"))) {
      long run = p.runs().create(new NewRun("automl", "t", "{}")).id();
      candidate(p, run, "a", "ok", 0.91, "max");
      candidate(p, run, "b", "ok", 0.97, "max");
      candidate(p, run, "slow", "over_budget", null, null);
      Leaderboard board = Leaderboard.of(p, run);
      assertThat(board.model("best").name()).isEqualTo("b");
      assertThat(board.model("a").modelFile()).isEqualTo("automl/a/model.pkl");
      assertThatThrownBy(() -> board.model("slow"))
          .hasMessage("'slow' has no trained model (over_budget); trained models: best, b, a.");
      assertThatThrownBy(() -> board.model("nope"))
          .hasMessage("No model named 'nope' in this run; trained models: best, b, a.");
    }
  }
}
