package org.benchwright.desktop.summary;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.benchwright.engine.project.EventPayload;
import org.benchwright.engine.project.EventPayload.ModelResponse;
import org.benchwright.engine.project.EventPayload.SandboxExec;
import org.benchwright.engine.project.EventPayload.ValidationVerdict;
import org.benchwright.engine.project.EventType;
import org.benchwright.engine.project.ProjectException.UnreadableEvent;
import org.benchwright.engine.project.RecordedEvent;

/**
 * What the run summary shows, folded from a run's events: tokens, cost and time per node, the time
 * each step took (since the event before it), sandbox execs, validation verdicts, and the outcome.
 *
 * @param nodes per node, in the order the run first entered them
 * @param steps the time each event waited for, downsampled to at most {@link #MAX_STEP_POINTS}
 * @param outcome the recorded outcome, or null while the run has not ended
 */
public record RunSummary(
    List<NodeTotals> nodes,
    List<StepTime> steps,
    long events,
    int execs,
    long execMillis,
    int verdictsPassed,
    int verdictsFailed,
    int truncatedReplies,
    int refusals,
    Outcome outcome) {

  /** More points than this cannot be told apart in a chart a few hundred pixels wide. */
  public static final int MAX_STEP_POINTS = 400;

  public static final RunSummary EMPTY = new Builder().build();

  public record NodeTotals(
      String node,
      long inputTokens,
      long outputTokens,
      double costUsd,
      int modelCalls,
      long millis) {

    public long tokens() {
      return inputTokens + outputTokens;
    }
  }

  /** The event at {@code seq} came {@code millis} after the event before it. */
  public record StepTime(long seq, EventType type, String node, long millis) {}

  public record Outcome(String status, String outcome, String reason) {

    public boolean passed() {
      return "SUCCEEDED".equals(status);
    }
  }

  public long inputTokens() {
    return nodes.stream().mapToLong(NodeTotals::inputTokens).sum();
  }

  public long outputTokens() {
    return nodes.stream().mapToLong(NodeTotals::outputTokens).sum();
  }

  public double costUsd() {
    return nodes.stream().mapToDouble(NodeTotals::costUsd).sum();
  }

  /**
   * Folds events in order. Not thread-safe: one loader feeds it, then hands {@link #build()}
   * snapshots to the FX thread.
   */
  public static final class Builder {

    private final Map<String, long[]> usage = new LinkedHashMap<>(); // in, out, calls, millis
    private final Map<String, Double> cost = new LinkedHashMap<>();
    private final List<StepTime> steps = new ArrayList<>();
    private Instant previous;
    private long lastSeq;
    private long events;
    private int execs;
    private long execMillis;
    private int passed;
    private int failed;
    private int truncated;
    private int refusals;
    private Outcome outcome;

    /** The seq of the last event folded (0 before any). */
    public long lastSeq() {
      return lastSeq;
    }

    public Builder add(RecordedEvent e) {
      if (e.seq() <= lastSeq) {
        return this; // already folded (an overlapping page)
      }
      lastSeq = e.seq();
      events++;
      long waited =
          previous == null
              ? 0
              : Math.max(0, e.timestamp().toEpochMilli() - previous.toEpochMilli());
      previous = e.timestamp();
      String node = e.node() == null ? "(run)" : e.node();
      steps.add(new StepTime(e.seq(), e.type(), node, waited));
      long[] u = usage.computeIfAbsent(node, n -> new long[4]);
      u[3] += waited;
      switch (e.type()) {
        case MODEL_RESPONSE -> {
          u[2]++;
          if (payload(e) instanceof ModelResponse p) {
            truncated += p.truncated() ? 1 : 0;
            refusals += p.refusal() != null ? 1 : 0;
            u[0] += p.inputTokens();
            u[1] += p.outputTokens();
            cost.merge(node, p.costUsd() == null ? 0.0 : p.costUsd(), Double::sum);
          }
        }
        case SANDBOX_EXEC -> {
          execs++;
          if (payload(e) instanceof SandboxExec x) {
            execMillis += x.durationMs();
          }
        }
        case VALIDATION_VERDICT -> {
          if (payload(e) instanceof ValidationVerdict v && v.passed()) {
            passed++;
          } else {
            failed++;
          }
        }
        case OUTCOME ->
            outcome =
                payload(e) instanceof EventPayload.Outcome o
                    ? new Outcome(text(o.status()), text(o.outcome()), text(o.reason()))
                    : new Outcome("", "", "");
        default -> {}
      }
      return this;
    }

    public RunSummary build() {
      List<NodeTotals> nodes = new ArrayList<>();
      usage.forEach(
          (node, u) ->
              nodes.add(
                  new NodeTotals(
                      node, u[0], u[1], cost.getOrDefault(node, 0.0), (int) u[2], u[3])));
      return new RunSummary(
          List.copyOf(nodes),
          downsample(steps),
          events,
          execs,
          execMillis,
          passed,
          failed,
          truncated,
          refusals,
          outcome);
    }

    /** Keeps the slowest step of each bucket: the spikes are what a reader looks for. */
    static List<StepTime> downsample(List<StepTime> all) {
      if (all.size() <= MAX_STEP_POINTS) {
        return List.copyOf(all);
      }
      List<StepTime> kept = new ArrayList<>(MAX_STEP_POINTS);
      double bucket = (double) all.size() / MAX_STEP_POINTS;
      for (int b = 0; b < MAX_STEP_POINTS; b++) {
        int from = (int) Math.floor(b * bucket);
        int to = (int) Math.min(all.size(), Math.floor((b + 1) * bucket));
        StepTime slowest = all.get(from);
        for (int i = from + 1; i < to; i++) {
          if (all.get(i).millis() > slowest.millis()) {
            slowest = all.get(i);
          }
        }
        kept.add(slowest);
      }
      return List.copyOf(kept);
    }

    private static EventPayload payload(RecordedEvent e) {
      try {
        return e.payload();
      } catch (UnreadableEvent ex) {
        // A payload we cannot read adds nothing to the totals; the timeline shows it as it is.
        return null;
      }
    }

    private static String text(String s) {
      return s == null ? "" : s;
    }
  }
}
