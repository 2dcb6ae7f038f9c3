package org.benchwright.engine.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.benchwright.engine.automl.DatasetImport;
import org.benchwright.engine.automl.Examples;
import org.benchwright.engine.automl.Leaderboard;
import org.benchwright.engine.automl.MlSandbox;
import org.benchwright.engine.backup.Bundles;
import org.benchwright.engine.experiments.ExperimentTable;
import org.benchwright.engine.model.ApiKeys;
import org.benchwright.engine.model.ModelConfig;
import org.benchwright.engine.model.ModelGateway;
import org.benchwright.engine.model.OpenAiStub;
import org.benchwright.engine.model.PriceTable;
import org.benchwright.engine.model.ScriptedChatModel;
import org.benchwright.engine.model.ScriptedTurn;
import org.benchwright.engine.project.EventType;
import org.benchwright.engine.project.FolderImport;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.project.RunStatus;
import org.benchwright.engine.sandbox.Sandboxes;
import org.benchwright.engine.workflow.Workflows;
import org.benchwright.testsupport.DockerRequired;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Records the demo project's runs for real (two benchmark-generator runs, an engineer run and an
 * experiment loop on Fisher's iris data; scripted models, the real sandbox and validator) and
 * checks them. Every build runs it and writes the bundle under target/; only when asked does it
 * replace the bundle the desktop ships:
 *
 * <pre>
 * ./mvnw -pl engine -am verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
 *   -Dit.test=DemoRunsGeneratorIT -Dfailsafe.failIfNoSpecifiedTests=false \
 *   -Dbenchwright.regenerateDemo=true
 * </pre>
 *
 * Needs Docker with the sandbox image; see ADR 0022.
 */
@ExtendWith(DockerRequired.class)
class DemoRunsGeneratorIT {

  /**
   * The desktop ships the bundle as a resource (its DemoProject imports it at a first launch). The
   * recorder lives in the engine's tests, beside the scripts it replays, so the desktop build needs
   * no engine test classes.
   */
  static final String SHIPPED_BUNDLE =
      "../desktop/src/main/resources/org/benchwright/desktop/project/demo-runs.zip";

  static final String SUCCEEDING_TASK =
      "A steel ball on a tilted ramp must end in a goal bin. Randomize tilt, ball size and bin.";
  static final String FAILING_TASK =
      "A ball must balance forever on the tip of a vertical needle, with no support.";

  private static final ObjectMapper JSON = new ObjectMapper();
  // Priced as a small hosted model would be, so the demo's cost charts show real figures.
  private static final ModelConfig MODEL = ModelConfig.of("scripted", "gpt-4o-mini");

  private int calls;

  @TempDir Path dir;

