package org.benchwright.engine.workflow.engineer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.benchwright.engine.agent.AgentHarness;
import org.benchwright.engine.agent.Arguments;
import org.benchwright.engine.agent.DropBenchmark;
import org.benchwright.engine.agent.Tool;
import org.benchwright.engine.agent.ToolContext;
import org.benchwright.engine.agent.ToolResult;
import org.benchwright.engine.agent.WorkflowDefinition;
import org.benchwright.engine.model.ModelConfig;
import org.benchwright.engine.project.Event;
import org.benchwright.engine.project.EventType;
import org.benchwright.engine.project.NewRun;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.project.TodoItem;
import org.benchwright.engine.workflow.Workflows;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engineer's tools on bad input: clear messages, nothing recorded lost. No sandbox. */
class EngineerToolsTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static final String REFUSAL =
      "Simulated the plan twice: the plate tilted toward -x drops the ball into the pit every time.";

  @TempDir Path dir;
  Project project;
  long run;
  ToolContext ctx;
  final List<Tool> tools = new EngineerWorkflow().tools();

  @BeforeEach
  void open() {
    project = Project.create(dir.resolve("t.bwproj"));
    run =
        project
            .runs()
            .create(new NewRun("engineer", "t", ModelConfig.of("scripted", "x").toJson()))
            .id();
    ctx =
        new ToolContext(
            project,
            run,
            "engineer",
            () -> {
              throw new AssertionError("bad input must be refused before the sandbox is used");
            },
            List.of("done"));
    project
        .plans()
        .revise(run, "planner", "Tilt toward -x.", List.of(new TodoItem("build it", "todo", null)));
  }

  @AfterEach
  void close() {
    project.close();
  }

  ToolResult call(String tool, String args) throws Exception {
    Tool t = tools.stream().filter(x -> x.name().equals(tool)).findFirst().orElseThrow();
    JsonNode a = JSON.readTree(args);
    String problem = Arguments.problem(t.spec().parameters(), a);
    return problem != null ? ToolResult.error(problem) : t.run(ctx, a);
  }

  long verdict(boolean passed) {
    return project
        .events()
        .append(
            run,
            Event.of(
                EventType.VALIDATION_VERDICT,
                "engineer",
                "{\"check\":\"simulate\",\"passed\":"
                    + passed
                    + ",\"report\":\"variant 1: failure (forbid_contact)\"}"));
  }

  @Test
  void aRefusalWithoutEvidenceIsReturnedToTheModelAndChangesNothing() throws Exception {
    ToolResult r =
        call("refuse_plan", AgentHarness.args("document", REFUSAL, "evidence", List.of()));
    assertThat(r.error()).isTrue();
    assertThat(r.outcome()).isNull();
    assertThat(r.text())
        .contains("A refusal needs evidence")
        .contains("This run has no failed verdict yet: try the plan with simulate");
    assertThat(project.plans().latest(run).orElseThrow().revision()).isEqualTo(1);
  }

  @Test
  void aRefusalCitingAnEventThatIsNoFailedVerdictIsRefusedNamingTheUsableOnes() throws Exception {
    long note = project.events().append(run, Event.of(EventType.NOTE, "engineer", "{}"));
    long passed = verdict(true);
    long failed = verdict(false);
    assertThat(
            call("refuse_plan", AgentHarness.args("document", REFUSAL, "evidence", List.of(note)))
                .text())
        .contains("Event #" + note + " is a NOTE, not a validation verdict")
        .contains("Failed verdicts of this run: #" + failed);
    assertThat(
            call("refuse_plan", AgentHarness.args("document", REFUSAL, "evidence", List.of(passed)))
                .text())
        .contains("a verdict that passed");
    assertThat(
            call("refuse_plan", AgentHarness.args("document", REFUSAL, "evidence", List.of(9999)))
                .text())
        .contains("Event #9999 does not exist in this run");
    assertThat(
            call(
                    "refuse_plan",
                    AgentHarness.args("document", "impossible", "evidence", List.of(failed)))
                .text())
        .contains("too short");
    assertThat(call("refuse_plan", AgentHarness.args("document", REFUSAL, "evidence", "41")).text())
        .contains("Argument 'evidence' must be an array");
    assertThat(project.plans().latest(run).orElseThrow().items().getFirst().status())
        .isEqualTo("todo");
  }

  @Test
  void evidenceFromBeforeTheCurrentPlanDoesNotCount() throws Exception {
    long old = verdict(false);
    long handOver =
        project
            .events()
            .append(
                run,
                Event.of(
                    EventType.NODE_TRANSITION,
                    "engineer",
                    "{\"from\":\"planner\",\"to\":\"engineer\",\"outcome\":\"planned\"}"));
    ToolResult r =
        call("refuse_plan", AgentHarness.args("document", REFUSAL, "evidence", List.of(old)));
    assertThat(r.error()).isTrue();
    assertThat(r.text())
        .contains(
            "Event #"
                + old
                + " was recorded before the planner handed over the current plan (at #"
                + handOver
                + ")")
        .contains("This run has no failed verdict yet");
    long fresh = verdict(false);
    assertThat(
            call("refuse_plan", AgentHarness.args("document", REFUSAL, "evidence", List.of(fresh)))
                .outcome())
        .isEqualTo(RefusePlanTool.OUTCOME);
  }

  @Test
  void aRefusalWithEvidenceEndsTheNodeAndMarksOpenItemsRefusedWithTheProof() throws Exception {
    long failed = verdict(false);
    ToolResult r =
        call("refuse_plan", AgentHarness.args("document", REFUSAL, "evidence", List.of(failed)));
    assertThat(r.error()).isFalse();
    assertThat(r.outcome()).isEqualTo(RefusePlanTool.OUTCOME);
    assertThat(r.text())
        .contains(REFUSAL)
        .contains("#" + failed + " simulate")
        .contains("forbid_contact");
    TodoItem item = project.plans().latest(run).orElseThrow().items().getFirst();
    assertThat(item.status()).isEqualTo("refused");
    assertThat(item.proof()).contains("#" + failed);
  }

  @Test
  void simulateRefusesMalformedArgumentsWithTheRangeAllowed() throws Exception {
    assertThat(call("simulate", "{\"variants\": 0}").text())
        .contains("variants must be between 1 and 20; got 0");
    assertThat(call("simulate", "{\"seconds\": 45}").text())
        .contains("seconds must be greater than 0 and at most 30 (the hard cap); got 45");
    assertThat(call("simulate", "{\"variants\": \"five\"}").text())
        .contains("'variants' must be an integer");
    assertThat(call("simulate", "{\"speed\": 2}").text()).contains("Unknown argument 'speed'");
  }

  @Test
  void simulateSaysWhatIsMissingBeforeRunningAnything() throws Exception {
    assertThat(call("simulate", "{}").text())
        .contains(
            "This run has no benchmark/benchmark.json: it was not started on a stored benchmark");
    project
        .files()
        .write(
            run,
            "setup",
            "benchmark/benchmark.json",
            DropBenchmark.resource("drop-benchmark.json"));
    project
        .files()
        .write(run, "setup", "benchmark/scene.xml", DropBenchmark.resource("drop-scene.xml"));
    assertThat(call("simulate", "{}").text()).contains("No file 'solution/assembly.xml'");
    project
        .files()
        .write(
            run,
            "engineer",
            "solution/assembly.xml",
            "<mujoco><worldbody><body pos=\"0 0 0\"/></worldbody></mujoco>"
                .getBytes(StandardCharsets.UTF_8));
    ToolResult unnamed = call("simulate", "{}");
    assertThat(unnamed.error()).isTrue();
    assertThat(unnamed.text()).contains("needs a name");
    project
        .files()
        .write(
            run,
            "engineer",
            "solution/assembly.xml",
            "<mujoco><worldbody><bodi name=\"a\"/></worldbody></mujoco>"
                .getBytes(StandardCharsets.UTF_8));
    assertThat(call("simulate", "{}").text()).contains("breaks the MJCF schema").contains("line 1");
    // nothing was recorded as evidence for input the model must fix first
    assertThat(project.events().events(run, 1, 1000))
        .noneMatch(e -> e.type() == EventType.VALIDATION_VERDICT);
    assertThat(project.files().fileAt(run, "solution/assembly.xml", Long.MAX_VALUE)).isPresent();
  }

  @Test
  void theEngineerWorkflowAsksForPlanApprovalAndOffersRefusalOnlyThroughItsTool() {
    WorkflowDefinition w = Workflows.catalog().workflow("engineer");
    assertThat(w.setup()).isEqualTo("load-benchmark");
    assertThat(w.nodes().get("planner").planApproval()).isEqualTo("ask");
    assertThat(w.nodes().get("planner").visitLimit()).isEqualTo(4);
    assertThat(w.outcomesOf("engineer")).contains("refused");
    assertThat(w.edges().get("critic"))
        .containsAllEntriesOf(
            Map.of(
                "approved", "check:solution-acceptance",
                "refusal_confirmed", "planner",
                "refusal_rejected", "engineer"));
    // a critic reviewing a refusal can only confirm or reject it, and one reviewing a solution
    // can only approve or reject it
    assertThat(w.outcomesOf("critic", "refused"))
        .containsExactlyInAnyOrder("refusal_confirmed", "refusal_rejected");
    assertThat(w.outcomesOf("critic", "done")).containsExactlyInAnyOrder("approved", "rejected");
    assertThat(w.outcomesOf("critic", null)).hasSize(4);
    assertThat(
            Workflows.catalog().workflow("benchmark-generator").nodes().get("coder").visitLimit())
        .isEqualTo(WorkflowDefinition.DEFAULT_MAX_VISITS);
  }

  @Test
  void previewAndPricingRefuseBadInputWithTheFix() throws Exception {
    assertThat(call("preview", AgentHarness.args("path", "solution/none.stl")).text())
        .contains("No file 'solution/none.stl'");
    project
        .files()
        .write(
            run,
            "engineer",
            "solution/bad.stl",
            "solid x\nfacet normal 0 0 1\n".getBytes(StandardCharsets.UTF_8));
    ToolResult bad = call("preview", AgentHarness.args("path", "solution/bad.stl"));
    assertThat(bad.error()).isTrue();
    assertThat(bad.text()).contains("bad.stl");
    String part =
        AgentHarness.args("parts", List.of(Map.of("path", "solution/bad.stl", "material", "pla")));
    assertThat(call("validate_and_price", part).text())
        .contains("no benchmark/benchmark.json")
        .contains("Give the quantity");
    project
        .files()
        .write(
            run,
            "setup",
            "benchmark/benchmark.json",
            DropBenchmark.resource("drop-benchmark.json"));
    assertThat(call("validate_and_price", AgentHarness.args("parts", List.of())).text())
        .contains("List at least one part");
    assertThat(
            call(
                    "validate_and_price",
                    AgentHarness.args(
                        "parts",
                        List.of(
                            Map.of(
                                "path",
                                "solution/bad.stl",
                                "material",
                                "pla",
                                "process",
                                "laser"))))
                .text())
        .contains("must be one of [printing, cnc, injection_molding]");
    assertThat(call("validate_and_price", part).error()).isTrue();
    // a valid cube with an unknown material: the tables' message
    project.files().write(run, "engineer", "solution/cube.stl", cubeStl());
    assertThat(
            call(
                    "validate_and_price",
                    AgentHarness.args(
                        "parts",
                        List.of(Map.of("path", "solution/cube.stl", "material", "unobtainium"))))
                .text())
        .contains("unobtainium");
    assertThat(project.events().events(run, 1, 1000))
        .noneMatch(e -> e.type() == EventType.VALIDATION_VERDICT);
  }

  @Test
  void pricingAPartRecordsAVerdictAgainstTheBenchmarksCaps() throws Exception {
    project
        .files()
        .write(
            run,
            "setup",
            "benchmark/benchmark.json",
            DropBenchmark.resource("drop-benchmark.json"));
    project.files().write(run, "engineer", "solution/cube.stl", cubeStl());
    ToolResult r =
        call(
            "validate_and_price",
            AgentHarness.args(
                "parts",
                List.of(
                    Map.of(
                        "path", "solution/cube.stl", "material", "pla", "process", "printing"))));
    assertThat(r.error()).isFalse();
    assertThat(r.text())
        .contains("validate_and_price: PASSED")
        .contains("printing")
        .contains("caps: $200.00, 1500.0 g")
        .contains("Recorded as evidence event #");
    assertThat(project.events().events(run, 1, 1000))
        .filteredOn(e -> e.type() == EventType.VALIDATION_VERDICT)
        .singleElement()
        .satisfies(
            e ->
                assertThat(e.payloadJson())
                    .contains("\"passed\":true")
                    .contains("solution/cube.stl"));
    ToolResult preview = call("preview", AgentHarness.args("path", "solution/cube.stl"));
    assertThat(preview.text())
        .contains("12 triangles")
        .contains("watertight")
        .contains("previews/cube.png");
    assertThat(project.files().fileAt(run, "previews/cube.png", Long.MAX_VALUE)).isPresent();
  }

  /** A 10 mm cube as ASCII STL, outward-facing. */
  static byte[] cubeStl() {
    double[][] v = {
      {0, 0, 0},
      {10, 0, 0},
      {10, 10, 0},
      {0, 10, 0},
      {0, 0, 10},
      {10, 0, 10},
      {10, 10, 10},
      {0, 10, 10}
    };
    int[][] f = {
      {0, 2, 1}, {0, 3, 2}, {4, 5, 6}, {4, 6, 7}, {0, 1, 5}, {0, 5, 4}, {1, 2, 6}, {1, 6, 5},
      {2, 3, 7}, {2, 7, 6}, {3, 0, 4}, {3, 4, 7}
    };
    StringBuilder sb = new StringBuilder("solid cube\n");
    for (int[] t : f) {
      sb.append("facet normal 0 0 0\nouter loop\n");
      for (int i : t) {
        sb.append("vertex ")
            .append(v[i][0])
            .append(' ')
            .append(v[i][1])
            .append(' ')
            .append(v[i][2])
            .append('\n');
      }
      sb.append("endloop\nendfacet\n");
    }
    return sb.append("endsolid cube\n").toString().getBytes(StandardCharsets.UTF_8);
  }
}
