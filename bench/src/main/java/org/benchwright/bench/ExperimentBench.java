package org.benchwright.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.benchwright.engine.agent.AgentRuntime;
import org.benchwright.engine.agent.RunOutcome;
import org.benchwright.engine.model.ApiKeys;
import org.benchwright.engine.model.ModelConfig;
import org.benchwright.engine.model.ModelGateway;
import org.benchwright.engine.model.PriceTable;
import org.benchwright.engine.model.ScriptedChatModel;
import org.benchwright.engine.model.ScriptedTurn;
import org.benchwright.engine.project.EventPayload;
import org.benchwright.engine.project.FolderImport;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.project.RecordedEvent;
import org.benchwright.engine.project.RunStatus;
import org.benchwright.engine.sandbox.ExecResult;
import org.benchwright.engine.sandbox.SandboxSession;
import org.benchwright.engine.sandbox.Sandboxes;
import org.benchwright.engine.workflow.Workflows;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code benchwright bench experiments}: what the experiment loop adds to each experiment. A real
 * {@code experiment-loop} run (real sandbox, real project file, an in-process scripted model) tries
 * a series of one-line changes to a training script that sleeps for a fixed time; the engine's
 * share of a step is the step's wall time (from the previous experiment's result to this one's: the
 * stop-rule check, the results table as the opening, the edit, file sync, the run, parsing,
 * recording, the restore after a discard) less the model calls and less the same command run bare
 * in a session of the same image, the reference measured in the same run.
 */
@Command(
    name = "experiments",
    mixinStandardHelpOptions = true,
    description = "Measure the experiment loop's engine overhead per experiment.")
final class ExperimentBench implements Callable<Integer> {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final double OPTIMUM = 0.3;
  private static final double BASELINE_LR = 0.1;

  @Spec CommandSpec spec;

  @Option(
      names = "--experiments",
      description = "experiments of the short series (default ${DEFAULT-VALUE})")
  int experiments = 12;

  @Option(
      names = "--seconds",
      description = "what one short experiment's command takes (default ${DEFAULT-VALUE})")
  double seconds = 1.0;

  @Option(
      names = "--long-experiments",
      description = "experiments of the 10-second series; 0 skips it (default ${DEFAULT-VALUE})")
  int longExperiments = 4;

  private PrintWriter out;

  /** One series' figures, all medians in milliseconds. */
  record Series(
      double seconds,
      int n,
      double reference,
      double step,
      double overhead,
      double min,
      double max,
      double kept,
      double discarded) {}

  @Override
  public Integer call() throws Exception {
    out = spec.commandLine().getOut();
    out.printf(
        Locale.ROOT,
        "benchwright bench experiments: %d cores; an in-process scripted model (model calls are"
            + " excluded)%n",
        Runtime.getRuntime().availableProcessors());
    Path work = Files.createTempDirectory("bw-exp-bench");
    String owner = "bench-" + UUID.randomUUID();
    try (Sandboxes sandboxes =
        Sandboxes.start(Sandboxes.Settings.forOwner(owner).withWarmPool(0))) {
      Series shortRun = series(work.resolve("short"), sandboxes, seconds, experiments);
      print(shortRun);
      Series longRun = null;
      if (longExperiments > 0) {
        longRun = series(work.resolve("long"), sandboxes, 10.0, longExperiments);
        print(longRun);
      }
      double overheadS = shortRun.overhead() / 1000.0;
      out.printf(
          Locale.ROOT,
          "engine overhead: %.1f ms median per experiment (target <= 300 ms) = %.2f %% of a 10-s"
              + " experiment (target <= 3 %%)%s%n",
          shortRun.overhead(),
          shortRun.overhead() / 100.0,
          longRun == null
              ? ""
              : String.format(
                  Locale.ROOT,
                  "; measured on 10-s experiments: %.1f ms = %.2f %%",
                  longRun.overhead(),
                  longRun.overhead() / 100.0));
      out.printf(
          Locale.ROOT,
          "experiments/hour at a 5-minute budget: %.3f (3600 / (300 s + %.3f s overhead));"
              + " autoresearch: 12%n",
          3600.0 / (300.0 + overheadS),
          overheadS);
    } finally {
      EventLogBench.deleteTree(work);
    }
    return 0;
  }