  @Test
  void recordsGeneratorAndEngineerRunsAndWritesThemAsTheShippedBundle() throws Exception {
    Path out =
        Path.of(
            System.getProperty(
                "benchwright.demoBundle",
                Boolean.getBoolean("benchwright.regenerateDemo")
                    ? SHIPPED_BUNDLE
                    : "target/demo-bundle/demo-runs.zip"));
    try (Project project = Project.create(dir.resolve("demo-source.bwproj"))) {
      ModelGateway gateway =
          new ModelGateway(ApiKeys.of(Map.of(), dir.resolve("none")), PriceTable.defaults());
      Sandboxes[] sandboxes = new Sandboxes[1];
      List<Long> ids = new ArrayList<>();
      try (AgentRuntime runtime =
          Workflows.runtime(
              project,
              gateway,
              () -> {
                synchronized (sandboxes) {
                  if (sandboxes[0] == null) {
                    sandboxes[0] =
                        Sandboxes.start(
                            Sandboxes.Settings.forProject(project, "benchmark-generator")
                                .withWarmPool(0));
                  }
                  return sandboxes[0];
                }
              })) {
        ScriptedChatModel good = ScriptedChatModel.of(succeedingTurns());
        gateway.register("scripted", cfg -> good);
        RunOutcome ok =
            runtime
                .start("benchmark-generator", SUCCEEDING_TASK, MODEL)
                .outcome()
                .get(10, TimeUnit.MINUTES);
        assertThat(ok.status()).as("%s", ok).isEqualTo(RunStatus.SUCCEEDED);
        ids.add(ok.runId());

        ScriptedChatModel bad = ScriptedChatModel.of(failingTurns());
        gateway.register("scripted", cfg -> bad);
        RunOutcome failed =
            runtime
                .start("benchmark-generator", FAILING_TASK, MODEL)
                .outcome()
                .get(10, TimeUnit.MINUTES);
        assertThat(failed.status()).as("%s", failed).isEqualTo(RunStatus.FAILED);
        ids.add(failed.runId());

        ids.add(recordEngineerRun(project, runtime));
        ids.add(recordExperimentRun(project, runtime, gateway, dir));
        ids.addAll(recordCapabilityRuns(runtime, gateway));
        ids.add(
            recordAutoMlRun(
                project,
                runtime,
                gateway,
                dir,
                () -> {
                  synchronized (sandboxes) {
                    return sandboxes[0];
                  }
                }));
      } finally {
        if (sandboxes[0] != null) {
          sandboxes[0].close();
        }
      }

      long okRun = ids.get(0);
      var types = project.events().events(okRun, 1, 100_000).stream().map(e -> e.type()).toList();
      assertThat(types)
          .contains(
              EventType.FILE_CHANGE,
              EventType.SANDBOX_EXEC,
              EventType.VALIDATION_VERDICT,
              EventType.TODO_CHANGE,
              EventType.OUTCOME);
      assertThat(project.plans().latest(okRun)).isPresent();

      long engineerRun = ids.get(2);
      List<String> verdicts =
          project.events().events(engineerRun, 1, 100_000).stream()
              .filter(e -> e.type() == EventType.VALIDATION_VERDICT)
              .map(e -> e.payloadJson())
              .toList();
      assertThat(verdicts)
          .anySatisfy(
              v -> assertThat(v).contains("validate_and_price").contains("\"passed\":false"))
          .anySatisfy(v -> assertThat(v).contains("outside the build zone"))
          .anySatisfy(v -> assertThat(v).contains("5 of 5 variants"));
      assertThat(project.files().fileAt(engineerRun, "solution/ramp.stl", Long.MAX_VALUE))
          .isPresent();
      assertThat(project.files().fileAt(engineerRun, "solution/ramp.scad", Long.MAX_VALUE))
          .isPresent();
      assertThat(project.files().fileAt(engineerRun, "solution/assembly.xml", Long.MAX_VALUE))
          .isPresent();
      assertThat(project.plans().latest(engineerRun).orElseThrow().items())
          .isNotEmpty()
          .allMatch(i -> i.status().equals("done"));

      long loop = ids.get(3);
      assertThat(ExperimentTable.of(project, loop).rows())
          .extracting(r -> r.e().index() + " " + r.e().status())
          .containsExactly(
              "0 baseline",
              "0 baseline",
              "1 kept",
              "2 discarded",
              "3 kept",
              "4 crashed",
              "4 discarded",
              // A round's kept row is recorded last, once its files are the run's.
              "6 discarded",
              "7 discarded",
              "5 kept",
              "8 kept",
              "9 discarded");
      // The analyst's scripted report quotes these figures; they must stay what the sandbox got.
      assertThat(ExperimentTable.of(project, loop).rows())
          .extracting(r -> String.format(java.util.Locale.ROOT, "%.4f", r.e().metric()))
          .startsWith("0.4753")
          .contains("0.2875", "0.3413", "0.0597", "0.2665", "0.0253", "0.0888", "0.0155", "0.0169");
      assertThat(ExperimentLoopIT.text(project, loop, "train.py", Long.MAX_VALUE))
          .contains("LR = 1.5")
          .contains("EPOCHS = 1000")
          .contains("STANDARDIZE = False");

      // The first capability run synthesized reverse_string (its vacuous tests refused on the
      // way); the second found it and used it.
      var reverse = project.capabilities().get("reverse_string").orElseThrow();
      assertThat(reverse.latest().originRunId()).isEqualTo(ids.get(4));
      assertThat(reverse.counters().found()).isEqualTo(1);
      assertThat(reverse.counters().succeeded()).isEqualTo(2);
      assertThat(project.capabilities().uses("reverse_string"))
          .extracting(u -> u.runId())
          .contains(ids.get(5));

      // The automl run: every candidate scored, the ensemble among them, a report written.
      long automl = ids.get(6);
      Leaderboard board = Leaderboard.of(project, automl);
      assertThat(board.rows())
          .extracting(Leaderboard.Row::name)
          .containsExactlyInAnyOrder("lgbm", "hist_gb", "linear", "knn", "ensemble");
      assertThat(board.rows()).allMatch(Leaderboard.Row::scored);
      assertThat(board.best().orElseThrow().cvMean()).isGreaterThan(0.98);
      assertThat(project.files().fileAt(automl, "report.md", Long.MAX_VALUE)).isPresent();

      Files.createDirectories(out.getParent());
      Bundles.export(project, ids, out);
    }
    assertThat(Files.size(out)).isLessThan(1_500_000);
  }

