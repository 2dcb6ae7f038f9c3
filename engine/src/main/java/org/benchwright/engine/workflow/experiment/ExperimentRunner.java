package org.benchwright.engine.workflow.experiment;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.benchwright.engine.experiments.ExperimentTable;
import org.benchwright.engine.experiments.Metric;
import org.benchwright.engine.project.Event;
import org.benchwright.engine.project.EventPayload.Experiment;
import org.benchwright.engine.project.EventType;
import org.benchwright.engine.project.FileVersion;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.project.RunFiles;
import org.benchwright.engine.sandbox.ExecResult;
import org.benchwright.engine.sandbox.RunSandbox;
import org.benchwright.engine.sandbox.Termination;

/**
 * The mechanics of one experiment, shared by the setup (the baseline) and {@code run_experiment}:
 * run the command in the sandbox under the budget, read the metric, record the attempt with its
 * diff, and restore the kept files when an attempt is not kept.
 */
final class ExperimentRunner {

  /** Output kept in a crash's reason, so the table and the desktop show why. */
  private static final int REASON_TAIL = 600;

  private final Project project;
  private final long runId;
  private final String node;
  private final Supplier<RunSandbox> sandbox;
  private final ExperimentSpec spec;

  ExperimentRunner(
      Project project, long runId, String node, Supplier<RunSandbox> sandbox, ExperimentSpec spec) {
    this.project = project;
    this.runId = runId;
    this.node = node;
    this.sandbox = sandbox;
    this.spec = spec;
  }

  /** One run of the command: what it did, its SANDBOX_EXEC event, and the metric or why none. */
  record Attempt(ExecResult exec, long execSeq, Metric.Reading reading) {

    boolean ok() {
      return exec.succeeded() && reading.ok();
    }

    /** Why the attempt counts as a crash, in one sentence. */
    String crash(int budgetSeconds) {
      String why =
          switch (exec.termination()) {
            case TIMEOUT -> "ran past its " + budgetSeconds + " s budget; the sandbox killed it";
            case OUT_OF_MEMORY -> "ran out of memory; the kernel killed it";
            case OUTPUT_LIMIT -> "wrote more output than the sandbox allows; it was killed";
            case ENGINE_ERROR -> "the Docker engine failed while running it";
            case EXIT ->
                exec.exitCode() != null && exec.exitCode() != 0
                    ? "exited with code " + exec.exitCode()
                    : reading.problem();
          };
      return why;
    }
  }

  Attempt run() {
    String jsonFile = spec.metric().jsonFile();
    if (jsonFile != null
        && project
            .files()
            .versionAt(runId, jsonFile, project.events().lastSeq(runId))
            .isPresent()) {
      // An attempt that writes no metric file must not be read by the last one's.
      project.files().delete(runId, node, jsonFile);
    }
    long before = project.events().lastSeq(runId);
    ExecResult r =
        sandbox.get().run(node, spec.command(), Duration.ofSeconds(spec.budgetSeconds()));
    long execSeq;
    try (var execs = project.events().stream(runId, before + 1, Set.of(EventType.SANDBOX_EXEC))) {
      execSeq = execs.reduce((a, b) -> b).map(e -> e.seq()).orElse(0L);
    }
    byte[] json =
        jsonFile == null
            ? null
            : project.files().fileAt(runId, jsonFile, project.events().lastSeq(runId)).orElse(null);
    Metric.Reading reading = read(r, json);
    return new Attempt(r, execSeq, reading);
  }

  /** The tail of the command's output, for a crash's reason and for the model. */
  static String tail(ExecResult r) {
    String out = (r.stdoutText() + "\n" + r.stderrText()).strip();
    return out.length() <= REASON_TAIL ? out : "…" + out.substring(out.length() - REASON_TAIL);
  }

  /**
   * Records one attempt. {@code id} is commit-like: the same change tried twice gets two ids, as
   * the attempts are distinct in the log.
   */
  Experiment record(
      int index,
      String parent,
      String hypothesis,
      String summary,
      String status,
      Attempt a,
      Double best,
      Double delta,
      Double noise,
      String reason,
      String diff,
      int fixAttempt) {
    String diffSha =
        diff == null || diff.isEmpty()
            ? null
            : project.blobs().put(diff.getBytes(StandardCharsets.UTF_8));
    Experiment e =
        new Experiment(
            index,
            id(parent, index, fixAttempt, diffSha),
            parent,
            hypothesis,
            summary,
            status,
            a.ok() ? a.reading().value() : null,
            best,
            delta,
            noise,
            spec.metric().direction().name().toLowerCase(Locale.ROOT),
            reason,
            a.exec().duration().toMillis(),
            null,
            a.execSeq(),
            diffSha,
            fixAttempt);
    project.events().append(runId, Event.of(node, e));
    return e;
  }

