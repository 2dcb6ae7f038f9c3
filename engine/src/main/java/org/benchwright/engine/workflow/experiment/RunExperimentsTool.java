package org.benchwright.engine.workflow.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.benchwright.engine.agent.Tool;
import org.benchwright.engine.agent.ToolContext;
import org.benchwright.engine.agent.ToolResult;
import org.benchwright.engine.agent.Tools;
import org.benchwright.engine.experiments.ExperimentTable;
import org.benchwright.engine.experiments.Judge;
import org.benchwright.engine.experiments.Metric;
import org.benchwright.engine.project.BlobStore;
import org.benchwright.engine.project.EventType;
import org.benchwright.engine.project.FileVersion;
import org.benchwright.engine.project.RecordedEvent;

/**
 * {@code run_experiments}: one round of parallel experiments. Each experiment is a set of edits
 * applied to the kept files; all of them run at once, each in a sandbox of its own (at most the
 * spec's {@code parallel}, by default the slot count), and each is judged against the baseline
 * current when the round started, which its row records as its parent. The best of those that beat
 * the baseline becomes the new one; the others that beat it are discarded with that reason, since
 * two changes made from the same files cannot both be the baseline without a merge nobody judged. A
 * crash is recorded with its output; a later round may fix it ({@code fixes}) within the fix
 * attempts. Everything is checked before anything runs: a bad edit runs nothing.
 */
final class RunExperimentsTool implements Tool {

  static final String NAME = "run_experiments";

  private static final ToolSpecification SPEC =
      Tools.spec(
          NAME,
          "Run several experiments at once, each a set of edits to the kept files, each in its own"
              + " sandbox under the fixed budget. Each is judged against the current baseline; the"
              + " best that beats it is kept (the run's files become its files), the others are"
              + " discarded. The run's files are not touched until the round is decided.",
          Tools.schema()
              .addProperty(
                  "experiments",
                  JsonArraySchema.builder()
                      .description("the round's experiments, at most the parallel setting")
                      .items(
                          JsonObjectSchema.builder()
                              .addStringProperty("hypothesis", "what you expect, and why")
                              .addStringProperty("summary", "the change in a few words")
                              .addProperty(
                                  "edits",
                                  JsonArraySchema.builder()
                                      .description(
                                          "edits applied in order to the kept files: old_text and"
                                              + " new_text replace one exact, unique occurrence;"
                                              + " content replaces the whole file")
                                      .items(
                                          JsonObjectSchema.builder()
                                              .addStringProperty("path", "an editable file")
                                              .addStringProperty("old_text", "text to replace")
                                              .addStringProperty("new_text", "its replacement")
                                              .addStringProperty("content", "the whole file")
                                              .required("path")
                                              .build())
                                      .build())
                              .addProperty(
                                  "fixes",
                                  JsonIntegerSchema.builder()
                                      .description(
                                          "the number of a crashed experiment this one fixes"
                                              + " (its edits must carry the whole change again)")
                                      .build())
                              .required("hypothesis", "summary", "edits")
                              .build())
                      .build())
              .required("experiments")
              .build());

  @Override
  public ToolSpecification spec() {
    return SPEC;
  }

  @Override
  public List<String> endsNodeWith() {
    return List.of(ExperimentLog.KEPT, ExperimentLog.DISCARDED, ExperimentLog.CRASHED);
  }

  /** One experiment of the round, checked and ready to run. */
  private record Planned(
      int index,
      int fix,
      String hypothesis,
      String summary,
      Map<String, FileVersion> files,
      String diff) {}