  /**
   * The engineer solving a stored benchmark with the engine's own scripted conversation (the one
   * {@code EngineerWorkflowIT} checks), over real HTTP to the local model stub; the plan is
   * approved automatically so the run needs no one at the gate.
   */
  private static long recordEngineerRun(Project project, AgentRuntime runtime) throws Exception {
    long benchmark = DropBenchmark.store(project);
    project.settings().put("workflow.engineer.planner.plan_approval", "\"auto\"");
    try (OpenAiStub stub = OpenAiStub.start()) {
      stub.respondWith(EngineerWorkflowIT.rampSolve()::answer);
      // Named as a small hosted model so the demo's cost charts show real figures.
      ModelConfig model =
          new ModelConfig(
              "openai-compatible",
              "gpt-4o-mini",
              stub.baseUrl(),
              0.0,
              null,
              java.time.Duration.ofSeconds(30),
              2);
      RunOutcome outcome =
          runtime
              .start("engineer", "Solve benchmark " + benchmark + " seed 1.", model)
              .outcome()
              .get(10, TimeUnit.MINUTES);
      assertThat(outcome.status()).as("%s", outcome).isEqualTo(RunStatus.SUCCEEDED);
      return outcome.runId();
    }
  }

  /**
   * The experiment loop on Fisher's iris data (test resources agent/iris-demo): a softmax
   * regression in numpy whose validation log-loss the loop lowers. Nine experiments, one at a time
   * and one round of three at once, with keeps, discards, a crash fixed on the next attempt and a
   * change that beat the baseline but lost to another in its round. The values are whatever the
   * sandbox's numpy computes; the script only knows which changes win, since the training is
   * deterministic.
   */
  private long recordExperimentRun(
      Project project, AgentRuntime runtime, ModelGateway gateway, Path dir) throws Exception {
    Path folder = Files.createDirectories(dir.resolve("iris-demo"));
    for (String name :
        List.of("iris.csv", "prepare.py", "train.py", "experiment.json", "README.md")) {
      Files.writeString(folder.resolve(name), AgentHarness.resource("iris-demo/" + name));
    }
    ScriptedChatModel loop = ScriptedChatModel.of(experimentTurns());
    gateway.register("scripted", cfg -> loop);
    FolderImport.Plan plan = FolderImport.scan(folder, 100, 1 << 20, 1 << 24);
    RunOutcome outcome =
        runtime
            .start(
                "experiment-loop",
                "Lower the validation log-loss of the iris classifier in train.py.",
                MODEL,
                false,
                id -> plan.recordInto(project, id))
            .outcome()
            .get(10, TimeUnit.MINUTES);
    assertThat(outcome.status()).as("%s", outcome).isEqualTo(RunStatus.SUCCEEDED);
    return outcome.runId();
  }