  /**
   * Commit-like, as git's: a hash of the parent, the change and where the attempt stands in the run
   * (its ordinal among the run's attempts), so the same history replayed gets the same ids and a
   * replay's model requests match the recording's; within a run every attempt's id differs.
   */
  private String id(String parent, int index, int fix, String diffSha) {
    long ordinal;
    try (var rows = project.events().stream(runId, Set.of(EventType.EXPERIMENT))) {
      ordinal = rows.count();
    }
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(
          (parent + "/" + ordinal + "/" + index + "/" + fix + "/" + diffSha)
              .getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(md.digest()).substring(0, 7);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The editable files' change since the kept attempt, as a unified diff; empty when none. */
  String diffSince(ExperimentTable.Row kept) {
    return diff(
        project.files().filesAt(runId, kept.seq()),
        project.files().filesAt(runId, project.events().lastSeq(runId)));
  }

  /** The editable files' change from one set of file versions to another; empty when none. */
  String diff(Map<String, FileVersion> before, Map<String, FileVersion> after) {
    StringBuilder sb = new StringBuilder();
    for (String path : editablePaths(before, after)) {
      FileVersion b = before.get(path);
      FileVersion a = after.get(path);
      if (b != null && a != null && b.blobSha().equals(a.blobSha())) {
        continue;
      }
      List<String> old = lines(b == null ? null : project.blobs().get(b.blobSha()).orElse(null));
      List<String> neu = lines(a == null ? null : project.blobs().get(a.blobSha()).orElse(null));
      List<String> unified =
          UnifiedDiffUtils.generateUnifiedDiff(
              b == null ? "/dev/null" : "a/" + path,
              a == null ? "/dev/null" : "b/" + path,
              old,
              DiffUtils.diff(old, neu),
              3);
      if (unified.isEmpty()) {
        // Same text, other bytes (line endings): still a change worth naming.
        sb.append("Binary or whitespace-only change in ").append(path).append('\n');
      }
      unified.forEach(l -> sb.append(l).append('\n'));
    }
    return sb.toString();
  }

  /**
   * One run of the command on given file versions, in a session of its own (a round of parallel
   * experiments): nothing it writes becomes the run's files; a JSON metric file is read back.
   */
  Attempt runDetached(Map<String, FileVersion> files) {
    String jsonFile = spec.metric().jsonFile();
    List<FileVersion> in =
        files.values().stream()
            .filter(f -> jsonFile == null || !f.path().equals(jsonFile))
            .toList();
    RunSandbox.Detached d =
        sandbox
            .get()
            .runDetached(
                node,
                in,
                spec.command(),
                Duration.ofSeconds(spec.budgetSeconds()),
                jsonFile == null ? List.of() : List.of(jsonFile));
    return new Attempt(d.result(), d.execSeq(), read(d.result(), d.fetched().get(jsonFile)));
  }

  private Metric.Reading read(ExecResult r, byte[] json) {
    if (r.termination() != Termination.EXIT) {
      return new Metric.Reading(null, "the command did not finish");
    }
    if (spec.metric().regex() != null) {
      return spec.metric().read(r.stdoutText() + "\n" + r.stderrText(), null);
    }
    return spec.metric().read(null, json);
  }

  /**
   * Puts the editable files back as they were at the kept attempt; returns the paths restored. The
   * attempt's own files stay in the log at its seq.
   */
  List<String> restore(ExperimentTable.Row kept) {
    return adopt(project.files().filesAt(runId, kept.seq()));
  }

  /**
   * Makes the run's editable files those of {@code target} (restoring the kept ones, or taking a
   * parallel round's winner); returns the paths changed.
   */
  List<String> adopt(Map<String, FileVersion> target) {
    long now = project.events().lastSeq(runId);
    Map<String, FileVersion> current = project.files().filesAt(runId, now);
    List<RunFiles.Change> changes = new ArrayList<>();
    for (String path : editablePaths(target, current)) {
      FileVersion b = target.get(path);
      FileVersion a = current.get(path);
      if (b == null) {
        changes.add(RunFiles.Change.delete(path));
      } else if (a == null || !a.blobSha().equals(b.blobSha()) || a.symlink() != b.symlink()) {
        changes.add(new RunFiles.Change(path, b.blobSha(), b.size(), b.symlink()));
      }
    }
    if (!changes.isEmpty()) {
      project.files().record(runId, node, changes);
    }
    return changes.stream().map(RunFiles.Change::path).toList();
  }

  private Set<String> editablePaths(
      Map<String, FileVersion> before, Map<String, FileVersion> after) {
    Set<String> paths = new TreeSet<>();
    before.keySet().stream().filter(spec::isEditable).forEach(paths::add);
    after.keySet().stream().filter(spec::isEditable).forEach(paths::add);
    return paths;
  }

  private static List<String> lines(byte[] content) {
    if (content == null) {
      return List.of();
    }
    return List.of(new String(content, StandardCharsets.UTF_8).split("\n", -1));
  }
}
