package org.benchwright.engine.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.benchwright.engine.agent.AgentHarness.args;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.benchwright.engine.experiments.ExperimentTable;
import org.benchwright.engine.project.EventPayload;
import org.benchwright.engine.project.EventType;
import org.benchwright.engine.project.FolderImport;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.project.RecordedEvent;
import org.benchwright.engine.project.RunStatus;
import org.benchwright.testsupport.DockerRequired;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The experiment loop end to end, in real sandboxes, with a stubbed model: a folder with a training
 * script is imported, the baseline is measured twice, and four experiments are tried — one kept,
 * one discarded (its files restored), one that crashes and is fixed, one killed at its budget —
 * until the stop rule hands over to the analyst. Every attempt stays in the log.
 */
@ExtendWith(DockerRequired.class)
class ExperimentLoopIT {

  static final String TASK = "Lower val_loss of train.py.";

  /** A "training" script: its loss is a function of LR, plus noise smaller than any real gain. */
  static final String TRAIN =
      """
      import random, time
      LR = 0.1
      EPOCHS = 3
      noise = random.Random().uniform(-0.0005, 0.0005)
      loss = (LR - 0.3) ** 2 + 0.05 + noise
      print("step 1 val_loss: 9.99")
      print(f"val_loss: {loss:.6f}")
      """;

  static final String SPEC =
      """
      {"editable": ["train.py"], "command": "python3 train.py",
       "metric": {"regex": "val_loss: ([0-9.]+)"}, "direction": "min",
       "budget_seconds": 10, "baseline_runs": 2, "fix_attempts": 1, "min_delta": 0.002,
       "stop": {"experiments": 4}}
      """;

  @TempDir Path dir;

  static Path folder(Path dir) throws Exception {
    Path f = Files.createDirectories(dir.resolve("autoresearch"));
    Files.writeString(f.resolve("train.py"), TRAIN);
    Files.writeString(f.resolve("prepare.py"), "# data preparation; fixed\n");
    Files.writeString(f.resolve("experiment.json"), SPEC);
    Files.createDirectories(f.resolve(".git"));
    Files.writeString(f.resolve(".git/HEAD"), "ref: refs/heads/master\n");
    return f;
  }

  static ConversationScript script() {
    ConversationScript s = new ConversationScript();
    s.role(
        "experimenter",
        s.call("experiment_status", "{}"),
        s.call("write_file", args("path", "prepare.py", "content", "# mine now\n")),
        s.call(
            "edit_file", args("path", "train.py", "old_text", "LR = 0.1", "new_text", "LR = 0.3")),
        s.call(
            "run_experiment",
            args("hypothesis", "LR 0.3 is the optimum", "summary", "LR 0.1 -> 0.3")));
    s.whenOpening(
        "experimenter",
        "Experiment #2 next",
        s.call(
            "edit_file", args("path", "train.py", "old_text", "LR = 0.3", "new_text", "LR = 0.5")),
        s.call(
            "run_experiment",
            args("hypothesis", "a higher LR trains faster", "summary", "LR 0.3 -> 0.5")));
    s.whenOpening(
        "experimenter",
        "Experiment #3 next",
        s.call(
            "edit_file",
            args("path", "train.py", "old_text", "EPOCHS = 3", "new_text", "EPOCHS = 3 / 0")),
        s.call("run_experiment", args("hypothesis", "fewer epochs", "summary", "EPOCHS to 3/0")),
        s.call(
            "edit_file",
            args("path", "train.py", "old_text", "EPOCHS = 3 / 0", "new_text", "EPOCHS = 4")),
        s.call("run_experiment", args("hypothesis", "more epochs", "summary", "EPOCHS 3 -> 4")));
    s.whenOpening(
        "experimenter",
        "Experiment #4 next",
        s.call(
            "edit_file",
            args(
                "path",
                "train.py",
                "old_text",
                "EPOCHS = 3",
                "new_text",
                "EPOCHS = 3\ntime.sleep(60)")),
        s.call("run_experiment", args("hypothesis", "a pause", "summary", "sleep 60 s")),
        s.call("run_experiment", args("hypothesis", "a pause, again", "summary", "sleep 60 s")));
    s.role(
        "analyst",
        s.call(
            "submit",
            args(
                "outcome",
                "reported",
                "summary",
                "LR 0.3 won; a higher LR and a pause did not help.")));
    return s;
  }