  /**
   * Capability synthesis twice: the first request finds nothing and synthesizes reverse_string
   * test-first (its first tests pass against the empty implementation and are refused), the second,
   * in other words, finds it above the threshold and reuses it.
   */
  private List<Long> recordCapabilityRuns(AgentRuntime runtime, ModelGateway gateway)
      throws Exception {
    String spec =
        "{\"name\": \"reverse_string\", \"description\": \"Reverse a string: return its"
            + " characters in the opposite order.\", \"parameters\": {\"type\": \"object\","
            + " \"properties\": {\"text\": {\"type\": \"string\", \"description\": \"the"
            + " text to reverse\"}}, \"required\": [\"text\"], \"additionalProperties\": false},"
            + " \"result\": {\"type\": \"string\"}, \"examples\": [{\"arguments\": {\"text\":"
            + " \"abc\"}, \"result\": \"cba\"}]}";
    String tests =
        "from capability import reverse_string\n\n\ndef test_word():\n    assert"
            + " reverse_string(text=\"Benchwright\") == \"thgirwhcneB\"\n\n\ndef test_empty():\n"
            + "    assert reverse_string(text=\"\") == \"\"\n\n\ndef test_unicode():\n    assert"
            + " reverse_string(text=\"née\") == \"eén\"\n";
    ScriptedChatModel synth =
        ScriptedChatModel.of(
            List.of(
                call(
                    "First, is there a verified capability for this already?",
                    "find_capability",
                    args("query", "reverse a string")),
                call(
                    "Nothing reaches the threshold: I will synthesize one, spec first.",
                    "define_capability",
                    args("spec", spec)),
                call(
                    null,
                    "write_capability_tests",
                    args(
                        "tests",
                        "import capability\n\n\ndef test_module_has_function():\n    assert"
                            + " hasattr(capability, \"reverse_string\")\n")),
                call(
                    "Right: that test checks nothing the empty implementation lacks. Tests that"
                        + " call it and check what it returns:",
                    "write_capability_tests",
                    args("tests", tests)),
                call(
                    null,
                    "write_capability_code",
                    args(
                        "code",
                        "def reverse_string(text: str) -> str:\n    \"\"\"The characters of"
                            + " text in the opposite order.\"\"\"\n    return text[::-1]\n")),
                call(
                    null,
                    "call_capability",
                    args("name", "reverse_string", "arguments", "{\"text\": \"Benchwright\"}")),
                call(
                    null,
                    "answer",
                    args(
                        "answer",
                        "'Benchwright' reversed is 'thgirwhcneB'.",
                        "capability",
                        "reverse_string"))));
    gateway.register("scripted", cfg -> synth);
    RunOutcome first =
        runtime
            .start("capability-synthesis", "Reverse the string 'Benchwright'.", MODEL)
            .outcome()
            .get(10, TimeUnit.MINUTES);
    assertThat(first.status()).as("%s", first).isEqualTo(RunStatus.SUCCEEDED);

    ScriptedChatModel reuse =
        ScriptedChatModel.of(
            List.of(
                call(
                    "I need a function that flips the order of a text's characters.",
                    "find_capability",
                    args("query", "reverse a string: return its characters in the opposite order")),
                call(
                    "reverse_string matches: using it rather than writing another.",
                    "call_capability",
                    args("name", "reverse_string", "arguments", "{\"text\": \"stressed\"}")),
                call(
                    null,
                    "answer",
                    args(
                        "answer",
                        "'stressed' backwards is 'desserts'.",
                        "capability",
                        "reverse_string"))));
    gateway.register("scripted", cfg -> reuse);
    RunOutcome second =
        runtime
            .start(
                "capability-synthesis",
                "Spell the word 'stressed' with its letters in reverse order.",
                MODEL)
            .outcome()
            .get(10, TimeUnit.MINUTES);
    assertThat(second.status()).as("%s", second).isEqualTo(RunStatus.SUCCEEDED);
    return List.of(first.runId(), second.runId());
  }

  /** The plan of the demo's automl run: fixed parameters, so a replay trains the same models. */
  static final String AUTOML_PLAN =
      """
      {"target": "target", "task": "binary", "metric": "roc_auc", "folds": 5, "seed": 0,
       "budget_seconds": 90, "drop": [],
       "preprocessing": {"numeric_impute": "median", "categorical": "onehot", "scale": true},
       "candidates": [
         {"name": "lgbm", "model": "lightgbm",
          "params": {"n_estimators": 200, "learning_rate": 0.05, "num_leaves": 15}},
         {"name": "hist_gb", "model": "hist_gb", "params": {"learning_rate": 0.1}},
         {"name": "linear", "model": "linear", "params": {"C": 1.0}},
         {"name": "knn", "model": "knn", "params": {"n_neighbors": 15}}],
       "ensemble": {"top": 3}}
      """;