  private void print(Series s) {
    out.printf(
        Locale.ROOT,
        "%.0f-s experiments (%d): reference bare exec %.1f ms; full step %.1f ms; overhead %.1f ms"
            + " median (range %.1f-%.1f); kept %.1f ms, discarded %.1f ms%n",
        s.seconds(),
        s.n(),
        s.reference(),
        s.step(),
        s.overhead(),
        s.min(),
        s.max(),
        s.kept(),
        s.discarded());
  }

  private Series series(Path dir, Sandboxes sandboxes, double sleep, int n) throws Exception {
    Path folder = Files.createDirectories(dir.resolve("folder"));
    Files.writeString(folder.resolve("train.py"), train(sleep, BASELINE_LR));
    Files.writeString(
        folder.resolve("experiment.json"),
        """
        {"editable": ["train.py"], "command": "python3 train.py",
         "metric": {"regex": "val_loss: ([0-9.]+)"}, "direction": "min",
         "budget_seconds": %d, "baseline_runs": 2, "min_delta": 0.000001,
         "stop": {"experiments": %d}}
        """
            .formatted((int) Math.ceil(sleep * 3 + 10), n));
    double reference = reference(sandboxes, folder, Math.max(5, n / 2));

    ModelGateway gateway =
        new ModelGateway(ApiKeys.of(Map.of(), dir.resolve("no-keys")), PriceTable.defaults());
    ScriptedChatModel model = ScriptedChatModel.of(turns(n));
    gateway.register("scripted", cfg -> model);
    try (Project project = Project.create(dir.resolve("experiments.bwproj"));
        AgentRuntime runtime = Workflows.runtime(project, gateway, () -> sandboxes)) {
      FolderImport.Plan plan = FolderImport.scan(folder, 100, 1 << 20, 1 << 24);
      RunOutcome outcome =
          runtime
              .start(
                  "experiment-loop",
                  "Lower val_loss of train.py.",
                  ModelConfig.of("scripted", "bench"),
                  false,
                  id -> plan.recordInto(project, id))
              .outcome()
              .get(30, TimeUnit.MINUTES);
      if (outcome.status() != RunStatus.SUCCEEDED) {
        throw new IllegalStateException("the bench's run did not succeed: " + outcome);
      }
      return measure(project, outcome.runId(), sleep, n, reference);
    }
  }

  /** The experiment command alone: the same files, run bare in a fresh session's container. */
  private static double reference(Sandboxes sandboxes, Path folder, int samples) throws Exception {
    List<Double> times = new ArrayList<>();
    try (SandboxSession session = sandboxes.open("bench-reference")) {
      session.writeFiles(Map.of("train.py", Files.readAllBytes(folder.resolve("train.py"))));
      session.run("python3 train.py", Duration.ofMinutes(1)); // warm the file cache
      for (int i = 0; i < samples; i++) {
        long t0 = System.nanoTime();
        ExecResult r = session.run("python3 train.py", Duration.ofMinutes(1));
        times.add((System.nanoTime() - t0) / 1e6);
        if (!r.succeeded()) {
          throw new IllegalStateException("the reference command failed: " + r.stderrText());
        }
      }
    }
    return median(times);
  }

