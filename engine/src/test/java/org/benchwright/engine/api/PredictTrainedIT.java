package org.benchwright.engine.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.benchwright.engine.automl.AutoMlPlan;
import org.benchwright.engine.automl.DatasetImport;
import org.benchwright.engine.automl.Examples;
import org.benchwright.engine.automl.Leaderboard;
import org.benchwright.engine.automl.MlSandbox;
import org.benchwright.engine.automl.RunDataset;
import org.benchwright.engine.automl.Training;
import org.benchwright.engine.model.ModelConfig;
import org.benchwright.engine.project.Datasets;
import org.benchwright.engine.project.NewRun;
import org.benchwright.engine.sandbox.RunSandbox;
import org.benchwright.engine.sandbox.Sandboxes;
import org.benchwright.testsupport.DockerRequired;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** One real prediction through the service, with a model the engine's training really made. */
@ExtendWith(DockerRequired.class)
class PredictTrainedIT {

  @TempDir Path dir;

  @Test
  void aTrainedModelPredictsTheRowsItIsSent() throws Exception {
    try (ApiFixture api = ApiFixture.start(dir)) {
      long run =
          api.project
              .runs()
              .create(new NewRun("automl", "irises", ModelConfig.of("openai", "gpt-x").toJson()))
              .id();
      Path csv;
      // The test's own sandboxes are closed before the service starts its own for the project.
      try (Sandboxes boxes =
          Sandboxes.start(Sandboxes.Settings.forProject(api.project, "automl").withWarmPool(0))) {
        MlSandbox ml = MlSandbox.of(boxes);
        csv = Examples.write(ml, "iris", dir);
        Datasets.Dataset d = new DatasetImport(api.project, ml).add(csv, null, null);
        RunDataset.Recorded recorded = RunDataset.record(api.project, run, d);
        AutoMlPlan plan =
            AutoMlPlan.parse(
                """
                {"target": "%s", "task": "%s", "metric": "accuracy", "folds": 3, "seed": 0,
                 "budget_seconds": 30,
                 "candidates": [{"name": "linear", "model": "linear", "params": {"C": 1.0}}]}
                """
                    .formatted(d.target(), d.task()));
        try (RunSandbox box =
            new RunSandbox(
                api.project,
                run,
                boxes.open("run-" + run, boxes.defaults().withImage(MlSandbox.IMAGE)))) {
          new Training(api.project, run, "trainer", () -> box, recorded.dataPath())
              .train(plan, List.of());
        }
      }
      Leaderboard.Row linear = Leaderboard.of(api.project, run).row("linear").orElseThrow();
      assertThat(linear.status()).as(linear.detail()).isEqualTo(Leaderboard.OK);

      // Three rows of the file, without the target, as JSON.
      List<String> lines = Files.readAllLines(csv);
      List<String> header = List.of(lines.get(0).split(","));
      List<Map<String, Object>> rows = new ArrayList<>();
      List<String> truth = new ArrayList<>();
      for (String line : List.of(lines.get(1), lines.get(60), lines.get(140))) {
        String[] cells = line.split(",");
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < cells.length; i++) {
          if (header.get(i).equals("target")) {
            truth.add(cells[i]);
          } else {
            row.put(header.get(i), Double.parseDouble(cells[i]));
          }
        }
        rows.add(row);
      }
      RecordedState before = RecordedState.of(api.project);
      var r = api.post("/predict", Map.of("run", run, "rows", rows));
      assertThat(r.status()).as(r.body()).isEqualTo(200);
      JsonNode body = r.json();
      assertThat(body.get("model").asText()).isEqualTo("linear");
      assertThat(body.get("task").asText()).isEqualTo("multiclass");
      assertThat(body.get("predictions"))
          .extracting(JsonNode::asText)
          .containsExactlyElementsOf(truth);
      assertThat(RecordedState.of(api.project)).isEqualTo(before);
    }
  }
}
