package org.benchwright.engine.workflow.experiment;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.benchwright.engine.agent.Check;
import org.benchwright.engine.project.Event;
import org.benchwright.engine.project.FileVersion;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.project.RecordedEvent;

/**
 * The loop's two checks. {@code experiment-setup} reads and records the spec and, when the files
 * are there, measures the baseline. {@code keep-going} runs after every experiment: it passes
 * (another experiment) until the stop rule is reached, handing the agent the results table.
 */
final class LoopChecks {

  static final String SETUP = "experiment-setup";
  static final String KEEP_GOING = "keep-going";

  private LoopChecks() {}

  static Check.Result setup(Check.CheckContext ctx) {
    Project p = ctx.project();
    long now = p.events().lastSeq(ctx.runId());
    Optional<ExperimentSpec> recorded = ExperimentSpec.recorded(p, ctx.runId());
    ExperimentSpec spec;
    if (recorded.isPresent()) {
      spec = recorded.get(); // resumed during setup: the spec read then still holds
    } else {
      Optional<byte[]> source = p.files().fileAt(ctx.runId(), ExperimentSpec.FILE, now);
      if (source.isEmpty()) {
        return new Check.Result(
            false,
            "The experiment loop needs "
                + ExperimentSpec.FILE
                + " at the top of the run's files (import a folder that has one, or pass"
                + " --experiment FILE). Example: "
                + ExperimentSpec.EXAMPLE);
      }
      try {
        spec = ExperimentSpec.parse(source.get());
      } catch (IllegalArgumentException e) {
        return new Check.Result(false, e.getMessage());
      }
      p.events().append(ctx.runId(), Event.of(null, spec.asNote(source.get())));
    }
    Map<String, FileVersion> files = p.files().filesAt(ctx.runId(), now);
    boolean anyEditable = files.keySet().stream().anyMatch(spec::isEditable);
    if (!anyEditable) {
      boolean onlySpec = files.keySet().stream().allMatch(ExperimentSpec.FILE::equals);
      if (!onlySpec) {
        return new Check.Result(
            false,
            "None of the run's files matches the editable patterns "
                + spec.editable()
                + "; the files are: "
                + String.join(", ", files.keySet().stream().limit(30).toList())
                + (files.size() > 30 ? ", …" : "")
                + ".");
      }
      return new Check.Result(
          true,
          "No files yet: the agent writes them; its first run_experiment measures the baseline.");
    }
    ExperimentRunner runner = new ExperimentRunner(p, ctx.runId(), null, ctx.sandbox(), spec);
    Baseline.Result r =
        Baseline.measure(p, ctx.runId(), spec, runner, ExperimentLog.of(p, ctx.runId(), spec));
    if (!r.complete()) {
      return new Check.Result(
          false,
          "The baseline did not run: "
              + r.problem()
              + "\nThe command as given ("
              + spec.command()
              + ") must run on the imported files and print the metric; fix them or "
              + ExperimentSpec.FILE
              + " and start again.");
    }
    return new Check.Result(true, r.summary());
  }

  static Check.Result keepGoing(Check.CheckContext ctx) {
    Project p = ctx.project();
    ExperimentSpec spec = ExperimentSpec.recorded(p, ctx.runId()).orElseThrow();
    ExperimentLog log = ExperimentLog.of(p, ctx.runId(), spec);
    int done = log.experiments();
    Instant started =
        p.events().events(ctx.runId(), 1, 1).stream()
            .findFirst()
            .map(RecordedEvent::timestamp)
            .orElse(Instant.now());
    long minutes = Duration.between(started, Instant.now()).toMinutes();
    String table = log.render();
    if (spec.stopExperiments() != null && done >= spec.stopExperiments()) {
      return stop(
          "Stop rule reached: " + done + " of " + spec.stopExperiments() + " experiments.", table);
    }
    if (spec.stopMinutes() != null && minutes >= spec.stopMinutes()) {
      return stop(
          "Stop rule reached: " + minutes + " of " + spec.stopMinutes() + " minutes.", table);
    }
    String budget =
        spec.stopExperiments() == null
            ? ""
            : " (" + (spec.stopExperiments() - done) + " left of " + spec.stopExperiments() + ")";
    return new Check.Result(
        true,
        "Experiment #"
            + log.nextIndex()
            + " next"
            + budget
            + ". Editable: "
            + String.join(", ", spec.editable())
            + ". Propose one change, make it, then call run_experiment; or give several independent"
            + " changes to run_experiments to run them at once.\n\n"
            + table);
  }

  private static Check.Result stop(String why, String table) {
    return new Check.Result(
        false, why + " Write up what was learned: what worked, what did not, and why.\n\n" + table);
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