  /**
   * Per experiment: from the previous experiment's run_experiment result (the last baseline's row
   * for the first) to this one's, less the model calls in between and the reference.
   */
  private static Series measure(Project project, long runId, double sleep, int n, double ref) {
    List<RecordedEvent> events = project.events().events(runId, 1, Integer.MAX_VALUE);
    List<Double> steps = new ArrayList<>();
    List<Double> kept = new ArrayList<>();
    List<Double> discarded = new ArrayList<>();
    long windowStart = -1;
    long modelMs = 0;
    long requestAt = -1;
    String status = null;
    for (RecordedEvent e : events) {
      long at = e.timestamp().toEpochMilli();
      switch (e.type()) {
        case MODEL_REQUEST -> requestAt = at;
        case MODEL_RESPONSE -> {
          if (requestAt >= 0) {
            modelMs += at - requestAt;
          }
          requestAt = -1;
        }
        case EXPERIMENT -> {
          EventPayload.Experiment x = e.payload(EventPayload.Experiment.class);
          if (x.index() == 0) {
            windowStart = at;
            modelMs = 0;
          } else {
            status = x.status();
          }
        }
        case TOOL_RESULT -> {
          if (status != null && windowStart >= 0) {
            double step = at - windowStart - modelMs;
            steps.add(step);
            (status.equals("kept") ? kept : discarded).add(step - ref);
            windowStart = at;
            modelMs = 0;
            status = null;
          }
        }
        default -> {}
      }
    }
    if (steps.size() != n) {
      throw new IllegalStateException("expected " + n + " experiments, measured " + steps.size());
    }
    List<Double> over = steps.stream().map(s -> s - ref).toList();
    return new Series(
        sleep,
        n,
        ref,
        median(steps),
        median(over),
        over.stream().mapToDouble(d -> d).min().orElse(0),
        over.stream().mapToDouble(d -> d).max().orElse(0),
        kept.isEmpty() ? Double.NaN : median(kept),
        discarded.isEmpty() ? Double.NaN : median(discarded));
  }

  /** A "training" script whose loss depends on LR only, so which change is kept is known. */
  static String train(double sleep, double lr) {
    return """
        import time
        LR = %s
        time.sleep(%s)
        print(f"val_loss: {abs(LR - %s) + 0.05:.6f}")
        """
        .formatted(lr(lr), sleep, OPTIMUM);
  }

  private static String lr(double v) {
    return String.format(Locale.ROOT, "%.4f", v);
  }

  /**
   * Odd experiments move LR halfway to the optimum (kept), even ones jump past it (discarded, so
   * the kept file is restored): the series exercises both paths.
   */
  static List<ScriptedTurn> turns(int n) {
    List<ScriptedTurn> turns = new ArrayList<>();
    double keptLr = BASELINE_LR;
    for (int i = 1; i <= n; i++) {
      double next = i % 2 == 1 ? keptLr + (OPTIMUM - keptLr) / 2 : 0.9 + i / 1000.0;
      turns.add(
          call(
              turns.size(),
              "edit_file",
              args(
                  "path",
                  "train.py",
                  "old_text",
                  "LR = " + lr(keptLr),
                  "new_text",
                  "LR = " + lr(next))));
      turns.add(
          call(
              turns.size(),
              "run_experiment",
              args("hypothesis", "LR " + lr(next), "summary", lr(keptLr) + " -> " + lr(next))));
      if (i % 2 == 1) {
        keptLr = next;
      }
    }
    turns.add(
        call(
            turns.size(),
            "submit",
            args("outcome", "reported", "summary", "LR near 0.3 is best.")));
    return turns;
  }

  private static ScriptedTurn call(int i, String tool, String arguments) {
    return ScriptedTurn.toolCall("call_" + i, tool, arguments);
  }

  private static String args(Object... keyValues) {
    ObjectNode o = JSON.createObjectNode();
    for (int i = 0; i < keyValues.length; i += 2) {
      o.set((String) keyValues[i], JSON.valueToTree(keyValues[i + 1]));
    }
    return o.toString();
  }

  static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int m = sorted.size() / 2;
    return sorted.size() % 2 == 1 ? sorted.get(m) : (sorted.get(m - 1) + sorted.get(m)) / 2;
  }
}