  @Test
  void everyAttemptIsKeptInTheLogAndOnlyTheKeptChangeSurvives() throws Exception {
    Path folder = folder(dir);
    try (AgentHarness h = new AgentHarness(dir)) {
      ConversationScript script = script();
      h.stub.respondWith(script::answer);
      FolderImport.Plan plan = FolderImport.scan(folder, 100, 1 << 20, 1 << 24);
      RunHandle run =
          h.runtime.start(
              "experiment-loop", TASK, h.model(), false, id -> plan.recordInto(h.project, id));
      RunOutcome outcome = run.outcome().get(10, TimeUnit.MINUTES);
      assertThat(outcome.status()).as("%s", outcome).isEqualTo(RunStatus.SUCCEEDED);
      long runId = run.runId();
      Project p = h.project;
      long last = p.events().lastSeq(runId);

      ExperimentTable table = ExperimentTable.of(p, runId);
      assertThat(table.rows())
          .extracting(r -> r.e().index() + " " + r.e().status() + " " + r.e().fixAttempt())
          .containsExactly(
              "0 baseline 0",
              "0 baseline 0",
              "1 kept 0",
              "2 discarded 0",
              "3 crashed 0",
              "3 discarded 1",
              "4 crashed 0",
              "4 crashed 1");
      var rows = table.rows();
      // The kept change is the run's train.py; .git was not imported; prepare.py is untouched.
      String trainNow = text(p, runId, "train.py", last);
      assertThat(trainNow).contains("LR = 0.3").contains("EPOCHS = 3\n").doesNotContain("sleep");
      assertThat(text(p, runId, "prepare.py", last)).isEqualTo("# data preparation; fixed\n");
      assertThat(p.files().filesAt(runId, last)).doesNotContainKey(".git/HEAD");
      assertThat(toolResults(h, runId, "write_file"))
          .anySatisfy(
              r -> assertThat(r.text()).contains("'prepare.py' is read-only").contains("train.py"));

      // The kept attempt: its diff, its metric, and the noise it was judged against.
      var kept = rows.get(2).e();
      assertThat(new String(p.blobs().get(kept.diffSha()).orElseThrow(), StandardCharsets.UTF_8))
          .contains("-LR = 0.1")
          .contains("+LR = 0.3");
      assertThat(kept.metric()).isBetween(0.049, 0.051);
      assertThat(kept.noise()).isBetween(0.0, 0.001);
      assertThat(kept.parent()).isEqualTo(rows.get(1).e().id());
      assertThat(kept.reason()).startsWith("kept");

      // The discarded attempt's files are still in the log at its exec; the run's are restored.
      var discarded = rows.get(3);
      assertThat(text(p, runId, "train.py", discarded.e().execSeq())).contains("LR = 0.5");
      assertThat(discarded.e().parent()).isEqualTo(kept.id());
      assertThat(discarded.e().reason()).startsWith("discarded");

      // The crash and its fix; the budget kill says so.
      assertThat(rows.get(4).e().reason())
          .contains("exited with code 1")
          .contains("ZeroDivisionError");
      assertThat(rows.get(6).e().reason()).contains("10 s budget");
      assertThat(rows.get(6).e().metric()).isNull();

      // Each experiment's opening is the table, not the history: it names what failed before.
      List<String> openings = openings(h, runId);
      assertThat(openings)
          .anySatisfy(
              o ->
                  assertThat(o)
                      .contains("Experiment #3 next")
                      .contains("discarded")
                      .contains("Directions that did not work")
                      .contains("a higher LR trains faster"));
      assertThat(openings.getLast()).contains("Stop rule reached: 4 of 4 experiments");

      StringWriter tsv = new StringWriter();
      table.writeTsv(tsv);
      assertThat(tsv.toString().lines()).hasSize(1 + 8);
      assertThat(p.integrityCheck()).isEqualTo("ok");
    }
  }