  @Override
  public ToolResult run(ToolContext ctx, JsonNode args) {
    Optional<ExperimentSpec> found = ExperimentSpec.recorded(ctx.project(), ctx.runId());
    if (found.isEmpty()) {
      return ToolResult.error(
          "This run has no experiment spec; run_experiments belongs to the experiment-loop"
              + " workflow.");
    }
    ExperimentSpec spec = found.get();
    ExperimentLog log = ExperimentLog.of(ctx.project(), ctx.runId(), spec);
    if (!log.hasBaseline()) {
      return ToolResult.error(
          "There is no baseline yet: call run_experiment once to measure it, then run rounds.");
    }
    ExperimentRunner runner =
        new ExperimentRunner(ctx.project(), ctx.runId(), ctx.node(), ctx.sandbox(), spec);
    ExperimentTable.Row kept = log.keptRow();
    List<ExperimentTable.Row> answered = rowsSinceReply(ctx, log);
    if (!answered.isEmpty() && answered.stream().anyMatch(r -> isKept(r))) {
      // The process stopped after the round was decided and before its result: answer from it.
      return ToolResult.end(ExperimentLog.KEPT, describe(answered, List.of()));
    }
    // A change left from an earlier reply would be silently dropped: say so. One made in this
    // reply (or a winner adopted before the process was killed) is superseded by the round.
    String pending =
        runner.diff(
            ctx.project().files().filesAt(ctx.runId(), kept.seq()),
            ctx.project().files().filesAt(ctx.runId(), Math.max(kept.seq(), lastReply(ctx))));
    if (!pending.isEmpty()) {
      return ToolResult.error(
          "The editable files have a change that was never run. A round starts from the kept"
              + " files: run that change with run_experiment first, or undo it.");
    }
    JsonNode items = args.get("experiments");
    if (items == null || !items.isArray() || items.isEmpty()) {
      return ToolResult.error("Give \"experiments\": a list of {hypothesis, summary, edits}.");
    }
    int most = spec.parallelism(ctx.sandbox().get().slotCount());
    String limit = "parallel " + most;
    if (spec.stopExperiments() != null) {
      int left = spec.stopExperiments() - log.experiments();
      if (left < most) {
        most = Math.max(1, left);
        limit = left + " left under the stop rule";
      }
    }
    if (items.size() > most) {
      return ToolResult.error(
          "A round runs at most "
              + most
              + " experiments ("
              + limit
              + "); this one has "
              + items.size()
              + ".");
    }
    // The kept editable files (also after a killed round adopted its winner) and the rest as now.
    Map<String, FileVersion> base = new LinkedHashMap<>();
    ctx.project()
        .files()
        .filesAt(ctx.runId(), ctx.project().events().lastSeq(ctx.runId()))
        .forEach(
            (path, v) -> {
              if (!spec.isEditable(path)) {
                base.put(path, v);
              }
            });
    ctx.project()
        .files()
        .filesAt(ctx.runId(), kept.seq())
        .forEach(
            (path, v) -> {
              if (spec.isEditable(path)) {
                base.put(path, v);
              }
            });
    Set<String> hypothesesDone = new HashSet<>();
    answered.forEach(r -> hypothesesDone.add(r.e().hypothesis()));
    List<Planned> planned = new ArrayList<>();
    Set<String> diffs = new HashSet<>();
    int next = log.nextIndex();
    for (int i = 0; i < items.size(); i++) {
      JsonNode item = items.get(i);
      String hypothesis = item.path("hypothesis").asText("");
      if (hypothesesDone.contains(hypothesis)) {
        continue; // recorded before the process stopped; not run twice
      }
      String where = "Experiment " + (i + 1) + " of the round";
      Map<String, FileVersion> files;
      try {
        files = applyEdits(ctx, spec, base, item.get("edits"));
      } catch (IllegalArgumentException e) {
        return ToolResult.error(where + ": " + e.getMessage() + " Nothing was run.");
      }
      String diff = runner.diff(base, files);
      if (diff.isEmpty()) {
        return ToolResult.error(where + " changes nothing. Nothing was run.");
      }
      String sha = BlobStore.addressOf(diff.getBytes(StandardCharsets.UTF_8));
      if (!diffs.add(sha)) {
        return ToolResult.error(where + " is the same change as another one. Nothing was run.");
      }
      Optional<ExperimentTable.Row> same =
          log.rows().stream()
              .filter(
                  r ->
                      sha.equals(r.e().diffSha())
                          && kept.e().id().equals(r.e().parent())
                          && !ExperimentLog.CRASHED.equals(r.e().status()))
              .findFirst();
      if (same.isPresent()) {
        return ToolResult.error(
            where
                + " is exactly experiment #"
                + same.get().e().index()
                + ", already "
                + same.get().e().status()
                + " on the same kept files. Nothing was run.");
      }
      int index;
      int fix = 0;
      if (item.hasNonNull("fixes")) {
        int k = item.get("fixes").asInt();
        ExperimentTable.Row crashed = lastOf(log, k);
        if (crashed == null
            || !ExperimentLog.CRASHED.equals(crashed.e().status())
            || crashed.e().fixAttempt() >= spec.fixAttempts()) {
          return ToolResult.error(
              where
                  + " fixes #"
                  + k
                  + ", which is not a crashed experiment with fix attempts left. Nothing was run.");
        }
        index = k;
        fix = crashed.e().fixAttempt() + 1;
      } else {
        index = next++;
      }
      planned.add(
          new Planned(index, fix, hypothesis, item.path("summary").asText(""), files, diff));
    }
    List<ExperimentRunner.Attempt> attempts = runAll(runner, planned);
    return decide(ctx, spec, log, runner, kept, planned, attempts, answered);
  }

