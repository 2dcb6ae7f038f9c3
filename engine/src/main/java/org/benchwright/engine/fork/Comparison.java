package org.benchwright.engine.fork;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.benchwright.engine.project.EventPayload;
import org.benchwright.engine.project.EventType;
import org.benchwright.engine.project.FileVersion;
import org.benchwright.engine.project.Lineage;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.project.RecordedEvent;
import org.benchwright.engine.project.RunInfo;

/**
 * Two runs side by side (ADR 0040): where their histories part (the fork point, for a run and its
 * fork or two forks of one run), the steps of each after it aligned one to one, how each ended,
 * what each spent, and how their files differ.
 *
 * @param a the first run
 * @param b the second
 * @param sharedTo the last step both share (0 for runs that share nothing)
 * @param steps the events after {@code sharedTo}, the n-th of each side together (a side that ended
 *     sooner has nulls)
 */
public record Comparison(Side a, Side b, long sharedTo, List<Step> steps) {

  /** Steps shown at most; a comparison of two long runs reads the rest by seq. */
  public static final int MAX_STEPS = 10_000;

  /**
   * One run's side.
   *
   * @param outcome how it ended (passed, failed, ...); null while it has not
   * @param lastSeq its newest event
   * @param modelCalls the model calls answered after the shared part; the tokens and cost are
   *     theirs, so a parent's side does not count what its fork shares
   */
  public record Side(
      RunInfo run,
      String outcome,
      String reason,
      long lastSeq,
      long modelCalls,
      long inputTokens,
      long outputTokens,
      double costUsd) {}

  /** The n-th event after the fork point on each side; either may be null. */
  public record Step(RecordedEvent a, RecordedEvent b) {}

  /**
   * How a file differs between two steps.
   *
   * @param change added, removed, changed or same
   * @param unifiedDiff for a changed text file, its unified diff; null otherwise
   */
  public record FileDiff(
      String path, String change, FileVersion a, FileVersion b, String unifiedDiff) {}

  /**
   * Compares two runs.
   *
   * @throws IllegalArgumentException when either run does not exist
   */
  public static Comparison of(Project project, long a, long b) {
    if (a == b) {
      throw new IllegalArgumentException(
          "Compare two different runs, not run " + a + " with itself.");
    }
    RunInfo runA = require(project, a);
    RunInfo runB = require(project, b);
    long shared = sharedTo(project.runs().lineage(a), project.runs().lineage(b));
    List<Step> steps = new ArrayList<>();
    // A side's FORK event is where it branched, not a step it took: leaving it out lines up the
    // first model call of a fork with its parent's.
    var left = afterPoint(project, a, shared).iterator();
    var right = afterPoint(project, b, shared).iterator();
    while (left.hasNext() || right.hasNext()) {
      steps.add(
          new Step(left.hasNext() ? left.next() : null, right.hasNext() ? right.next() : null));
    }
    return new Comparison(
        side(project, runA, shared), side(project, runB, shared), shared, List.copyOf(steps));
  }

  private static java.util.stream.Stream<RecordedEvent> afterPoint(
      Project project, long run, long shared) {
    return project.events().stream(run, shared + 1)
        .filter(e -> !(e.seq() == shared + 1 && e.type() == EventType.FORK))
        .limit(MAX_STEPS);
  }

