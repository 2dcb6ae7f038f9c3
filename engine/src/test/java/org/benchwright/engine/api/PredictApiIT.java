package org.benchwright.engine.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.benchwright.engine.automl.AutoMlPlan;
import org.benchwright.engine.automl.Harness;
import org.benchwright.engine.automl.Leaderboard;
import org.benchwright.engine.model.ModelConfig;
import org.benchwright.engine.project.Event;
import org.benchwright.engine.project.EventPayload.AutoMl;
import org.benchwright.engine.project.NewRun;
import org.benchwright.testsupport.DockerRequired;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Predictions through the service. The model here is a trained-model record as an automl run leaves
 * it (plan, harness, a candidate's AUTOML event with its feature schema, its model file), made
 * without training: what is tested is that rows are checked against that schema before anything
 * runs, and that rows that fit go on to the harness in the ml sandbox.
 */
@ExtendWith(DockerRequired.class)
class PredictApiIT {

  static final String PLAN =
      """
      {"target": "target", "task": "binary", "metric": "roc_auc", "folds": 3, "seed": 0,
       "budget_seconds": 30,
       "candidates": [{"name": "linear", "model": "linear", "params": {"C": 1.0}}]}
      """;

  static final String MODEL_FILE = "models/linear.pkl";

  @TempDir Path dir;

  /** An automl run's record of one trained candidate, written through the engine. */
  static long trainedRecord(ApiFixture api) {
    long run =
        api.project
            .runs()
            .create(new NewRun("automl", "tumours", ModelConfig.of("openai", "gpt-x").toJson()))
            .id();
    api.project
        .files()
        .write(run, "planner", AutoMlPlan.FILE, bytes(AutoMlPlan.parse(PLAN).text()));
    api.project.files().write(run, null, Harness.FILE, Harness.code());
    // Not a pickle: a prediction that reaches the harness is refused by it, which shows it got
    // there.
    api.project.files().write(run, "trainer", MODEL_FILE, bytes("not a pickle"));
    ObjectNode data = ApiServer.JSON.createObjectNode();
    data.put("model", "linear")
        .put("metric", "roc_auc")
        .put("direction", "max")
        .put("cv_mean", 0.97)
        .put("model_file", MODEL_FILE);
    var features = data.putArray("features");
    features.addObject().put("name", "radius").put("type", "numeric");
    features.addObject().put("name", "smooth").put("type", "boolean");
    features.addObject().put("name", "site").put("type", "categorical");
    features.addObject().put("name", "seen").put("type", "datetime");
    api.project
        .events()
        .append(
            run,
            Event.of(
                "trainer", new AutoMl(Leaderboard.CANDIDATE, "linear", Leaderboard.OK, "", data)));
    return run;
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static Map<String, Object> row(Object radius, Object smooth, Object site, Object seen) {
    Map<String, Object> m = new HashMap<>();
    m.put("radius", radius);
    m.put("smooth", smooth);
    m.put("site", site);
    m.put("seen", seen);
    return m;
  }

  static Map<String, Object> good() {
    return row(14.2, true, "left", "2024-03-01");
  }

  static Map<String, Object> predict(long run, List<Map<String, Object>> rows) {
    return Map.of("run", run, "rows", rows);
  }

  @Test
  void rowsThatDoNotFitTheFeaturesAreRefusedBeforeAnythingRuns() {
    try (ApiFixture api = ApiFixture.start(dir)) {
      long run = trainedRecord(api);
      RecordedState before = RecordedState.of(api.project);

      Map<String, Object> extra = good();
      extra.put("colour", "red");
      var unknown = api.post("/predict", predict(run, List.of(good(), extra)));
      assertThat(unknown.status()).isEqualTo(422);
      assertThat(unknown.contentType()).startsWith(ApiServer.PROBLEM);
      assertThat(unknown.json().get("detail").asText())
          .startsWith("rows[1]: 'colour' is not a feature of the model.")
          .contains(
              "The model linear takes: radius (numeric), smooth (boolean), site (categorical)");

      Map<String, Object> lacking = good();
      lacking.remove("site");
      var missing = api.post("/predict", predict(run, List.of(lacking)));
      assertThat(missing.status()).isEqualTo(422);
      assertThat(missing.json().get("detail").asText())
          .startsWith("rows[0]: feature 'site' is missing (give null for unknown)");

      var wrong =
          api.post(
              "/predict",
              predict(
                  run, List.of(row("big", true, "left", null), row(1, "yes", 3, "last tuesday"))));
      assertThat(wrong.status()).isEqualTo(422);
      assertThat(wrong.json().get("detail").asText())
          .startsWith(
              "rows[0]: feature 'radius' is numeric, so \"big\" does not fit (give a number)"
                  + " (and 3 more)");
      assertThat(wrong.json().get("errors"))
          .extracting(JsonNode::asText)
          .containsExactly(
              "rows[0]: feature 'radius' is numeric, so \"big\" does not fit (give a number)",
              "rows[1]: feature 'smooth' is boolean, so \"yes\" does not fit (give true or false)",
              "rows[1]: feature 'site' is categorical, so 3 does not fit (give a string)",
              "rows[1]: feature 'seen' is datetime, so \"last tuesday\" does not fit (give an"
                  + " ISO-8601 date or date-time string)");

      var noModel =
          api.post("/predict", Map.of("run", run, "model", "forest", "rows", List.of(good())));
      assertThat(noModel.status()).isEqualTo(422);
      assertThat(noModel.json().get("detail").asText())
          .isEqualTo("No model named 'forest' in this run; trained models: best, linear.");

      long plain =
          api.project
              .runs()
              .create(new NewRun("engineer", "t", ModelConfig.of("openai", "gpt-x").toJson()))
              .id();
      before = RecordedState.of(api.project);
      var untrained = api.post("/predict", predict(plain, List.of(good())));
      assertThat(untrained.status()).isEqualTo(422);
      assertThat(untrained.json().get("detail").asText()).contains("the run has trained none");

      var noRun = api.post("/predict", predict(999, List.of(good())));
      assertThat(noRun.status()).isEqualTo(404);
      assertThat(noRun.json().get("detail").asText()).isEqualTo("No run 999 in this project.");

      assertThat(RecordedState.of(api.project)).isEqualTo(before);
    }
  }

  @Test
  void requestsTheContractRefusesNeverReachTheModel() {
    try (ApiFixture api = ApiFixture.start(dir)) {
      long run = trainedRecord(api);
      RecordedState before = RecordedState.of(api.project);

      var empty = api.post("/predict", predict(run, List.of()));
      assertThat(empty.status()).isEqualTo(400);
      assertThat(empty.json().get("errors").toString()).contains("body /rows");

      var notRows = api.post("/predict", Map.of("run", run, "rows", "radius=1"));
      assertThat(notRows.status()).isEqualTo(400);
      assertThat(notRows.json().get("errors").toString()).contains("body /rows");

      var noRun = api.post("/predict", Map.of("rows", List.of(good())));
      assertThat(noRun.status()).isEqualTo(400);
      assertThat(noRun.json().get("errors").toString()).contains("run");

      var nested =
          api.post("/predict", predict(run, List.of(row(Map.of("v", 1), true, "l", null))));
      assertThat(nested.status()).isEqualTo(400);
      assertThat(nested.json().get("errors").toString()).contains("body /rows/0/radius");

      var extra = api.post("/predict", Map.of("run", run, "rows", List.of(good()), "proba", true));
      assertThat(extra.status()).isEqualTo(400);
      assertThat(extra.json().get("errors").toString()).contains("proba");

      var text = api.send("POST", "/predict", "radius,site\n1,a\n", "text/csv", api.token.value());
      assertThat(text.status()).isEqualTo(415);

      var anonymous =
          api.send(
              "POST",
              "/predict",
              ApiFixture.write(predict(run, List.of(good()))),
              "application/json",
              null);
      assertThat(anonymous.status()).isEqualTo(401);

      assertThat(RecordedState.of(api.project)).isEqualTo(before);
    }
  }

  @Test
  void rowsThatFitGoOnToTheHarnessInTheSandbox() {
    try (ApiFixture api = ApiFixture.start(dir)) {
      long run = trainedRecord(api);
      RecordedState before = RecordedState.of(api.project);
      var r =
          api.post(
              "/predict",
              predict(run, List.of(good(), row(null, false, null, "2024-03-01T10:00:00Z"))));
      // The record's model file is no pickle: only the harness, in the sandbox, can say so.
      assertThat(r.status()).as(r.body()).isEqualTo(422);
      assertThat(r.json().get("detail").asText())
          .isEqualTo(
              "rows.csv: models/linear.pkl is not a model saved by bw_automl: invalid load key, 'n'.");
      assertThat(r.json().get("detail").asText()).doesNotContain("is not a feature");
      assertThat(RecordedState.of(api.project)).isEqualTo(before);
    }
  }

  /**
   * A service that only reads the project predicts in sandboxes of its own, apart from the
   * writer's, and checks rows the same way first.
   */
  @Test
  void aServiceThatOnlyReadsTheProjectPredictsToo() throws Exception {
    try (ApiFixture api = ApiFixture.start(dir)) {
      long run = trainedRecord(api);
      RecordedState before = RecordedState.of(api.project);
      try (ReaderService reader = new ReaderService(api)) {
        Map<String, Object> lacking = good();
        lacking.remove("radius");
        var refused = reader.post("/predict", predict(run, List.of(lacking)));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("detail").asText())
            .startsWith("rows[0]: feature 'radius' is missing");

        var reached = reader.post("/predict", predict(run, List.of(good())));
        assertThat(reached.status()).as(reached.body()).isEqualTo(422);
        assertThat(reached.json().get("detail").asText())
            .contains("models/linear.pkl is not a model saved by bw_automl");
      }
      assertThat(RecordedState.of(api.project)).isEqualTo(before);
    }
  }
}
