package org.benchwright.engine.workflow.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.agent.tool.ToolSpecification;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.benchwright.engine.agent.Tool;
import org.benchwright.engine.agent.ToolContext;
import org.benchwright.engine.agent.ToolResult;
import org.benchwright.engine.agent.Tools;
import org.benchwright.engine.experiments.ExperimentTable;
import org.benchwright.engine.experiments.Judge;
import org.benchwright.engine.project.EventPayload;
import org.benchwright.engine.project.EventPayload.Experiment;
import org.benchwright.engine.project.EventType;
import org.benchwright.engine.project.RecordedEvent;

/**
 * {@code run_experiment}: runs the current files as one experiment and decides. Without a baseline
 * it measures one (the files as they are, run as often as the spec says). Otherwise the editable
 * files' change since the kept attempt is the experiment: kept when it beats the best beyond the
 * noise, else discarded and the kept files restored. A crash goes back to the model with the tail
 * of the output for up to {@code fix_attempts} fixes, then the files are restored. Each attempt is
 * one EXPERIMENT event; the node ends with its decision.
 */
final class RunExperimentTool implements Tool {

  static final String NAME = "run_experiment";
  static final String MEASURED = "measured";

  private static final ToolSpecification SPEC =
      Tools.spec(
          NAME,
          "Run the experiment command on the current files under the fixed budget, read the"
              + " metric and decide: kept (the change becomes the new baseline) or discarded (the"
              + " editable files are restored). A crash returns its output so you can fix it.",
          Tools.schema()
              .addStringProperty("hypothesis", "what you expect this change to do, and why")
              .addStringProperty("summary", "the change in a few words")
              .required("hypothesis", "summary")
              .build());

  @Override
  public ToolSpecification spec() {
    return SPEC;
  }

  @Override
  public List<String> endsNodeWith() {
    return List.of(ExperimentLog.KEPT, ExperimentLog.DISCARDED, ExperimentLog.CRASHED, MEASURED);
  }