  @Test
  void aFolderWithoutASpecFailsAtSetupWithAnExampleAndKeepsItsFiles() throws Exception {
    Path folder = folder(dir);
    Files.delete(folder.resolve("experiment.json"));
    try (AgentHarness h = new AgentHarness(dir)) {
      FolderImport.Plan plan = FolderImport.scan(folder, 100, 1 << 20, 1 << 24);
      RunHandle run =
          h.runtime.start(
              "experiment-loop", TASK, h.model(), false, id -> plan.recordInto(h.project, id));
      RunOutcome outcome = run.outcome().get(2, TimeUnit.MINUTES);
      assertThat(outcome.status()).isEqualTo(RunStatus.FAILED);
      assertThat(outcome.reason()).contains("needs experiment.json").contains("\"editable\"");
      assertThat(h.project.files().filesAt(run.runId(), h.project.events().lastSeq(run.runId())))
          .containsKeys("train.py", "prepare.py");
      assertThat(h.stub.requests()).isEmpty();
    }
  }

  @Test
  void aCommandThatCannotRunFailsTheBaselineWithItsOutput() throws Exception {
    Path folder = folder(dir);
    Files.writeString(
        folder.resolve("experiment.json"), SPEC.replace("python3 train.py", "python3 missing.py"));
    try (AgentHarness h = new AgentHarness(dir)) {
      FolderImport.Plan plan = FolderImport.scan(folder, 100, 1 << 20, 1 << 24);
      RunHandle run =
          h.runtime.start(
              "experiment-loop", TASK, h.model(), false, id -> plan.recordInto(h.project, id));
      RunOutcome outcome = run.outcome().get(2, TimeUnit.MINUTES);
      assertThat(outcome.status()).isEqualTo(RunStatus.FAILED);
      assertThat(outcome.reason())
          .contains("The baseline did not run")
          .contains("exited with code 2")
          .contains("missing.py");
      assertThat(ExperimentTable.of(h.project, run.runId()).rows())
          .extracting(r -> r.e().status())
          .containsExactly("crashed");
    }
  }

  @Test
  void aLoopKilledMidExperimentResumesWhereItStoppedAndLosesNothing() throws Exception {
    Path folder = folder(dir);
    Path file = dir.resolve("loop.bwproj");
    Project.create(file).close();
    try (var stub = org.benchwright.engine.model.OpenAiStub.start()) {
      ConversationScript script = script();
      stub.respondWith(script::answer);
      // Killed as soon as experiment #2's decision is printed: mid-experiment, its tool result and
      // the restore of its files recorded or not, whichever the kill beats.
      CliRunChild.runAndKill(
          file,
          List.of("--workflow", "experiment-loop", "--task", TASK, "--import", folder.toString()),
          stub,
          "experiment #2's decision",
          line -> line.contains("EXPERIMENT") && line.contains("#2 discarded"));
      try (Project p = Project.open(file)) {
        long runId = p.runs().list().getFirst().id();
        assertThat(p.runs().find(runId).orElseThrow().status()).isEqualTo(RunStatus.INTERRUPTED);
        long before = p.events().lastSeq(runId);
        List<String> recorded =
            ExperimentTable.of(p, runId).rows().stream().map(r -> r.e().id()).toList();
        try (AgentHarness h = new AgentHarness(p, dir)) {
          // The run's recorded model is the stub above, which answers the resumed run too.
          RunOutcome outcome = h.runtime.resume(runId).outcome().get(10, TimeUnit.MINUTES);
          assertThat(outcome.status()).as("%s", outcome).isEqualTo(RunStatus.SUCCEEDED);
        }
        ExperimentTable table = ExperimentTable.of(p, runId);
        // Nothing recorded before the kill is lost, and no experiment ran twice.
        assertThat(table.rows().stream().map(r -> r.e().id()).toList())
            .startsWith(recorded.toArray(String[]::new));
        assertThat(table.rows())
            .extracting(r -> r.e().index() + " " + r.e().status())
            .containsExactly(
                "0 baseline",
                "0 baseline",
                "1 kept",
                "2 discarded",
                "3 crashed",
                "3 discarded",
                "4 crashed",
                "4 crashed");
        assertThat(p.events().events(runId, 1, (int) before)).hasSize((int) before);
        assertThat(text(p, runId, "train.py", p.events().lastSeq(runId))).contains("LR = 0.3");
      }
    }
  }

