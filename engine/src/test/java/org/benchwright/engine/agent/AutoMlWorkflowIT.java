package org.benchwright.engine.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.benchwright.engine.agent.AgentHarness.args;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.benchwright.engine.automl.DatasetImport;
import org.benchwright.engine.automl.Examples;
import org.benchwright.engine.automl.Leaderboard;
import org.benchwright.engine.automl.MlSandbox;
import org.benchwright.engine.cli.BenchwrightCli;
import org.benchwright.engine.project.Datasets;
import org.benchwright.engine.project.EventType;
import org.benchwright.engine.project.RecordedEvent;
import org.benchwright.engine.project.RunStatus;
import org.benchwright.engine.sandbox.ExecResult;
import org.benchwright.testsupport.DockerRequired;
import org.benchwright.testsupport.Poll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * AutoML end to end in the real ml sandbox, with a stubbed model: scikit-learn's breast cancer data
 * is added (profiled in the sandbox: target and task detected), the planner's first plan is refused
 * (a metric that does not fit the task) and its second waits at the gate; once approved, four
 * candidates train under one hard budget — two score, one is refused by the harness, one is killed
 * at its share — the ensemble combines the scored ones and the reporter writes up. Then the
 * leaderboard, a prediction and an export that reproduces the CV score, all from the CLI.
 */
@ExtendWith(DockerRequired.class)
class AutoMlWorkflowIT {

  static final String TASK = "Find the best model to tell malignant from benign tumours.";
  static final double BUDGET = 40;

  static final String PLAN =
      """
      {"target": "target", "task": "binary", "metric": "roc_auc", "folds": 5, "seed": 0,
       "budget_seconds": %s, "drop": [],
       "preprocessing": {"numeric_impute": "median", "categorical": "onehot", "scale": true},
       "candidates": [
         {"name": "lgbm", "model": "lightgbm", "params": {"n_estimators": 60},
          "search": {"num_leaves": {"low": 4, "high": 32, "log": true, "type": "int"}}},
         {"name": "linear", "model": "linear", "params": {"C": 1.0}},
         {"name": "broken", "model": "lightgbm", "params": {"num_leaves": "many"}},
         {"name": "slow", "model": "random_forest", "params": {"n_estimators": 200000}}],
       "ensemble": {"top": 3}}
      """
          .formatted(BUDGET);

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  static ConversationScript script() {
    ConversationScript s = new ConversationScript();
    s.role(
        "planner",
        s.call("dataset_profile", "{}"),
        s.call("default_plan", "{}"),
        s.call(
            "propose_plan",
            args("plan", PLAN.replace("\"roc_auc\"", "\"rmse\""), "rationale", "first try")),
        s.call(
            "propose_plan",
            args(
                "plan",
                PLAN,
                "rationale",
                "Boosting and a linear baseline; AUC for a binary task.")),
        s.call("submit", args("outcome", "planned", "summary", "four candidates")));
    s.role(
        "trainer",
        s.call("train_candidates", "{}"),
        s.call("build_ensemble", "{}"),
        s.call("submit", args("outcome", "trained", "summary", "trained")));
    s.role(
        "reporter",
        s.call("leaderboard", "{}"),
        s.call("write_file", args("path", "report.md", "content", "# Report\nlgbm and linear.\n")),
        s.call("submit", args("outcome", "reported", "summary", "written")));
    return s;
  }

