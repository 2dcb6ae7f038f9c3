package org.benchwright.engine.automl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import org.benchwright.engine.project.Event;
import org.benchwright.engine.project.EventPayload.AutoMl;
import org.benchwright.engine.project.EventType;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.project.RecordedEvent;
import org.benchwright.engine.sandbox.ExecResult;
import org.benchwright.engine.sandbox.RunSandbox;
import org.benchwright.engine.sandbox.Termination;

/**
 * Trains an approved plan's candidates in a run's sandbox under one hard budget. The budget is a
 * ledger kept in the run's AUTOML events (so a resumed run goes on from what it spent): each
 * candidate gets an even share of what is left, less a reserve for the ensemble, and its command is
 * killed by the sandbox at that share — a time limit is a limit, not a hint. Every candidate,
 * whatever became of it, is an AUTOML event with its reason; a crash does not stop the others.
 */
public final class Training {

  /** Where a candidate's result, model and out-of-fold predictions go in the run's files. */
  public static final String FOLDER = "automl/";

  /** Below this a candidate is not started: the harness could not finish one fold's trial. */
  static final double MIN_SHARE_SECONDS = 2.0;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Project project;
  private final long runId;
  private final String node;
  private final Supplier<RunSandbox> sandbox;
  private final String dataPath;

  /**
   * @param dataPath the dataset's path among the run's files
   */
  public Training(
      Project project, long runId, String node, Supplier<RunSandbox> sandbox, String dataPath) {
    this.project = project;
    this.runId = runId;
    this.node = node;
    this.sandbox = sandbox;
    this.dataPath = dataPath;
  }

  /** Seconds of the budget the run's candidates and ensemble have used so far. */
  public double spentSeconds() {
    double spent = 0;
    try (var events = project.events().stream(runId, EnumSet.of(EventType.AUTOML))) {
      for (RecordedEvent e : (Iterable<RecordedEvent>) events::iterator) {
        AutoMl a = e.payload(AutoMl.class);
        if (a.data() != null && a.data().has("spent_seconds")) {
          spent += a.data().get("spent_seconds").asDouble();
        }
      }
    }
    return spent;
  }

  /**
   * What the harness is told to finish within: its share less a margin (a tenth, at least a second)
   * for starting the process, saving the model and a busy machine; the kill stays at the share
   * itself.
   */
  static double aim(double share) {
    return Math.max(MIN_SHARE_SECONDS / 2, share - Math.max(1.0, 0.1 * share));
  }

  /** The ensemble's reserve: it combines saved predictions, but its process must start and load. */
  static double ensembleReserve(AutoMlPlan plan) {
    return plan.ensembleTop() >= 2 ? Math.max(5.0, 0.06 * plan.budgetSeconds()) : 0;
  }

  /**
   * Trains {@code names} again, or, when empty, every candidate of the plan that has no row yet;
   * one after another, each under its share of the budget left. Writes the plan as the run's {@code
   * plan.json} first.
   *
   * @return the rows recorded, in training order
   */
  public List<Leaderboard.Row> train(AutoMlPlan plan, List<String> names) {
    Leaderboard before = Leaderboard.of(project, runId);
    List<AutoMlPlan.Candidate> todo =
        plan.candidates().stream()
            .filter(
                c -> names.isEmpty() ? before.row(c.name()).isEmpty() : names.contains(c.name()))
            .toList();
    project
        .files()
        .write(runId, node, AutoMlPlan.FILE, plan.text().getBytes(StandardCharsets.UTF_8));
    boolean ensembleDone = Leaderboard.of(project, runId).row("ensemble").isPresent();
    double reserve = ensembleDone ? 0 : ensembleReserve(plan);
    List<Leaderboard.Row> out = new ArrayList<>();
    for (int i = 0; i < todo.size(); i++) {
      double left = plan.budgetSeconds() - spentSeconds() - reserve;
      double share = left / (todo.size() - i);
      out.add(trainOne(plan, todo.get(i), share));
    }
    return out;
  }

  private Leaderboard.Row trainOne(AutoMlPlan plan, AutoMlPlan.Candidate c, double share) {
    String dir = FOLDER + c.name() + "/";
    if (share < MIN_SHARE_SECONDS) {
      return record(
          Leaderboard.CANDIDATE,
          c.name(),
          Leaderboard.OVER_BUDGET,
          String.format(
              Locale.ROOT,
              "not started: %.1f s of the %.0f s budget are left for it (at least %.0f s needed)",
              Math.max(0, share),
              plan.budgetSeconds(),
              MIN_SHARE_SECONDS),
          base(c.model(), share, 0, null));
    }
    String cmd =
        String.format(
            Locale.ROOT,
            "mkdir -p %s && python3 %s train --data %s --plan %s --candidate %s --budget %.2f"
                + " --out %sresult.json --model %smodel.pkl --oof %soof.npy",
            dir,
            Harness.FILE,
            Harness.quote(dataPath),
            AutoMlPlan.FILE,
            c.name(),
            aim(share),
            dir,
            dir,
            dir);
    return run(
        Leaderboard.CANDIDATE,
        c.name(),
        c.model(),
        cmd,
        share,
        dir + "result.json",
        dir + "model.pkl");
  }