  @Test
  void badMetricsAndARepeatedChangeAreRecordedReasonsAndTheLoopGoesOn() throws Exception {
    Path f = Files.createDirectories(dir.resolve("json-metric"));
    Files.writeString(
        f.resolve("eval.py"),
        """
        import json
        MODE = "ok"
        X = 1.0
        if MODE == "text":
            json.dump({"val": {"loss": "about a half"}}, open("metrics.json", "w"))
        elif MODE == "ok":
            json.dump({"val": {"loss": (X - 2.0) ** 2}}, open("metrics.json", "w"))
        """);
    Files.writeString(
        f.resolve("experiment.json"),
        """
        {"editable": ["*.py"], "command": "python3 eval.py",
         "metric": {"json_file": "metrics.json", "key": "val.loss"}, "direction": "min",
         "budget_seconds": 30, "baseline_runs": 1, "fix_attempts": 0, "stop": {"experiments": 4}}
        """);
    ConversationScript s = new ConversationScript();
    s.role(
        "experimenter",
        s.call(
            "edit_file",
            args("path", "eval.py", "old_text", "MODE = \"ok\"", "new_text", "MODE = \"none\"")),
        s.call("run_experiment", args("hypothesis", "no metric file", "summary", "MODE none")));
    s.whenOpening(
        "experimenter",
        "Experiment #2 next",
        s.call(
            "edit_file",
            args("path", "eval.py", "old_text", "MODE = \"ok\"", "new_text", "MODE = \"text\"")),
        s.call("run_experiment", args("hypothesis", "a metric in words", "summary", "MODE text")));
    s.whenOpening(
        "experimenter",
        "Experiment #3 next",
        s.call("edit_file", args("path", "eval.py", "old_text", "X = 1.0", "new_text", "X = 0.5")),
        s.call("run_experiment", args("hypothesis", "smaller X", "summary", "X 0.5")));
    s.whenOpening(
        "experimenter",
        "Experiment #4 next",
        s.call("edit_file", args("path", "eval.py", "old_text", "X = 1.0", "new_text", "X = 0.5")),
        s.call("run_experiment", args("hypothesis", "smaller X, surely", "summary", "X 0.5 again")),
        s.call("edit_file", args("path", "eval.py", "old_text", "X = 0.5", "new_text", "X = 1.5")),
        s.call("run_experiment", args("hypothesis", "larger X", "summary", "X 1.5")));
    s.role("analyst", s.call("submit", args("outcome", "reported", "summary", "X 1.5 won.")));
    try (AgentHarness h = new AgentHarness(dir)) {
      h.stub.respondWith(s::answer);
      FolderImport.Plan plan = FolderImport.scan(f, 100, 1 << 20, 1 << 24);
      RunHandle run =
          h.runtime.start(
              "experiment-loop", TASK, h.model(), false, id -> plan.recordInto(h.project, id));
      RunOutcome outcome = run.outcome().get(10, TimeUnit.MINUTES);
      assertThat(outcome.status()).as("%s", outcome).isEqualTo(RunStatus.SUCCEEDED);
      var rows = ExperimentTable.of(h.project, run.runId()).rows();
      assertThat(rows)
          .extracting(r -> r.e().index() + " " + r.e().status())
          .containsExactly("0 baseline", "1 crashed", "2 crashed", "3 discarded", "4 kept");
      assertThat(rows.get(1).e().reason()).contains("the experiment wrote no metrics.json");
      assertThat(rows.get(2).e().reason()).contains("is not a number: 'about a half'");
      assertThat(rows.get(4).e().metric()).isEqualTo(0.25);
      assertThat(toolResults(h, run.runId(), "run_experiment"))
          .anySatisfy(
              r ->
                  assertThat(r.text())
                      .contains("Experiment #3 already tried exactly this change")
                      .contains("discarded"));
    }
  }

  static String text(Project p, long runId, String path, long seq) {
    return new String(p.files().fileAt(runId, path, seq).orElseThrow(), StandardCharsets.UTF_8);
  }

  static List<EventPayload.ToolResult> toolResults(AgentHarness h, long runId, String tool) {
    return h.events(runId).stream()
        .filter(e -> e.type() == EventType.TOOL_RESULT)
        .map(e -> e.payload(EventPayload.ToolResult.class))
        .filter(r -> r.name().equals(tool))
        .toList();
  }

  static List<String> openings(AgentHarness h, long runId) {
    List<RecordedEvent> events = h.events(runId);
    List<String> out = new java.util.ArrayList<>();
    for (int i = 0; i + 1 < events.size(); i++) {
      if (events.get(i).type() == EventType.NODE_TRANSITION
          && events.get(i + 1).type() == EventType.USER_MESSAGE) {
        out.add(events.get(i + 1).payload(EventPayload.UserMessage.class).text());
      }
    }
    return out;
  }
}
