package org.benchwright.engine.workflow.automl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.benchwright.engine.agent.Check;
import org.benchwright.engine.automl.Leaderboard;
import org.benchwright.engine.automl.RunDataset;
import org.benchwright.engine.project.Datasets;
import org.benchwright.engine.project.Project;

/**
 * What an automl run trains on. Its input is the run file {@code automl.json} naming a dataset of
 * the project ({@code benchwright run --dataset NAME}, or the New Run dialog); the setup check
 * records the dataset as one of the run's files (a reference to the stored blob, not a copy), the
 * harness and the profile, and an AUTOML "profile" event that later steps read.
 */
final class AutoMlRun {

  static final String INPUT = "automl.json";
  static final String SETUP = "automl-setup";
  static final String TRAINED = "automl-trained";

  private static final ObjectMapper JSON = new ObjectMapper();

  private AutoMlRun() {}

  static Check.Result setup(Check.CheckContext ctx) {
    Project p = ctx.project();
    long runId = ctx.runId();
    if (RunDataset.of(p, runId).isPresent()) {
      return new Check.Result(true, "resumed: the dataset is recorded");
    }
    List<String> known = p.datasets().list().stream().map(Datasets.Dataset::name).toList();
    String knownText =
        known.isEmpty()
            ? "The project has no dataset: add one with `benchwright dataset add --project P"
                + " FILE.csv` or File ▸ Add Dataset…"
            : "Datasets in this project: " + String.join(", ", known) + ".";
    Optional<byte[]> input = p.files().fileAt(runId, INPUT, p.events().lastSeq(runId));
    if (input.isEmpty()) {
      return new Check.Result(
          false,
          "An automl run needs a dataset: start it with --dataset NAME (the run file "
              + INPUT
              + " names it). "
              + knownText);
    }
    String name;
    try {
      JsonNode j = JSON.readTree(input.get());
      name = j == null ? "" : j.path("dataset").asText("");
    } catch (IOException e) {
      return new Check.Result(false, INPUT + " is not JSON: " + e.getMessage());
    }
    Optional<Datasets.Dataset> found = p.datasets().find(name);
    if (found.isEmpty()) {
      return new Check.Result(false, "No dataset named '" + name + "'. " + knownText);
    }
    RunDataset.Recorded r = RunDataset.record(p, runId, found.get());
    return new Check.Result(true, "dataset " + r.dataset() + " recorded as " + r.dataPath());
  }

  /** After the trainer: the run goes on to the report only when some candidate has a score. */
  static Check.Result trained(Check.CheckContext ctx) {
    Leaderboard board = Leaderboard.of(ctx.project(), ctx.runId());
    if (board.best().isPresent()) {
      return new Check.Result(true, "best: " + board.best().get().name());
    }
    return new Check.Result(
        false,
        "No candidate has a score yet; the leaderboard:\n"
            + board.render()
            + "Fix what the messages name (features.py, the parameters) and train again, while"
            + " budget is left.");
  }
}