  @Override
  public ToolResult run(ToolContext ctx, JsonNode args) {
    Optional<ExperimentSpec> found = ExperimentSpec.recorded(ctx.project(), ctx.runId());
    if (found.isEmpty()) {
      return ToolResult.error(
          "This run has no experiment spec; run_experiment belongs to the experiment-loop workflow.");
    }
    ExperimentSpec spec = found.get();
    ExperimentLog log = ExperimentLog.of(ctx.project(), ctx.runId(), spec);
    Optional<ToolResult> already = alreadyDecided(ctx, log, spec);
    if (already.isPresent()) {
      return already.get();
    }
    ExperimentRunner runner =
        new ExperimentRunner(ctx.project(), ctx.runId(), ctx.node(), ctx.sandbox(), spec);
    String hypothesis = args.get("hypothesis").asText();
    String summary = args.get("summary").asText();
    if (!log.hasBaseline()) {
      return baseline(ctx, spec, runner, log);
    }
    ExperimentTable.Row kept = log.keptRow();
    String diff = runner.diffSince(kept);
    if (diff.isEmpty()) {
      return ToolResult.error(
          "Nothing changed in the editable files since the kept version ("
              + String.join(", ", spec.editable())
              + "). Edit them first, then call run_experiment.");
    }
    String diffSha =
        org.benchwright.engine.project.BlobStore.addressOf(
            diff.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    for (ExperimentTable.Row r : log.rows()) {
      // The same change from the same kept files was tried and judged: it would only measure
      // the noise again. A crash being fixed changes the files, so it is never the same change.
      if (diffSha.equals(r.e().diffSha())
          && kept.e().id().equals(r.e().parent())
          && !ExperimentLog.CRASHED.equals(r.e().status())) {
        return ToolResult.error(
            "Experiment #"
                + r.e().index()
                + " already tried exactly this change on the same kept files ("
                + r.e().status()
                + ": "
                + r.e().reason()
                + "). Try something else.");
      }
    }
    ExperimentTable.Row last = log.last();
    boolean fixing =
        last != null
            && ExperimentLog.CRASHED.equals(last.e().status())
            && last.e().index() > 0
            && last.e().fixAttempt() < spec.fixAttempts()
            && last.seq() > lastTransition(ctx);
    int index = fixing ? last.e().index() : log.nextIndex();
    int fix = fixing ? last.e().fixAttempt() + 1 : 0;
    ExperimentRunner.Attempt a = runner.run();
    if (!a.ok()) {
      String reason = a.crash(spec.budgetSeconds());
      runner.record(
          index,
          kept.e().id(),
          hypothesis,
          summary,
          ExperimentLog.CRASHED,
          a,
          log.best(),
          null,
          log.noise(),
          reason + ": " + ExperimentRunner.tail(a.exec()),
          diff,
          fix);
      String output = Tools.describe(a.exec());
      if (fix < spec.fixAttempts()) {
        return ToolResult.ok(
            String.format(
                Locale.ROOT,
                "Experiment #%d crashed: %s. Fix attempt %d of %d left: fix the files and call"
                    + " run_experiment again (the same experiment), or submit outcome stop.%n%s",
                index,
                reason,
                fix + 1,
                spec.fixAttempts(),
                output));
      }
      List<String> restored = runner.restore(kept);
      return ToolResult.end(
          ExperimentLog.CRASHED,
          String.format(
              Locale.ROOT,
              "Experiment #%d crashed (%s) and used its %d fix attempts; restored %s.%n%s",
              index,
              reason,
              spec.fixAttempts(),
              restored.isEmpty() ? "nothing" : String.join(", ", restored),
              output));
    }
    double best = log.best();
    double noise = log.noise();
    Judge.Decision d =
        Judge.decide(best, a.reading().value(), noise, spec.minDelta(), spec.metric().direction());
    String status = d.keep() ? ExperimentLog.KEPT : ExperimentLog.DISCARDED;
    Experiment e =
        runner.record(
            index,
            kept.e().id(),
            hypothesis,
            summary,
            status,
            a,
            best,
            d.delta(),
            noise,
            d.reason(),
            diff,
            fix);
    if (d.keep()) {
      return ToolResult.end(
          status, "Experiment #" + index + " (" + e.id() + ") " + d.reason() + ".");
    }
    List<String> restored = runner.restore(kept);
    return ToolResult.end(
        status,
        "Experiment #"
            + index
            + " ("
            + e.id()
            + ") "
            + d.reason()
            + "; restored "
            + (restored.isEmpty() ? "nothing" : String.join(", ", restored))
            + ".");
  }

  /** Measures the baseline runs still missing; the node ends once it is complete. */
  static ToolResult baseline(
      ToolContext ctx, ExperimentSpec spec, ExperimentRunner runner, ExperimentLog log) {
    Baseline.Result r = Baseline.measure(ctx.project(), ctx.runId(), spec, runner, log);
    if (!r.complete()) {
      return ToolResult.ok(
          "The baseline crashed: "
              + r.problem()
              + "\nFix the files so the command runs and prints the metric, then call"
              + " run_experiment again.");
    }
    return ToolResult.end(MEASURED, r.summary());
  }

  /**
   * A call the log already answered: the same call re-run after the process was killed between its
   * EXPERIMENT event and its result (answered from the record, not run twice), or a second
   * experiment in one reply (refused: one experiment per reply, so each has its own hypothesis).
   */
  private static Optional<ToolResult> alreadyDecided(
      ToolContext ctx, ExperimentLog log, ExperimentSpec spec) {
    long sinceReply = lastOf(ctx, EventType.MODEL_RESPONSE);
    List<RecordedEvent> calls = new ArrayList<>();
    try (var s =
        ctx.project().events().stream(ctx.runId(), sinceReply + 1, Set.of(EventType.TOOL_CALL))) {
      s.forEach(calls::add);
    }
    ExperimentTable.Row last = log.last();
    if (calls.isEmpty() || last == null || last.seq() < sinceReply) {
      return Optional.empty();
    }
    RecordedEvent current = calls.getLast();
    String id = current.payload(EventPayload.ToolCall.class).id();
    boolean rerun =
        id != null
            && calls.stream()
                .limit(calls.size() - 1)
                .anyMatch(
                    c ->
                        id.equals(c.payload(EventPayload.ToolCall.class).id())
                            && c.seq() < last.seq());
    Experiment e = last.e();
    boolean decided =
        !ExperimentLog.CRASHED.equals(e.status()) || e.fixAttempt() >= spec.fixAttempts();
    if (rerun) {
      String text =
          "Experiment #" + e.index() + " (" + e.id() + ") was already run: " + e.reason() + ".";
      if (ExperimentLog.BASELINE.equals(e.status())) {
        return log.hasBaseline() ? Optional.of(ToolResult.end(MEASURED, text)) : Optional.empty();
      }
      return Optional.of(decided ? ToolResult.end(e.status(), text) : ToolResult.ok(text));
    }
    if (decided && !ExperimentLog.BASELINE.equals(e.status())) {
      return Optional.of(
          ToolResult.error(
              "Experiment #"
                  + e.index()
                  + " was decided in this reply already; one experiment per reply."));
    }
    return Optional.empty();
  }

  private static long lastTransition(ToolContext ctx) {
    return lastOf(ctx, EventType.NODE_TRANSITION);
  }

  private static long lastOf(ToolContext ctx, EventType type) {
    try (var s = ctx.project().events().stream(ctx.runId(), Set.of(type))) {
      return s.reduce((a, b) -> b).map(RecordedEvent::seq).orElse(0L);
    }
  }
}
