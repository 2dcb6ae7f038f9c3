package org.benchwright.engine.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.benchwright.engine.agent.AgentHarness.args;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.benchwright.engine.experiments.ExperimentTable;
import org.benchwright.engine.project.EventPayload;
import org.benchwright.engine.project.FolderImport;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.project.RunStatus;
import org.benchwright.testsupport.DockerRequired;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rounds of parallel experiments in real sandboxes with a stubbed model: three changes of the same
 * baseline run at once, each in its own container; the best that beats the baseline is kept, one
 * that also beat it is discarded with that reason, a crash is fixed in the next round. Bad rounds
 * are refused before anything runs.
 */
@ExtendWith(DockerRequired.class)
class ParallelExperimentsIT {

  /** Prints when it started and ended, so the test can see the round's runs overlap. */
  static final String TRAIN =
      """
      import time
      print(f"started {time.time():.3f}")
      LR = 0.1
      EPOCHS = 3
      time.sleep(2)
      loss = (LR - 0.3) ** 2 + 0.05 + 0.001 * EPOCHS
      print(f"ended {time.time():.3f}")
      print(f"val_loss: {loss:.6f}")
      """;

  static final String SPEC =
      """
      {"editable": ["train.py"], "command": "python3 train.py",
       "metric": {"regex": "val_loss: ([0-9.]+)"}, "direction": "min",
       "budget_seconds": 20, "baseline_runs": 2, "fix_attempts": 2, "min_delta": 0.001,
       "parallel": 3, "stop": {"experiments": 5}}
      """;

  @TempDir Path dir;

  static String edit(String oldText, String newText) {
    return "{\"path\": \"train.py\", \"old_text\": \""
        + oldText
        + "\", \"new_text\": \""
        + newText
        + "\"}";
  }

  static String experiment(String hypothesis, String extra, String... edits) {
    return "{\"hypothesis\": \""
        + hypothesis
        + "\", \"summary\": \""
        + hypothesis
        + "\", "
        + extra
        + "\"edits\": ["
        + String.join(", ", edits)
        + "]}";
  }

  static String round(String... experiments) {
    return "{\"experiments\": [" + String.join(", ", experiments) + "]}";
  }

  static ConversationScript script() {
    ConversationScript s = new ConversationScript();
    s.role(
        "experimenter",
        s.call("experiment_status", "{}"),
        // Refused before anything runs: a read-only file, text that is not there, too many.
        s.call(
            "run_experiments",
            round(
                experiment("prep", "", "{\"path\": \"prepare.py\", \"content\": \"# mine\\n\"}"))),
        s.call("run_experiments", round(experiment("ghost", "", edit("LR = 9", "LR = 1")))),
        s.call(
            "run_experiments",
            round(
                experiment("a", "", edit("LR = 0.1", "LR = 0.2")),
                experiment("b", "", edit("LR = 0.1", "LR = 0.4")),
                experiment("c", "", edit("LR = 0.1", "LR = 0.5")),
                experiment("d", "", edit("LR = 0.1", "LR = 0.6")))),
        s.call(
            "run_experiments",
            round(
                experiment("LR 0.3 is the optimum", "", edit("LR = 0.1", "LR = 0.3")),
                experiment("LR 0.25 is close", "", edit("LR = 0.1", "LR = 0.25")),
                experiment("no epochs", "", edit("EPOCHS = 3", "EPOCHS = 3 / 0")))));
    s.whenOpening(
        "experimenter",
        "Experiment #4 next",
        s.call(
            "run_experiments",
            round(
                experiment("fewer epochs", "\"fixes\": 3, ", edit("EPOCHS = 3", "EPOCHS = 1")),
                experiment("a higher LR", "", edit("LR = 0.3", "LR = 0.5")))));
    s.whenOpening(
        "experimenter",
        "Experiment #5 next",
        s.call("submit", args("outcome", "stop", "summary", "No further ideas.")));
    s.role(
        "analyst",
        s.call("submit", args("outcome", "reported", "summary", "LR 0.3 and one epoch won.")));
    return s;
  }