  /**
   * AutoML on scikit-learn's breast cancer data (569 tumours, 30 measurements): the planner
   * profiles it, starts from the default plan and proposes four candidates with fixed parameters
   * (approved automatically here; the gate is the default); the trainer trains them in the ml
   * sandbox under a 90-second budget and ensembles the best three; the reporter writes it up.
   */
  private long recordAutoMlRun(
      Project project,
      AgentRuntime runtime,
      ModelGateway gateway,
      Path dir,
      java.util.function.Supplier<Sandboxes> sandboxes)
      throws Exception {
    MlSandbox ml = MlSandbox.of(sandboxes.get());
    Path csv = Examples.write(ml, "breast_cancer", Files.createDirectories(dir.resolve("bc")));
    new DatasetImport(project, ml).add(csv, null, null);
    project.settings().put("workflow.automl.planner.plan_approval", "\"auto\"");
    ScriptedChatModel automl =
        ScriptedChatModel.of(
            List.of(
                call("First, what is in the data?", "dataset_profile", "{}"),
                call(
                    "569 rows, 30 numeric measurements, a binary target with no missing values."
                        + " The default plan is a good start.",
                    "default_plan",
                    "{}"),
                call(
                    "With 569 rows a 90-second budget is ample; I fix the parameters so the"
                        + " comparison is between model families, and keep a linear baseline.",
                    "propose_plan",
                    args(
                        "plan",
                        AUTOML_PLAN,
                        "rationale",
                        "Small, clean, numeric data: boosting, a histogram GBM, a regularised"
                            + " logistic regression and k-NN, ensembled. ROC AUC, as the classes"
                            + " are imbalanced (212 malignant, 357 benign).")),
                call(null, "submit", args("outcome", "planned", "summary", "four candidates")),
                call(null, "train_candidates", "{}"),
                call(
                    "All four scored. Now the ensemble of the best three.", "build_ensemble", "{}"),
                call(
                    null, "submit", args("outcome", "trained", "summary", "trained and ensembled")),
                call(null, "leaderboard", "{}"),
                call(
                    null,
                    "write_file",
                    args(
                        "path",
                        "report.md",
                        "content",
                        "# Breast cancer: malignant or benign\n\nFour model families were"
                            + " cross-validated on the same five folds (ROC AUC) and the best"
                            + " three ensembled on their out-of-fold predictions. The leaderboard"
                            + " tab has every score with its spread, fit time and memory. On"
                            + " 569 rows the families are close: the linear model is as good as"
                            + " boosting, which says the classes are nearly linearly separable"
                            + " in these measurements. Next: calibrate the probabilities and"
                            + " check the errors by class.\n")),
                call(null, "submit", args("outcome", "reported", "summary", "report.md"))));
    gateway.register("scripted", cfg -> automl);
    byte[] input = JSON.createObjectNode().put("dataset", "breast_cancer").toString().getBytes();
    RunOutcome outcome =
        runtime
            .start(
                "automl",
                "Find the best model to tell malignant from benign tumours (breast_cancer).",
                MODEL,
                false,
                id -> project.files().write(id, "import", "automl.json", input))
            .outcome()
            .get(10, TimeUnit.MINUTES);
    assertThat(outcome.status()).as("%s", outcome).isEqualTo(RunStatus.SUCCEEDED);
    return outcome.runId();
  }

