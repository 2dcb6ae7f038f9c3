package org.benchwright.engine.workflow.experiment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.FileSystems;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.benchwright.engine.experiments.Metric;
import org.benchwright.engine.project.EventPayload;
import org.benchwright.engine.project.EventType;
import org.benchwright.engine.project.Project;

/**
 * What one experiment loop runs, from the {@value #FILE} at the top of the run's files: the files
 * the agent may edit, the command of one experiment, how its metric is read and which way is
 * better, the per-experiment budget, how often the baseline is measured, the minimum delta, the fix
 * attempts a crash gets, and when the loop stops (experiments, minutes, or never: until the user
 * stops it).
 *
 * <pre>{@code
 * {"editable": ["train.py"], "command": "python3 train.py",
 *  "metric": {"regex": "val_loss: ([0-9.]+)"}, "direction": "min",
 *  "budget_seconds": 300, "baseline_runs": 2, "min_delta": 0, "fix_attempts": 3,
 *  "stop": {"experiments": 20, "minutes": 120}, "parallel": 2}
 * }</pre>
 *
 * <p>{@code metric} may instead be {@code {"json_file": "metrics.json", "key": "val.loss"}}. {@code
 * parallel} is the most experiments one round of {@code run_experiments} runs at once; absent, the
 * sandbox slot count.
 */
