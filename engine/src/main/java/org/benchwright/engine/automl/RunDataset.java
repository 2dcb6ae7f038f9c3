package org.benchwright.engine.automl;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.benchwright.engine.project.Datasets;
import org.benchwright.engine.project.Event;
import org.benchwright.engine.project.EventPayload.AutoMl;
import org.benchwright.engine.project.EventType;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.project.RunFiles;

/**
 * The dataset an automl run trains on, as the run records it: the file among the run's files (a
 * reference to the stored blob, not a copy), the harness and the profile beside it, and an AUTOML
 * "profile" event that every later step reads.
 */
public final class RunDataset {

  /** The profile among the run's files. */
  public static final String PROFILE_FILE = "profile.json";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** What the run recorded: the dataset's name, its run-file path, target, task and why. */
  public record Recorded(
      String dataset, String dataPath, String target, String task, String reason) {}

  private RunDataset() {}

  /** Records the dataset into a run that has none yet; returns what was recorded. */
  public static Recorded record(Project p, long runId, Datasets.Dataset d) {
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
    String detail =
        "target "
            + d.target()
            + " ("
            + d.task()
            + (d.targetChosen() ? ", chosen by the user" : "")
            + "): "
            + d.taskReason();
    p.events()
        .append(
            runId,
            Event.of(
                null, new AutoMl(Leaderboard.PROFILE, d.name(), Leaderboard.OK, detail, data)));
    return new Recorded(d.name(), path, d.target(), d.task(), d.taskReason());
  }

  public static Optional<Recorded> of(Project p, long runId) {
    try (var events = p.events().stream(runId, EnumSet.of(EventType.AUTOML))) {
      return events
          .map(e -> e.payload(AutoMl.class))
          .filter(a -> Leaderboard.PROFILE.equals(a.step()))
          .map(AutoMl::data)
          .map(
              d ->
                  new Recorded(
                      d.path("dataset").asText(),
                      d.path("file").asText(),
                      d.path("target").asText(),
                      d.path("task").asText(),
                      d.path("reason").asText()))
          .findFirst();
    }
  }

  /** The profile the run recorded. */
  public static Optional<Profile> profile(Project p, long runId) {
    return p.files()
        .fileAt(runId, PROFILE_FILE, p.events().lastSeq(runId))
        .map(b -> Profile.parse(new String(b, StandardCharsets.UTF_8)));
  }
}