  private List<ScriptedTurn> experimentTurns() {
    return List.of(
        call("Reading the loop's spec and the results so far.", "experiment_status", "{}"),
        call(null, "read_file", args("path", "train.py")),
        call(
            "The training loss is still falling steeply at epoch 100: the model is undertrained.",
            "edit_file",
            args("path", "train.py", "old_text", "EPOCHS = 100", "new_text", "EPOCHS = 400")),
        run(
            "400 epochs instead of 100 lower val_loss: training had not converged",
            "EPOCHS 100 -> 400"),
        call(
            "Features on different scales slow gradient descent; standardizing should help.",
            "edit_file",
            args(
                "path",
                "train.py",
                "old_text",
                "STANDARDIZE = False",
                "new_text",
                "STANDARDIZE = True")),
        run(
            "standardized features converge faster at the same learning rate",
            "STANDARDIZE False -> True"),
        call(
            "Standardizing did not help at LR 0.05; a larger step on the raw features instead.",
            "edit_file",
            args("path", "train.py", "old_text", "LR = 0.05", "new_text", "LR = 0.5")),
        run("a 10x learning rate converges within 400 epochs", "LR 0.05 -> 0.5"),
        call(
            "Petal measurements separate the species best; keeping only those may generalize.",
            "edit_file",
            args(
                "path",
                "train.py",
                "old_text",
                "FEATURES = [0, 1, 2, 3]",
                "new_text",
                "FEATURES = [\"petal_length\", \"petal_width\"]")),
        run("petal length and width alone generalize better", "FEATURES -> petal columns"),
        call(
            "The arrays are indexed by column number, not by name: petal columns are 2 and 3.",
            "edit_file",
            args(
                "path",
                "train.py",
                "old_text",
                "FEATURES = [\"petal_length\", \"petal_width\"]",
                "new_text",
                "FEATURES = [2, 3]")),
        run("petal length and width alone generalize better", "FEATURES -> [2, 3]"),
        call(
            "Three independent ideas at once, each from the kept files.",
            "run_experiments",
            args(
                "experiments",
                List.of(
                    experiment(
                        "an even larger step still converges and fits further",
                        "LR 0.5 -> 1.5",
                        "LR = 0.5",
                        "LR = 1.5"),
                    experiment(
                        "more epochs at LR 0.5 keep lowering the loss",
                        "EPOCHS 400 -> 1000",
                        "EPOCHS = 400",
                        "EPOCHS = 1000"),
                    experiment(
                        "a little L2 regularization reduces overconfidence",
                        "L2 0.0 -> 0.001",
                        "L2 = 0.0",
                        "L2 = 0.001")))),
        call(
            "1000 epochs beat the old baseline in the round; trying it on top of LR 1.5.",
            "edit_file",
            args("path", "train.py", "old_text", "EPOCHS = 400", "new_text", "EPOCHS = 1000")),
        run("with LR 1.5, 1000 epochs still improve the fit", "EPOCHS 400 -> 1000"),
        call(
            "Checking whether the loss keeps falling with more training.",
            "edit_file",
            args("path", "train.py", "old_text", "EPOCHS = 1000", "new_text", "EPOCHS = 3000")),
        run("3000 epochs lower val_loss further", "EPOCHS 1000 -> 3000"),
        call(null, "experiment_status", "{}"),
        call(
            null,
            "submit",
            args(
                "outcome",
                "reported",
                "summary",
                """
                Best: experiment #8, val_loss 0.0155 against the baseline's 0.4753 (both \
                baseline runs agreed, so any gain over the 0.001 minimum delta counted). It \
                trains 1000 epochs (was 100) at LR 1.5 (was 0.05) on all four raw features.

                What helped: training longer (#1, 400 epochs: 0.2875) and a larger step (#3, \
                LR 0.5: 0.0597; #5, LR 1.5: 0.0253), then more epochs on top (#8). The model \
                was undertrained, not overfitting.

                What did not: standardizing (#2) was worse at LR 0.05, as the raw features' \
                larger scale acted as a larger step; petal features alone (#4) lost the sepal \
                information that separates versicolor from virginica (0.2665); L2 0.001 (#7) \
                made the model less confident on a clean data set (0.0888); 3000 epochs (#9) \
                began to overfit (0.0169). #6 (1000 epochs at LR 0.5) beat the baseline of \
                its round but lost to #5, and was then kept as #8 on top of it.

                Crash: #4 first indexed the arrays by column name (IndexError); fixed with \
                column numbers on the next attempt.

                Next: standardizing at LR 1.5, and a validation-based early stop instead of a \
                fixed epoch count.""")));
  }

  private ScriptedTurn run(String hypothesis, String summary) {
    return call(null, "run_experiment", args("hypothesis", hypothesis, "summary", summary));
  }