  @Test
  void aRoundRunsAtOnceKeepsItsBestAndRecordsEveryAttemptAgainstItsBaseline() throws Exception {
    Path folder = Files.createDirectories(dir.resolve("work"));
    Files.writeString(folder.resolve("train.py"), TRAIN);
    Files.writeString(folder.resolve("prepare.py"), "# fixed\n");
    Files.writeString(folder.resolve("experiment.json"), SPEC);
    try (AgentHarness h = new AgentHarness(dir)) {
      ConversationScript script = script();
      h.stub.respondWith(script::answer);
      FolderImport.Plan plan = FolderImport.scan(folder, 100, 1 << 20, 1 << 24);
      RunHandle run =
          h.runtime.start(
              "experiment-loop",
              "Lower val_loss.",
              h.model(),
              false,
              id -> plan.recordInto(h.project, id));
      RunOutcome outcome = run.outcome().get(10, TimeUnit.MINUTES);
      assertThat(outcome.status()).as("%s", outcome).isEqualTo(RunStatus.SUCCEEDED);
      long runId = run.runId();
      Project p = h.project;
      long last = p.events().lastSeq(runId);

      List<EventPayload.ToolResult> refused =
          ExperimentLoopIT.toolResults(h, runId, "run_experiments").subList(0, 3);
      assertThat(refused.get(0).text())
          .contains("'prepare.py' is read-only")
          .contains("Nothing was run");
      assertThat(refused.get(1).text()).contains("old_text was not found in 'train.py'");
      assertThat(refused.get(2).text()).contains("at most 3 experiments").contains("has 4");

      ExperimentTable table = ExperimentTable.of(p, runId);
      var rows = table.rows();
      assertThat(rows)
          .extracting(r -> r.e().index() + " " + r.e().status() + " " + r.e().fixAttempt())
          .containsExactly(
              "0 baseline 0",
              "0 baseline 0",
              "2 discarded 0",
              "3 crashed 0",
              "1 kept 0",
              "4 discarded 0",
              "3 kept 1");
      String baselineId = rows.get(1).e().id();
      // The first round: all three judged against the baseline current when it started.
      assertThat(rows.subList(2, 5))
          .allSatisfy(r -> assertThat(r.e().parent()).isEqualTo(baselineId));
      assertThat(rows.get(2).e().reason())
          .contains("beat the best")
          .contains("#1 did better in the same round");
      assertThat(rows.get(3).e().reason()).contains("ZeroDivisionError");
      // The second round starts from the kept #1; the fix is #3's second attempt.
      String keptId = rows.get(4).e().id();
      assertThat(rows.subList(5, 7)).allSatisfy(r -> assertThat(r.e().parent()).isEqualTo(keptId));
      assertThat(rows.get(6).e().reason()).startsWith("kept");

      // The round's runs overlapped in time: each ran in a sandbox of its own.
      double[] a = interval(p, runId, rows.get(2));
      double[] b = interval(p, runId, rows.get(4));
      assertThat(Math.max(a[0], b[0])).isLessThan(Math.min(a[1], b[1]));

      // The run's files are the last kept attempt's; every attempt's diff is in the log.
      String train = ExperimentLoopIT.text(p, runId, "train.py", last);
      assertThat(train).contains("LR = 0.3").contains("EPOCHS = 1").doesNotContain("0.5");
      assertThat(ExperimentLoopIT.text(p, runId, "prepare.py", last)).isEqualTo("# fixed\n");
      assertThat(
              new String(
                  p.blobs().get(rows.get(5).e().diffSha()).orElseThrow(), StandardCharsets.UTF_8))
          .contains("-LR = 0.3")
          .contains("+LR = 0.5");
      assertThat(p.integrityCheck()).isEqualTo("ok");
    }
  }

  private static final Pattern TIMES = Pattern.compile("started ([0-9.]+)[\\s\\S]*ended ([0-9.]+)");

  /** When an attempt's command started and ended, from its recorded output. */
  static double[] interval(Project p, long runId, ExperimentTable.Row row) {
    String out =
        p.events()
            .events(runId, row.e().execSeq(), 1)
            .getFirst()
            .payload(EventPayload.SandboxExec.class)
            .stdoutPreview();
    Matcher m = TIMES.matcher(out);
    assertThat(m.find()).as(out).isTrue();
    return new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2))};
  }
}