  /**
   * Combines the best {@code plan.ensembleTop()} scored candidates (weights chosen greedily on
   * their out-of-fold predictions, scored by nested CV), within what is left of the budget.
   */
  public Leaderboard.Row ensemble(AutoMlPlan plan) {
    List<Leaderboard.Row> members =
        Leaderboard.of(project, runId).rows().stream()
            .filter(r -> r.scored() && !r.name().equals("ensemble"))
            .limit(plan.ensembleTop())
            .toList();
    double left = plan.budgetSeconds() - spentSeconds();
    if (members.size() < 2) {
      return record(
          Leaderboard.ENSEMBLE,
          "ensemble",
          Leaderboard.INVALID,
          "an ensemble needs at least two scored candidates; the run has " + members.size(),
          base("ensemble", left, 0, null));
    }
    if (left < MIN_SHARE_SECONDS) {
      return record(
          Leaderboard.ENSEMBLE,
          "ensemble",
          Leaderboard.OVER_BUDGET,
          String.format(
              Locale.ROOT, "not started: %.1f s of the budget are left", Math.max(0, left)),
          base("ensemble", left, 0, null));
    }
    StringBuilder cmd =
        new StringBuilder(
            "python3 "
                + Harness.FILE
                + " ensemble --data "
                + Harness.quote(dataPath)
                + " --plan "
                + AutoMlPlan.FILE);
    for (Leaderboard.Row m : members) {
      String dir = FOLDER + m.name() + "/";
      cmd.append(" --member ")
          .append(m.name())
          .append('=')
          .append(dir)
          .append("oof.npy=")
          .append(dir)
          .append("model.pkl");
    }
    String dir = FOLDER + "ensemble/";
    cmd.insert(0, "mkdir -p " + dir + " && ");
    cmd.append(" --out ")
        .append(dir)
        .append("result.json --model ")
        .append(dir)
        .append("model.pkl");
    return run(
        Leaderboard.ENSEMBLE,
        "ensemble",
        "ensemble",
        cmd.toString(),
        left,
        dir + "result.json",
        dir + "model.pkl");
  }

  private Leaderboard.Row run(
      String step,
      String name,
      String model,
      String cmd,
      double share,
      String resultFile,
      String modelFile) {
    long before = project.events().lastSeq(runId);
    long started = System.nanoTime();
    ExecResult r = sandbox.get().run(node, cmd, Duration.ofMillis((long) Math.ceil(share * 1000)));
    double spent = (System.nanoTime() - started) / 1e9;
    Long execSeq = execSeq(before);
    ObjectNode data = base(model, share, spent, execSeq);
    if (r.termination() == Termination.TIMEOUT) {
      return record(
          step,
          name,
          Leaderboard.OVER_BUDGET,
          String.format(Locale.ROOT, "killed at its budget of %.1f s (a hard limit)", share),
          data);
    }
    if (r.termination() == Termination.OUT_OF_MEMORY) {
      return record(
          step,
          name,
          Leaderboard.CRASHED,
          "ran out of the sandbox's memory (setting sandbox.limits.automl, memoryMb)",
          data);
    }
    if (r.termination() != Termination.EXIT || r.exitCode() == null || r.exitCode() != 0) {
      boolean refused = r.exitCode() != null && r.exitCode() == Harness.REFUSED;
      return record(
          step,
          name,
          refused ? Leaderboard.INVALID : Leaderboard.CRASHED,
          Harness.problem(r),
          data);
    }
    Optional<byte[]> result =
        project.files().fileAt(runId, resultFile, project.events().lastSeq(runId));
    JsonNode json;
    try {
      json = result.isEmpty() ? null : JSON.readTree(result.get());
    } catch (IOException e) {
      json = null;
    }
    if (json == null || !json.isObject() || !json.hasNonNull("cv_mean")) {
      return record(
          step, name, Leaderboard.CRASHED, "the harness left no readable " + resultFile, data);
    }
    ObjectNode merged = ((ObjectNode) json).deepCopy();
    merged.setAll(data);
    merged.put("model_file", modelFile);
    merged.put("result_file", resultFile);
    merged.put("model", json.path("model").asText(model));
    String detail =
        String.format(
            Locale.ROOT,
            "%s %.4f ± %.4f over %d folds, %d trials",
            json.path("metric").asText(),
            json.path("cv_mean").asDouble(),
            json.path("cv_std").asDouble(),
            json.path("fold_scores").size(),
            json.path("trials").asInt(1));
    return record(step, name, Leaderboard.OK, detail, merged);
  }

  private ObjectNode base(String model, double share, double spent, Long execSeq) {
    ObjectNode d = JSON.createObjectNode();
    d.put("model", model);
    d.put("budget_seconds", Math.round(Math.max(0, share) * 100) / 100.0);
    d.put("spent_seconds", Math.round(spent * 1000) / 1000.0);
    if (execSeq != null) {
      d.put("exec_seq", execSeq);
    }
    d.putArray("code").add(Harness.FILE).add(AutoMlPlan.FILE);
    return d;
  }

  private Long execSeq(long after) {
    try (var events =
        project.events().stream(runId, after + 1, EnumSet.of(EventType.SANDBOX_EXEC))) {
      return events.map(RecordedEvent::seq).reduce((a, b) -> b).orElse(null);
    }
  }

  private Leaderboard.Row record(
      String step, String name, String status, String detail, ObjectNode data) {
    long seq =
        project
            .events()
            .append(runId, Event.of(node, new AutoMl(step, name, status, detail, data)));
    return Leaderboard.of(project, runId).rows().stream()
        .filter(r -> r.seq() == seq)
        .findFirst()
        .orElseThrow();
  }
}