public record ExperimentSpec(
    List<String> editable,
    String command,
    Metric metric,
    int budgetSeconds,
    int baselineRuns,
    double minDelta,
    int fixAttempts,
    Integer stopExperiments,
    Integer stopMinutes,
    Integer parallel) {

  /** The spec's file name in the run's files (read-only to the agent). */
  public static final String FILE = "experiment.json";

  /** The longest budget one experiment may have: the sandbox's own hard cap on a command. */
  public static final int MAX_BUDGET_SECONDS = 6 * 3600;

  static final String EXAMPLE =
      "{\"editable\": [\"train.py\"], \"command\": \"python3 train.py\", \"metric\": {\"regex\":"
          + " \"val_loss: ([0-9.]+)\"}, \"direction\": \"min\", \"budget_seconds\": 300,"
          + " \"stop\": {\"experiments\": 20}}";

  // Trailing text after the object is refused: it is usually a second, half-pasted spec.
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final Set<String> KEYS =
      Set.of(
          "editable",
          "command",
          "metric",
          "direction",
          "budget_seconds",
          "baseline_runs",
          "min_delta",
          "fix_attempts",
          "stop",
          "parallel");

  /** The most experiments one round may run at once, whatever the slots. */
  public static final int MAX_PARALLEL = 32;

  public ExperimentSpec {
    editable = List.copyOf(editable);
  }

  /**
   * Reads a spec.
   *
   * @throws IllegalArgumentException saying what is wrong, with an example of a good spec
   */
  public static ExperimentSpec parse(byte[] json) {
    JsonNode n;
    try {
      n = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw bad("is not valid JSON: " + e.getOriginalMessage());
    } catch (java.io.IOException e) {
      throw bad("cannot be read: " + e.getMessage());
    }
    if (n == null || !n.isObject()) {
      throw bad("must be a JSON object");
    }
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!KEYS.contains(k)) {
        throw bad("has an unknown key '" + k + "' (known: " + String.join(", ", sorted()) + ")");
      }
    }
    List<String> editable = new ArrayList<>();
    JsonNode e = n.get("editable");
    if (e != null && e.isTextual()) {
      editable.add(e.asText());
    } else if (e != null && e.isArray()) {
      for (JsonNode x : e) {
        if (!x.isTextual()) {
          throw bad("has an \"editable\" entry " + x + " that is not a string");
        }
        editable.add(x.asText());
      }
    } else if (e != null && !e.isNull()) {
      throw bad("has \"editable\" " + e + "; it must be a string or a list of strings");
    }
    if (editable.isEmpty() || editable.stream().anyMatch(String::isBlank)) {
      throw bad("needs \"editable\": the files (or globs) the agent may change");
    }
    for (String p : editable) {
      matcher(p); // refuses a malformed glob now, not at the first write
      if (p.equals(FILE)) {
        throw bad("cannot make " + FILE + " itself editable");
      }
    }
    String command = text(n, "command");
    if (command == null || command.isBlank()) {
      throw bad("needs \"command\": the shell command that runs one experiment");
    }
    JsonNode m = n.get("metric");
    if (m == null || !m.isObject()) {
      throw bad(
          "needs \"metric\": {\"regex\": \"...([0-9.]+)\"} or {\"json_file\": \"...\", \"key\":"
              + " \"...\"}");
    }
    Metric metric;
    try {
      metric =
          new Metric(
              text(m, "regex"),
              text(m, "json_file"),
              text(m, "key"),
              Metric.Direction.of(text(n, "direction")));
    } catch (IllegalArgumentException ex) {
      throw bad("has a bad metric: " + ex.getMessage());
    }
    int budget = integer(n, "budget_seconds", 300, 1, MAX_BUDGET_SECONDS);
    int baselines = integer(n, "baseline_runs", 2, 1, 20);
    int fixes = integer(n, "fix_attempts", 3, 0, 20);
    JsonNode md = n.get("min_delta");
    double minDelta = md == null || md.isNull() ? 0 : md.isNumber() ? md.asDouble() : -1;
    if (!(minDelta >= 0) || !Double.isFinite(minDelta)) {
      throw bad("has \"min_delta\" " + n.get("min_delta") + "; it must be a number ≥ 0");
    }
    Integer parallel = n.hasNonNull("parallel") ? integer(n, "parallel", 1, 1, MAX_PARALLEL) : null;
    Integer stopExperiments = null;
    Integer stopMinutes = null;
    JsonNode stop = n.get("stop");
    if (stop != null && !stop.isNull()) {
      if (!stop.isObject()) {
        throw bad("has \"stop\" that is not an object: {\"experiments\": N, \"minutes\": M}");
      }
      for (Iterator<String> it = stop.fieldNames(); it.hasNext(); ) {
        String k = it.next();
        if (!k.equals("experiments") && !k.equals("minutes")) {
          throw bad("has an unknown stop rule '" + k + "' (known: experiments, minutes)");
        }
      }
      if (stop.hasNonNull("experiments")) {
        stopExperiments = integer(stop, "experiments", 0, 1, 1_000_000);
      }
      if (stop.hasNonNull("minutes")) {
        stopMinutes = integer(stop, "minutes", 0, 1, 525_600);
      }
    }
    return new ExperimentSpec(
        editable,
        command,
        metric,
        budget,
        baselines,
        minDelta,
        fixes,
        stopExperiments,
        stopMinutes,
        parallel);
  }

  /** How many experiments a round runs at once, given the sandbox's slot count. */
  int parallelism(int slots) {
    return parallel != null ? parallel : Math.max(1, Math.min(slots, MAX_PARALLEL));
  }

  /** The spec as the setup recorded it for this run, once validated. */
  public static Optional<ExperimentSpec> recorded(Project project, long runId) {
    try (var notes = project.events().stream(runId, Set.of(EventType.NOTE))) {
      return notes
          .map(ev -> ev.payload(EventPayload.Note.class).fields())
          .filter(f -> "spec".equals(f.path("experiment").asText()))
          .findFirst()
          .map(
              f ->
                  parse(
                      f.get("spec").toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
  }

  /**
   * The note the setup records: the spec as it was read, so later edits to the file change nothing.
   */
  EventPayload.Note asNote(byte[] source) {
    ObjectNode o = JSON.createObjectNode();
    o.put("experiment", "spec");
    try {
      o.set("spec", JSON.readTree(source));
    } catch (java.io.IOException e) {
      throw new IllegalStateException("a parsed spec must read again", e);
    }
    return new EventPayload.Note(o);
  }

  /**
   * Whether the agent may change {@code path}: a run path as the run's files record it (relative,
   * '/'-separated, no empty, '.' or '..' part) that an editable pattern matches. Any other spelling
   * is refused, so that {@code data\prep.py} cannot pass {@code *.py} and then be written as {@code
   * data/prep.py}.
   */
  public boolean isEditable(String path) {
    if (path == null
        || path.isEmpty()
        || path.startsWith("/")
        || path.indexOf('\\') >= 0
        || Arrays.stream(path.split("/", -1))
            .anyMatch(s -> s.isEmpty() || s.equals(".") || s.equals(".."))) {
      return false;
    }
    Path p;
    try {
      p = Path.of(path);
    } catch (InvalidPathException e) {
      return false;
    }
    return editable.stream().anyMatch(g -> matcher(g).matches(p));
  }

  /** The stop rule in words. */
  String stopRule() {
    if (stopExperiments == null && stopMinutes == null) {
      return "until stopped";
    }
    List<String> parts = new ArrayList<>();
    if (stopExperiments != null) {
      parts.add(stopExperiments + " experiments");
    }
    if (stopMinutes != null) {
      parts.add(stopMinutes + " minutes");
    }
    return "after " + String.join(" or ", parts) + ", whichever comes first";
  }

  private static PathMatcher matcher(String glob) {
    try {
      return FileSystems.getDefault().getPathMatcher("glob:" + glob);
    } catch (IllegalArgumentException e) {
      throw bad(
          "has an editable pattern that is not a glob: '" + glob + "' (" + e.getMessage() + ")");
    }
  }

  private static String text(JsonNode n, String key) {
    JsonNode v = n.get(key);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw bad("has \"" + key + "\" " + v + "; it must be a string");
    }
    return v.asText();
  }

  private static int integer(JsonNode n, String key, int dflt, int min, int max) {
    JsonNode v = n.get(key);
    if (v == null || v.isNull()) {
      return dflt;
    }
    if (!v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < min || v.asInt() > max) {
      throw bad(
          "has \"" + key + "\" " + v + "; it must be a whole number from " + min + " to " + max);
    }
    return v.asInt();
  }

  private static List<String> sorted() {
    return KEYS.stream().sorted().toList();
  }

  private static IllegalArgumentException bad(String what) {
    return new IllegalArgumentException(FILE + " " + what + ". Example: " + EXAMPLE);
  }
}