  @Test
  void aDatasetIsPlannedTrainedUnderItsBudgetEnsembledReportedPredictedAndExported()
      throws Exception {
    try (AgentHarness h = new AgentHarness(dir)) {
      MlSandbox ml = MlSandbox.of(h.sandboxes());
      Path csv = Examples.write(ml, "breast_cancer", dir);
      Datasets.Dataset d = new DatasetImport(h.project, ml).add(csv, null, null);
      assertThat(d.name()).isEqualTo("breast_cancer");
      assertThat(d.rows()).isEqualTo(569);
      assertThat(d.target()).isEqualTo("target");
      assertThat(d.task()).isEqualTo("binary");
      assertThat(d.taskReason()).contains("2 distinct");

      ConversationScript s = script();
      h.stub.respondWith(s::answer);
      byte[] input = JSON.createObjectNode().put("dataset", "breast_cancer").toString().getBytes();
      RunHandle run =
          h.runtime.start(
              "automl",
              TASK,
              h.model(),
              false,
              id -> h.project.files().write(id, "import", "automl.json", input));
      Poll.until(
          Duration.ofMinutes(2),
          () ->
              h.project.runs().find(run.runId()).orElseThrow().status()
                  == RunStatus.WAITING_FOR_APPROVAL);
      String gate =
          h.events(run.runId()).stream()
              .filter(e -> e.type() == EventType.GATE_OPENED)
              .map(RecordedEvent::payloadJson)
              .findFirst()
              .orElseThrow();
      assertThat(gate).contains("random_forest").contains("Rationale: Boosting");
      h.runtime.decide(run.runId(), new Decision.Approve("alice"));
      RunOutcome outcome = run.outcome().get(5, TimeUnit.MINUTES);
      assertThat(outcome.status())
          .as(
              "%s%n%s",
              outcome.reason(),
              h.events(run.runId()).stream()
                  .filter(
                      e -> e.type() == EventType.TOOL_RESULT || e.type() == EventType.SANDBOX_EXEC)
                  .map(RecordedEvent::payloadJson)
                  .map(t -> t.length() > 1500 ? t.substring(0, 1500) : t)
                  .collect(Collectors.joining("\n")))
          .isEqualTo(RunStatus.SUCCEEDED);

      // What the model was told along the way.
      String told = h.stub.requests().stream().map(r -> r.body()).collect(Collectors.joining("\n"));
      assertThat(told).contains("2 distinct"); // the profile's reason
      assertThat(told).contains("metric rmse does not fit a binary task");

      Leaderboard board = Leaderboard.of(h.project, run.runId());
      Map<String, Leaderboard.Row> rows =
          board.rows().stream().collect(Collectors.toMap(Leaderboard.Row::name, r -> r));
      assertThat(rows).containsOnlyKeys("lgbm", "linear", "broken", "slow", "ensemble");
      assertThat(rows.get("lgbm").status()).as(rows.get("lgbm").detail()).isEqualTo(Leaderboard.OK);
      assertThat(rows.get("linear").status())
          .as(rows.get("linear").detail())
          .isEqualTo(Leaderboard.OK);
      assertThat(rows.get("broken").status()).isIn(Leaderboard.INVALID, Leaderboard.CRASHED);
      assertThat(rows.get("broken").detail()).contains("num_leaves");
      assertThat(rows.get("slow").status()).isEqualTo(Leaderboard.OVER_BUDGET);
      assertThat(rows.get("slow").detail()).contains("killed at its budget");
      assertThat(rows.get("ensemble").status())
          .as(rows.get("ensemble").detail())
          .isEqualTo(Leaderboard.OK);
      for (String n : List.of("lgbm", "linear", "ensemble")) {
        Leaderboard.Row r = rows.get(n);
        assertThat(r.cvMean()).as(n).isBetween(0.9, 1.0);
        assertThat(r.foldScores()).as(n).hasSize(5);
        assertThat(r.execSeq()).as(n).isNotNull();
        assertThat(h.project.files().fileAt(run.runId(), r.modelFile(), Long.MAX_VALUE))
            .as(n)
            .isPresent();
      }
      // One hard budget for all: the training never ran more than 10 % past it.
      double spent =
          board.rows().stream().mapToDouble(r -> r.data().path("spent_seconds").asDouble()).sum();
      assertThat(spent).isLessThanOrEqualTo(BUDGET * 1.10);
      assertThat(h.project.files().fileAt(run.runId(), "report.md", Long.MAX_VALUE)).isPresent();

      // The leaderboard, a prediction and an export, from the CLI.
      String p = h.project.file().toString();
      Cli board1 = cli("leaderboard", "--project", p, "--run", "" + run.runId(), "--csv");
      assertThat(board1.code).isZero();
      assertThat(board1.out.lines().skip(1).map(l -> l.split(",")[1]).toList())
          .containsExactlyInAnyOrderElementsOf(rows.keySet());

      Path features = dir.resolve("new.csv");
      List<String> lines = Files.readAllLines(csv);
      int target = List.of(lines.get(0).split(",")).indexOf("target");
      Files.write(features, lines.stream().limit(21).map(l -> dropColumn(l, target)).toList());
      Cli predicted =
          cli("predict", "--project", p, "--run", "" + run.runId(), features.toString());
      assertThat(predicted.code).as(predicted.err).isZero();
      assertThat(predicted.out.lines().toList())
          .hasSize(21)
          .first()
          .asString()
          .contains("prediction");

      Path missing = dir.resolve("missing.csv");
      Files.write(missing, lines.stream().limit(5).map(l -> dropColumn(l, 0)).toList());
      Cli refused = cli("predict", "--project", p, "--run", "" + run.runId(), missing.toString());
      assertThat(refused.code).isEqualTo(2);
      assertThat(refused.err).contains(lines.get(0).split(",")[0]);

      Path export = dir.resolve("export");
      Cli exported =
          cli(
              "model",
              "export",
              "--project",
              p,
              "--run",
              "" + run.runId(),
              "--model",
              "lgbm",
              "--out",
              export.toString());
      assertThat(exported.code).as(exported.err).isZero();
      assertThat(export.resolve("reproduce.sh")).exists();
      assertThat(export.resolve("automl/lgbm/model.pkl")).exists();
      // The exported folder reproduces the recorded CV score, run where generated code runs.
      Map<String, byte[]> files = new java.util.TreeMap<>();
      try (var walk = Files.walk(export)) {
        for (Path f : walk.filter(Files::isRegularFile).toList()) {
          files.put(export.relativize(f).toString(), Files.readAllBytes(f));
        }
      }
      Path back = Files.createDirectories(dir.resolve("back"));
      ExecResult r =
          ml.run(
              MlSandbox.Inputs.of(files, Map.of()),
              "sh reproduce.sh",
              Duration.ofMinutes(2),
              List.of("reproduced.json"),
              back);
      assertThat(r.exitCode()).as(r.stderrText()).isZero();
      JsonNode again = JSON.readTree(back.resolve("reproduced.json").toFile());
      assertThat(again.get("cv_mean").asDouble())
          .isCloseTo(rows.get("lgbm").cvMean(), org.assertj.core.data.Offset.offset(1e-9));
    }
  }

