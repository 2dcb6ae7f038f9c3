package org.benchwright.engine.workflow.automl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.benchwright.engine.agent.Check;
import org.benchwright.engine.automl.DatasetImport;
import org.benchwright.engine.automl.Harness;
import org.benchwright.engine.automl.Leaderboard;
import org.benchwright.engine.automl.Profile;
import org.benchwright.engine.project.Datasets;
import org.benchwright.engine.project.Event;
import org.benchwright.engine.project.EventPayload.AutoMl;
import org.benchwright.engine.project.EventType;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.project.RunFiles;

/**
 * What an automl run trains on. Its input is the run file {@code automl.json} naming a dataset of
 * the project ({@code benchwright run --dataset NAME}, or the New Run dialog); the setup check
 * records the dataset as one of the run's files (a reference to the stored blob, not a copy), the
 * harness and the profile, and an AUTOML "profile" event that later steps read.
 */
final class AutoMlRun {

  static final String INPUT = "automl.json";
  static final String PROFILE_FILE = "profile.json";
  static final String SETUP = "automl-setup";
  static final String TRAINED = "automl-trained";

  private static final ObjectMapper JSON = new ObjectMapper();

  private AutoMlRun() {}

  /** The dataset as the setup check recorded it: its name, run-file path, target and task. */
  record Input(String dataset, String dataPath, String target, String task, String reason) {}

  static Optional<Input> recorded(Project p, long runId) {
    try (var events = p.events().stream(runId, EnumSet.of(EventType.AUTOML))) {
      return events
          .map(e -> e.payload(AutoMl.class))
          .filter(a -> Leaderboard.PROFILE.equals(a.step()))
          .map(a -> a.data())
          .map(
              d ->
                  new Input(
                      d.path("dataset").asText(),
                      d.path("file").asText(),
                      d.path("target").asText(),
                      d.path("task").asText(),
                      d.path("reason").asText()))
          .findFirst();
    }
  }

  static Optional<Profile> profile(Project p, long runId) {
    return p.files()
        .fileAt(runId, PROFILE_FILE, p.events().lastSeq(runId))
        .map(b -> Profile.parse(new String(b, StandardCharsets.UTF_8)));
  }

  static Check.Result setup(Check.CheckContext ctx) {
    Project p = ctx.project();
    long runId = ctx.runId();
    if (recorded(p, runId).isPresent()) {
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
    Datasets.Dataset d = found.get();
    String path = DatasetImport.FOLDER + d.fileName();
    p.files().record(runId, null, List.of(new RunFiles.Change(path, d.sha256(), d.size(), false)));
    p.files().write(runId, null, Harness.FILE, Harness.code());
    p.files().write(runId, null, PROFILE_FILE, d.profile().getBytes(StandardCharsets.UTF_8));
    ObjectNode data =
        JSON.createObjectNode()
            .put("dataset", d.name())
            .put("file", path)
            .put("sha256", d.sha256())
            .put("size", d.size())
            .put("rows", d.rows())
            .put("columns", d.columns())
            .put("target", d.target())
            .put("task", d.task())
            .put("reason", d.taskReason())
            .put("target_chosen", d.targetChosen());
    p.events()
        .append(
            runId,
            Event.of(
                null,
                new AutoMl(
                    Leaderboard.PROFILE,
                    d.name(),
                    Leaderboard.OK,
                    "target "
                        + d.target()
                        + " ("
                        + d.task()
                        + (d.targetChosen() ? ", chosen by the user" : "")
                        + "): "
                        + d.taskReason(),
                    data)));
    return new Check.Result(true, "dataset " + d.name() + " recorded as " + path);
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