  /** Runs the round at once, each in its own sandbox; the slots bound how many really run. */
  private static List<ExperimentRunner.Attempt> runAll(
      ExperimentRunner runner, List<Planned> planned) {
    if (planned.isEmpty()) {
      return List.of();
    }
    ExecutorService pool =
        Executors.newFixedThreadPool(
            planned.size(),
            r -> {
              Thread t = new Thread(r, "experiment-round");
              t.setDaemon(true);
              return t;
            });
    try {
      List<Future<ExperimentRunner.Attempt>> futures = new ArrayList<>();
      for (Planned p : planned) {
        futures.add(pool.submit(() -> runner.runDetached(p.files())));
      }
      List<ExperimentRunner.Attempt> out = new ArrayList<>();
      for (Future<ExperimentRunner.Attempt> f : futures) {
        out.add(f.get());
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new org.benchwright.engine.sandbox.SandboxException(
          org.benchwright.engine.sandbox.SandboxException.Kind.CANCELLED,
          "Cancelled while a round of experiments ran.",
          e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  private static ToolResult decide(
      ToolContext ctx,
      ExperimentSpec spec,
      ExperimentLog log,
      ExperimentRunner runner,
      ExperimentTable.Row kept,
      List<Planned> planned,
      List<ExperimentRunner.Attempt> attempts,
      List<ExperimentTable.Row> answered) {
    double best = log.best();
    double noise = log.noise();
    Metric.Direction dir = spec.metric().direction();
    List<Judge.Decision> decisions = new ArrayList<>();
    int winner = -1;
    for (int i = 0; i < planned.size(); i++) {
      ExperimentRunner.Attempt a = attempts.get(i);
      Judge.Decision d =
          a.ok() ? Judge.decide(best, a.reading().value(), noise, spec.minDelta(), dir) : null;
      decisions.add(d);
      if (d != null && d.keep()) {
        double v = a.reading().value();
        if (winner < 0
            || (dir == Metric.Direction.MAX
                ? v > attempts.get(winner).reading().value()
                : v < attempts.get(winner).reading().value())) {
          winner = i;
        }
      }
    }
    List<String> crashes = new ArrayList<>();
    // The others first, the winner last: the kept row's seq is where its files are the run's.
    for (int i = 0; i < planned.size(); i++) {
      if (i == winner) {
        continue;
      }
      Planned p = planned.get(i);
      ExperimentRunner.Attempt a = attempts.get(i);
      Judge.Decision d = decisions.get(i);
      String status;
      String reason;
      Double delta = null;
      if (d == null) {
        status = ExperimentLog.CRASHED;
        String why = a.crash(spec.budgetSeconds());
        reason = why + ": " + ExperimentRunner.tail(a.exec());
        crashes.add(
            String.format(
                Locale.ROOT,
                "#%d crashed (%s); %s%n%s",
                p.index(),
                why,
                p.fix() < spec.fixAttempts()
                    ? "a later round may fix it: give the whole change again with \"fixes\": "
                        + p.index()
                    : "it used its " + spec.fixAttempts() + " fix attempts",
                Tools.describe(a.exec())));
      } else {
        status = ExperimentLog.DISCARDED;
        delta = d.delta();
        reason =
            d.keep()
                ? String.format(
                    Locale.ROOT,
                    "discarded: it beat the best (%s) but #%d did better in the same round (%.6g),"
                        + " and a round keeps one change",
                    d.reason().substring(d.reason().indexOf(':') + 2),
                    planned.get(winner).index(),
                    attempts.get(winner).reading().value())
                : d.reason();
      }
      runner.record(
          p.index(),
          kept.e().id(),
          p.hypothesis(),
          p.summary(),
          status,
          a,
          best,
          delta,
          noise,
          reason,
          p.diff(),
          p.fix());
    }
    if (winner >= 0) {
      Planned p = planned.get(winner);
      runner.adopt(p.files());
      Judge.Decision d = decisions.get(winner);
      runner.record(
          p.index(),
          kept.e().id(),
          p.hypothesis(),
          p.summary(),
          ExperimentLog.KEPT,
          attempts.get(winner),
          best,
          d.delta(),
          noise,
          d.reason(),
          p.diff(),
          p.fix());
    }
    List<ExperimentTable.Row> round = new ArrayList<>(answered);
    ExperimentLog after = ExperimentLog.of(ctx.project(), ctx.runId(), spec);
    Set<Integer> indices = new HashSet<>();
    planned.forEach(p -> indices.add(p.index()));
    after.rows().stream()
        .filter(r -> r.seq() > kept.seq() && indices.contains(r.e().index()))
        .forEach(round::add);
    String outcome =
        winner >= 0
            ? ExperimentLog.KEPT
            : round.stream().anyMatch(r -> ExperimentLog.DISCARDED.equals(r.e().status()))
                ? ExperimentLog.DISCARDED
                : ExperimentLog.CRASHED;
    return ToolResult.end(outcome, describe(round, crashes));
  }

  private static String describe(List<ExperimentTable.Row> round, List<String> crashes) {
    StringBuilder sb = new StringBuilder("The round:\n");
    for (ExperimentTable.Row r : round) {
      sb.append(
          String.format(
              Locale.ROOT,
              "  #%d (%s) %s: %s%n",
              r.e().index(),
              r.e().id(),
              r.e().status(),
              r.e().reason()));
    }
    crashes.forEach(c -> sb.append(c).append('\n'));
    return sb.toString().strip();
  }

  /**
   * The kept files with one experiment's edits applied; the edited files' new contents go to the
   * blob store (content-addressed: a discarded attempt's files stay readable from its diff).
   */
  private static Map<String, FileVersion> applyEdits(
      ToolContext ctx, ExperimentSpec spec, Map<String, FileVersion> base, JsonNode edits) {
    if (edits == null || !edits.isArray() || edits.isEmpty()) {
      throw new IllegalArgumentException(
          "it needs \"edits\": a list of {path, old_text, new_text}.");
    }
    Map<String, FileVersion> files = new LinkedHashMap<>(base);
    Map<String, String> texts = new LinkedHashMap<>();
    for (JsonNode e : edits) {
      String path = e.path("path").asText("");
      Optional<String> refusal = ctx.writeRefusal(path);
      if (path.isBlank() || refusal.isPresent() || !spec.isEditable(path)) {
        throw new IllegalArgumentException(
            refusal.orElse(
                "'" + path + "' is not one of the editable files " + spec.editable() + "."));
      }
      String text = texts.get(path);
      if (text == null) {
        FileVersion v = files.get(path);
        text =
            v == null
                ? null
                : new String(
                    ctx.project().blobs().get(v.blobSha()).orElseThrow(), StandardCharsets.UTF_8);
      }
      if (e.hasNonNull("content")) {
        text = e.get("content").asText();
      } else {
        if (text == null) {
          throw new IllegalArgumentException(
              "'" + path + "' does not exist; give its whole \"content\" to create it.");
        }
        String old = e.path("old_text").asText("");
        if (old.isEmpty() || !e.has("new_text")) {
          throw new IllegalArgumentException(
              "an edit of '" + path + "' needs old_text and new_text, or content.");
        }
        int at = text.indexOf(old);
        if (at < 0) {
          throw new IllegalArgumentException("old_text was not found in '" + path + "'.");
        }
        if (text.indexOf(old, at + 1) >= 0) {
          throw new IllegalArgumentException(
              "old_text occurs more than once in '" + path + "'; give more context.");
        }
        text =
            text.substring(0, at) + e.get("new_text").asText() + text.substring(at + old.length());
      }
      texts.put(path, text);
    }
    texts.forEach(
        (path, text) -> {
          byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
          String sha = ctx.project().blobs().put(bytes);
          files.put(path, new FileVersion(path, 0, sha, bytes.length, false));
        });
    return files;
  }

  private static boolean isKept(ExperimentTable.Row r) {
    return ExperimentLog.KEPT.equals(r.e().status());
  }

  private static ExperimentTable.Row lastOf(ExperimentLog log, int index) {
    ExperimentTable.Row found = null;
    for (ExperimentTable.Row r : log.rows()) {
      if (r.e().index() == index) {
        found = r;
      }
    }
    return found;
  }

  /** The rows this reply already recorded: a round the process was killed in the middle of. */
  private static List<ExperimentTable.Row> rowsSinceReply(ToolContext ctx, ExperimentLog log) {
    long sinceReply = lastReply(ctx);
    return log.rows().stream().filter(r -> r.seq() > sinceReply && r.e().index() > 0).toList();
  }

  private static long lastReply(ToolContext ctx) {
    try (var s = ctx.project().events().stream(ctx.runId(), Set.of(EventType.MODEL_RESPONSE))) {
      return s.reduce((a, b) -> b).map(RecordedEvent::seq).orElse(0L);
    }
  }
}