  static final String FEATURES_PLAN =
      """
      {"target": "target", "task": "binary", "metric": "roc_auc", "folds": 3, "seed": 0,
       "budget_seconds": 30, "features_code": "features.py",
       "candidates": [{"name": "linear", "model": "linear", "params": {"C": 1.0}}]}
      """;

  /** The model's own feature code: its error comes back with the line, its fix is trained. */
  @Test
  void brokenFeatureCodeComesBackToTheModelWithItsLineAndItsFixTrains() throws Exception {
    try (AgentHarness h = new AgentHarness(dir)) {
      MlSandbox ml = MlSandbox.of(h.sandboxes());
      Path csv = Examples.write(ml, "breast_cancer", dir);
      new DatasetImport(h.project, ml).add(csv, null, null);
      h.project.settings().put("workflow.automl.planner.plan_approval", "\"auto\"");
      String broken =
          "def features(df):\n    return df.assign(ratio=df['mean area'] / df['no such column'])\n";
      ConversationScript s = new ConversationScript();
      s.role(
          "planner",
          s.call("write_file", args("path", "features.py", "content", broken)),
          s.call("propose_plan", args("plan", FEATURES_PLAN, "rationale", "an area ratio")),
          s.call("submit", args("outcome", "planned", "summary", "one candidate")));
      s.role(
          "trainer",
          s.call("train_candidates", "{}"),
          s.call(
              "edit_file",
              args(
                  "path",
                  "features.py",
                  "old_text",
                  "df['no such column']",
                  "new_text",
                  "df['mean perimeter']")),
          s.call("train_candidates", args("names", List.of("linear"))),
          s.call("submit", args("outcome", "trained", "summary", "fixed")));
      s.role("reporter", s.call("submit", args("outcome", "reported", "summary", "done")));
      h.stub.respondWith(s::answer);
      byte[] input = JSON.createObjectNode().put("dataset", "breast_cancer").toString().getBytes();
      RunHandle run =
          h.runtime.start(
              "automl",
              TASK,
              h.model(),
              false,
              id -> h.project.files().write(id, "import", "automl.json", input));
      RunOutcome outcome = run.outcome().get(5, TimeUnit.MINUTES);
      assertThat(outcome.status()).as(outcome.reason()).isEqualTo(RunStatus.SUCCEEDED);
      String told = h.stub.requests().stream().map(r -> r.body()).collect(Collectors.joining("\n"));
      assertThat(told).contains("features.py: KeyError").contains("(line 2)");
      Leaderboard.Row linear = Leaderboard.of(h.project, run.runId()).row("linear").orElseThrow();
      assertThat(linear.status()).as(linear.detail()).isEqualTo(Leaderboard.OK);
      // The prediction applies the same feature code the model was trained with.
      Path features = dir.resolve("few.csv");
      List<String> lines = Files.readAllLines(csv);
      int target = List.of(lines.get(0).split(",")).indexOf("target");
      Files.write(features, lines.stream().limit(4).map(l -> dropColumn(l, target)).toList());
      Cli predicted =
          cli(
              "predict",
              "--project",
              h.project.file().toString(),
              "--run",
              "" + run.runId(),
              features.toString());
      assertThat(predicted.code).as(predicted.err).isZero();
      assertThat(predicted.out.lines().toList()).hasSize(4);
    }
  }

  static String dropColumn(String line, int index) {
    List<String> cells = new java.util.ArrayList<>(List.of(line.split(",", -1)));
    cells.remove(index);
    return String.join(",", cells);
  }

  record Cli(int code, String out, String err) {}

  /** Runs the CLI with its standard streams captured. */
  static synchronized Cli cli(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      int code = BenchwrightCli.run(args);
      System.out.flush();
      return new Cli(
          code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }
}