  private static Map<String, Object> experiment(
      String hypothesis, String summary, String oldText, String newText) {
    return Map.of(
        "hypothesis",
        hypothesis,
        "summary",
        summary,
        "edits",
        List.of(Map.of("path", "train.py", "old_text", oldText, "new_text", newText)));
  }

  private List<ScriptedTurn> succeedingTurns() throws IOException {
    String plan = "A ramp tilted 12-18 degrees; the ball rolls off its low end into a bin.";
    String fixed = AgentHarness.resource("generator.py");
    String sunk =
        fixed.replace("start_z = surface + radius + 0.01", "start_z = surface + radius - 0.03");
    assertThat(sunk).isNotEqualTo(fixed);
    String seed1 = "python3 generator.py --seed 1 --out out/seed-1";
    return List.of(
        call(
            "Planning the ramp, the ball and the bin first.",
            "update_todo",
            args(
                "plan",
                plan,
                "items",
                List.of(
                    Map.of("text", "write generator.py", "status", "todo"),
                    Map.of("text", "validate seed 1", "status", "todo"),
                    Map.of("text", "check a second seed", "status", "todo")))),
        call(
            null,
            "submit",
            args(
                "outcome", "planned",
                "summary", "Ramp and bin, randomized tilt, ball size and bin position.",
                "expected_solution", "A curved chute from the ramp's end into the bin.")),
        call("Writing the generator.", "write_file", args("path", "generator.py", "content", sunk)),
        call(null, "run_command", args("command", seed1)),
        call(null, "validate_mjcf", args("path", "out/seed-1/scene.xml")),
        call(
            "The ball starts inside the ramp; lifting it above the surface.",
            "write_file",
            args("path", "generator.py", "content", fixed)),
        call(null, "run_command", args("command", seed1)),
        call(null, "validate_mjcf", args("path", "out/seed-1/scene.xml")),
        call(
            null,
            "update_todo",
            args(
                "plan",
                plan,
                "items",
                List.of(
                    Map.of("text", "write generator.py", "status", "done"),
                    Map.of("text", "validate seed 1", "status", "done"),
                    Map.of("text", "check a second seed", "status", "done")))),
        call(
            null,
            "submit",
            args("outcome", "done", "summary", "generator.py validates for seed 1.")),
        call(
            "Checking that another seed differs and still validates.",
            "run_command",
            args(
                "command",
                "python3 generator.py --seed 7 --out out/seed-7 && mjcf-check out/seed-7/scene.xml")),
        call(null, "submit", args("outcome", "approved", "summary", "Seeds differ and validate.")));
  }

  private List<ScriptedTurn> failingTurns() {
    String plan = "A needle and a ball resting on its tip; nothing else in the scene.";
    return List.of(
        call(
            null,
            "update_todo",
            args(
                "plan",
                plan,
                "items",
                List.of(
                    Map.of(
                        "text", "check whether the ball can stay on the tip", "status", "todo")))),
        call(null, "submit", args("outcome", "planned", "summary", "Needle and ball.")),
        call(
            "Measuring how long a ball stays on a point in simulation.",
            "run_command",
            args("command", "python3 -c \"import mujoco; print(mujoco.__version__)\" && ls /nope")),
        call(
            "An unstable equilibrium cannot hold forever under any seed's noise.",
            "submit",
            args(
                "outcome",
                "impossible",
                "summary",
                "A ball on a needle tip is an unstable equilibrium: any perturbation makes it"
                    + " fall, so no seed can validate.")));
  }

  private ScriptedTurn call(String text, String tool, String arguments) {
    calls++;
    return new ScriptedTurn(
        text,
        null,
        List.of(
            ToolExecutionRequest.builder()
                .id("call_" + calls)
                .name(tool)
                .arguments(arguments)
                .build()),
        // Usage grows with the conversation, as a real model's prompt does.
        900 + 350 * calls,
        60 + 25 * (calls % 7));
  }

  private static String args(Object... keyValues) {
    ObjectNode o = JSON.createObjectNode();
    for (int i = 0; i < keyValues.length; i += 2) {
      o.set((String) keyValues[i], JSON.valueToTree(keyValues[i + 1]));
    }
    return o.toString();
  }
}
