package org.benchwright.engine.workflow.automl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.benchwright.engine.agent.Tool;
import org.benchwright.engine.agent.ToolContext;
import org.benchwright.engine.agent.ToolResult;
import org.benchwright.engine.automl.RunDataset;
import org.benchwright.engine.project.Datasets;
import org.benchwright.engine.project.NewRun;
import org.benchwright.engine.project.Project;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The automl tools' answers to bad input, in a real project file: each is an error the model reads,
 * nothing runs in a sandbox (none is given) and nothing recorded changes.
 */
class AutoMlToolsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  static final String PROFILE =
      "{\"format\":\"csv\",\"rows\":3,\"columns\":[{\"name\":\"a\",\"type\":\"numeric\"},"
          + "{\"name\":\"y\",\"type\":\"numeric\"}],\"target\":{\"name\":\"y\","
          + "\"task\":\"binary\",\"reason\":\"2 distinct values\"}}";

  static final String PLAN =
      "{\"target\": \"y\", \"task\": \"binary\", \"metric\": \"roc_auc\", \"folds\": 3,"
          + " \"seed\": 0, \"budget_seconds\": 20,"
          + " \"candidates\": [{\"name\": \"lin\", \"model\": \"linear\"}]}";

  @TempDir Path dir;
  private Project p;
  private long run;

  @BeforeEach
  void create() {
    p = Project.create(dir.resolve("p.bwproj"));
    run = p.runs().create(new NewRun("automl", "t", "{}")).id();
  }

  @org.junit.jupiter.api.AfterEach
  void close() {
    p.close();
  }

  private void withDataset() {
    String sha = p.blobs().put("a,y\n1,0\n2,1\n3,0\n".getBytes(StandardCharsets.UTF_8));
    Datasets.Dataset d =
        p.datasets()
            .add(
                new Datasets.NewDataset(
                    "tiny", "tiny.csv", "csv", sha, 16, 3, 2, PROFILE, "y", "binary", "r", false));
    RunDataset.record(p, run, d);
  }

  private ToolResult call(String name, String args) throws Exception {
    Tool tool =
        AutoMlTools.all().stream()
            .filter(t -> t.spec().name().equals(name))
            .findFirst()
            .orElseThrow();
    ToolContext ctx =
        new ToolContext(
            p,
            run,
            "planner",
            () -> {
              throw new AssertionError("no sandbox in these cases");
            },
            List.of("planned"));
    return tool.run(ctx, JSON.readTree(args));
  }

  @Test
  void everyToolRefusesARunWithoutADataset() throws Exception {
    for (String tool :
        List.of("dataset_profile", "default_plan", "propose_plan", "train_candidates")) {
      ToolResult r = call(tool, "{\"plan\": \"{}\", \"rationale\": \"x\"}");
      assertThat(r.error()).as(tool).isTrue();
      assertThat(r.text()).isEqualTo("This run has no dataset; these tools belong to automl.");
    }
  }

  @Test
  void aPlanThatDoesNotFitTheDataIsRefusedAndNothingIsRecorded() throws Exception {
    withDataset();
    long before = p.events().lastSeq(run);
    assertThat(call("propose_plan", args(PLAN.replace("\"y\"", "\"label\""))).text())
        .isEqualTo("The plan's target 'label' is not a column; the columns: [a, y]");
    assertThat(
            call(
                    "propose_plan",
                    args(PLAN.replace("\"seed\": 0,", "\"seed\": 0, \"drop\": [\"b\"],")))
                .text())
        .isEqualTo("The plan drops 'b', which is not a column.");
    assertThat(
            call(
                    "propose_plan",
                    args(PLAN.replace("\"seed\": 0,", "\"seed\": 0, \"features_code\": \"f.py\",")))
                .text())
        .contains("features_code f.py, which is not among the run's files");
    assertThat(call("propose_plan", args("{\"target\": ")).text())
        .startsWith("The plan is not JSON");
    assertThat(p.events().lastSeq(run)).isEqualTo(before);
    assertThat(p.plans().latest(run)).isEmpty();
  }

  @Test
  void trainingNeedsAPlanAndKnownCandidates() throws Exception {
    withDataset();
    assertThat(call("train_candidates", "{}").text()).isEqualTo("The run has no plan.");
    ToolResult proposed = call("propose_plan", args(PLAN));
    assertThat(proposed.error()).as(proposed.text()).isFalse();
    assertThat(p.plans().latest(run).orElseThrow().planText()).contains("Rationale: because");
    long before = p.events().lastSeq(run);
    assertThat(call("train_candidates", "{\"names\": [\"lgbm\"]}").text())
        .isEqualTo("No candidate 'lgbm' in the plan; it has [lin]");
    assertThat(p.events().lastSeq(run)).isEqualTo(before);
    // An ensemble of nothing is a recorded row with its reason, not a sandbox command.
    assertThat(call("build_ensemble", "{}").text())
        .contains("ensemble: invalid — an ensemble needs at least two scored candidates");
  }

  private static String args(String plan) {
    return JSON.createObjectNode().put("plan", plan).put("rationale", "because").toString();
  }
}