  /** The last step two histories share: as long as they read the same run's same events. */
  static long sharedTo(List<Lineage.Segment> a, List<Lineage.Segment> b) {
    long shared = 0;
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      Lineage.Segment x = a.get(i);
      Lineage.Segment y = b.get(i);
      if (x.runId() != y.runId() || x.from() != y.from()) {
        break;
      }
      shared = Math.min(x.to(), y.to());
      if (x.to() != y.to()) {
        break;
      }
    }
    return shared;
  }

  /** A side's spending counts only what it did after the shared part, from its model replies. */
  private static Side side(Project project, RunInfo run, long shared) {
    Optional<String[]> outcome = project.runs().outcome(run.id());
    long[] calls = new long[3];
    double[] cost = new double[1];
    try (var replies =
        project.events().stream(run.id(), shared + 1, java.util.Set.of(EventType.MODEL_RESPONSE))) {
      replies.forEach(
          e -> {
            EventPayload.ModelResponse r = e.payload(EventPayload.ModelResponse.class);
            calls[0]++;
            calls[1] += r.inputTokens();
            calls[2] += r.outputTokens();
            cost[0] += r.costUsd() == null ? 0 : r.costUsd();
          });
    }
    return new Side(
        run,
        outcome.map(o -> o[0]).orElse(null),
        outcome.map(o -> o[1]).orElse(null),
        project.events().lastSeq(run.id()),
        calls[0],
        calls[1],
        calls[2],
        cost[0]);
  }

  /**
   * How the files of run {@code a} after step {@code seqA} differ from those of run {@code b} after
   * {@code seqB}, by path; unchanged files are left out unless {@code withSame}.
   */
  public static List<FileDiff> files(
      Project project, long a, long seqA, long b, long seqB, boolean withSame) {
    Map<String, FileVersion> left = project.files().filesAt(a, seqA);
    Map<String, FileVersion> right = project.files().filesAt(b, seqB);
    TreeSet<String> paths = new TreeSet<>(left.keySet());
    paths.addAll(right.keySet());
    List<FileDiff> diffs = new ArrayList<>();
    for (String path : paths) {
      FileVersion x = left.get(path);
      FileVersion y = right.get(path);
      if (x == null) {
        diffs.add(new FileDiff(path, "added", null, y, null));
      } else if (y == null) {
        diffs.add(new FileDiff(path, "removed", x, null, null));
      } else if (x.blobSha().equals(y.blobSha())) {
        if (withSame) {
          diffs.add(new FileDiff(path, "same", x, y, null));
        }
      } else {
        diffs.add(new FileDiff(path, "changed", x, y, unified(project, path, x, y)));
      }
    }
    return diffs;
  }

  /** The files of the two runs at their ends. */
  public List<FileDiff> filesAtEnd(Project project) {
    return files(project, a.run().id(), a.lastSeq(), b.run().id(), b.lastSeq(), false);
  }

  /** A unified diff of two text versions; null when either is binary or larger than 1 MiB. */
  private static String unified(Project project, String path, FileVersion x, FileVersion y) {
    if (x.size() > 1 << 20 || y.size() > 1 << 20 || x.symlink() || y.symlink()) {
      return null;
    }
    Optional<List<String>> before = text(project, x);
    Optional<List<String>> after = text(project, y);
    if (before.isEmpty() || after.isEmpty()) {
      return null;
    }
    List<String> lines =
        UnifiedDiffUtils.generateUnifiedDiff(
            "a/" + path, "b/" + path, before.get(), DiffUtils.diff(before.get(), after.get()), 3);
    return String.join("\n", lines) + "\n";
  }

  private static Optional<List<String>> text(Project project, FileVersion v) {
    Optional<byte[]> bytes = project.blobs().get(v.blobSha());
    if (bytes.isEmpty()) {
      return Optional.empty();
    }
    try {
      String s =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .decode(java.nio.ByteBuffer.wrap(bytes.get()))
              .toString();
      return s.indexOf('\0') >= 0 ? Optional.empty() : Optional.of(s.lines().toList());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }

  /** What the two runs spent and how they ended, in a few lines. */
  public String summary() {
    StringBuilder sb = new StringBuilder();
    sb.append(
        sharedTo == 0
            ? "The runs share no history.\n"
            : "Shared history: events 1 to " + sharedTo + ".\n");
    for (Side s : List.of(a, b)) {
      sb.append(
          String.format(
              java.util.Locale.ROOT,
              "run %d%s: %s; %d events after the fork point, %d model calls, %d in / %d out"
                  + " tokens, $%.4f%s%n",
              s.run().id(),
              s.run().parentRunId() == null
                  ? ""
                  : " (fork of run " + s.run().parentRunId() + " at " + s.run().forkSeq() + ")",
              s.outcome() == null
                  ? s.run().status().name().toLowerCase(java.util.Locale.ROOT)
                  : s.outcome(),
              Math.max(0, s.lastSeq() - sharedTo),
              s.modelCalls(),
              s.inputTokens(),
              s.outputTokens(),
              s.costUsd(),
              s.reason() == null ? "" : " — " + firstLine(s.reason())));
    }
    return sb.toString();
  }

  private static String firstLine(String text) {
    String line = text.strip().lines().findFirst().orElse("");
    return line.length() > 160 ? line.substring(0, 159) + "…" : line;
  }

  private static RunInfo require(Project project, long id) {
    return project
        .runs()
        .find(id)
        .orElseThrow(() -> new IllegalArgumentException("No run " + id + " in this project."));
  }
}
