package org.benchwright.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.benchwright.engine.model.ModelJson;
import org.benchwright.engine.project.Event;
import org.benchwright.engine.project.EventPayload;
import org.benchwright.engine.project.EventType;
import org.benchwright.engine.project.NewRun;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.project.RunInfo;
import org.benchwright.engine.project.TodoItem;

/**
 * Writes a run whose events cover every event type with the payloads the agent loop, the sandbox
 * and the project services record, in the proportions of a real engineer run (model responses and
 * tool traffic dominate). Used by the desktop benchmark (100,000 events) and the timeline tests.
 */
public final class SyntheticRun {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int BATCH = 5_000;

  private SyntheticRun() {}

  /** Creates a run of {@code workflow} on {@code task} with exactly {@code events} events. */
  public static RunInfo write(Project project, String workflow, String task, int events) {
    RunInfo run =
        project
            .runs()
            .create(
                new NewRun(workflow, task, "{\"provider\":\"scripted\",\"model\":\"bench-1\"}"));
    String stdout =
        project
            .blobs()
            .put(
                "volume 1.25e-4 m3\nwatertight: yes\n".repeat(40).getBytes(StandardCharsets.UTF_8));
    String stderr = project.blobs().put("warning: fn=0 is slow\n".getBytes(StandardCharsets.UTF_8));
    List<Event> batch = new ArrayList<>(BATCH);
    for (int i = 1; i <= events; i++) {
      EventType type = typeAt(i, events);
      if (type == EventType.FILE_CHANGE || type == EventType.TODO_CHANGE) {
        // Files and plans go through their services, which record the event with the rows the
        // code editor and the TODO panel read (file versions, plan revisions).
        project.events().appendAll(run.id(), batch);
        batch.clear();
        int cycle = (i - 2) / CYCLE.length + 1;
        String node = cycle % 2 == 0 ? "critic" : "engineer";
        if (type == EventType.FILE_CHANGE) {
          project.files().write(run.id(), node, "part.scad", scad(cycle));
        } else {
          project
              .plans()
              .revise(
                  run.id(),
                  node,
                  "Bracket, then fillet",
                  List.of(
                      new TodoItem("model the bracket", "done", null),
                      new TodoItem("add the fillet", cycle % 2 == 0 ? "done" : "doing", null)));
        }
      } else {
        batch.add(event(i, events, task, stdout, stderr));
      }
      if (batch.size() == BATCH || i == events) {
        project.events().appendAll(run.id(), batch);
        batch.clear();
      }
    }
    return run;
  }

  /** The seq of the first event of {@code type} in a synthetic run (RUN_STARTED is 1). */
  public static long firstSeqOf(EventType type) {
    if (type == EventType.RUN_STARTED) {
      return 1;
    }
    int k = java.util.Arrays.asList(CYCLE).indexOf(type);
    if (k < 0) {
      throw new IllegalArgumentException(type + " only ends a synthetic run");
    }
    return k + 2L;
  }

  private static EventType typeAt(int seq, int total) {
    if (seq == 1) {
      return EventType.RUN_STARTED;
    }
    if (seq == total) {
      return EventType.OUTCOME;
    }
    return CYCLE[(seq - 2) % CYCLE.length];
  }

  private static byte[] scad(int cycle) {
    return ("// bracket, revision "
            + cycle
            + "\nwall = 3;\nmodule bracket() {\n  difference() {\n    cube([40, 20, wall]);\n"
            + "    translate([10, 10, -1]) cylinder(d = 4, h = wall + 2, $fn = 32);\n  }\n}\n"
            + "bracket();\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** The event types in the order one cycle of the synthetic run records them. */
  static final EventType[] CYCLE = {
    EventType.NODE_TRANSITION,
    EventType.USER_MESSAGE,
    EventType.MODEL_REQUEST,
    EventType.MODEL_RESPONSE,
    EventType.TOOL_CALL,
    EventType.TOOL_RESULT,
    EventType.FILE_CHANGE,
    EventType.MODEL_REQUEST,
    EventType.MODEL_RESPONSE,
    EventType.TOOL_CALL,
    EventType.SANDBOX_EXEC,
    EventType.TOOL_RESULT,
    EventType.TODO_CHANGE,
    EventType.GATE_OPENED,
    EventType.GATE_DECIDED,
    EventType.VALIDATION_VERDICT,
    EventType.METRIC,
    EventType.ERROR,
    EventType.NOTE,
    EventType.TOOL_RESULT
  };

  private static Event event(int seq, int total, String task, String stdout, String stderr) {
    if (seq == 1) {
      ObjectNode model =
          JSON.createObjectNode().put("provider", "scripted").put("model", "bench-1");
      return Event.of(null, new EventPayload.RunStarted("engineer", task, model));
    }
    if (seq == total) {
      return Event.of(
          null, new EventPayload.Outcome("SUCCEEDED", "passed", "every seed validated"));
    }
    int k = (seq - 2) % CYCLE.length;
    int cycle = (seq - 2) / CYCLE.length + 1;
    String node = cycle % 2 == 0 ? "critic" : "engineer";
    String tool = k < 8 ? "write_file" : "run";
    EventPayload p =
        switch (CYCLE[k]) {
          case NODE_TRANSITION -> {
            ArrayNode tools = JSON.createArrayNode();
            tools.addObject().put("name", "write_file");
            yield new EventPayload.NodeTransition(
                node,
                "approved",
                "planner",
                "You are the " + node + ". Design a part that meets the constraints.",
                null,
                tools);
          }
          case USER_MESSAGE ->
              new EventPayload.UserMessage(
                  "Task: " + task + "\nCycle " + cycle + ": keep the mass under 120 g.");
          case MODEL_REQUEST -> new EventPayload.ModelRequest(cycle * 2 + k / 8, "f" + seq, 4 + k);
          case MODEL_RESPONSE ->
              new EventPayload.ModelResponse(
                  cycle * 2 + k / 8,
                  1200 + k,
                  300 + cycle % 50,
                  0.0031,
                  900L + k * 10,
                  1,
                  JSON.createArrayNode(),
                  "The bracket must carry 40 N; a 3 mm wall in PLA is enough with a fillet at the"
                      + " root.",
                  response(tool),
                  "TOOL_CALLS",
                  null);
          case TOOL_CALL ->
              new EventPayload.ToolCall(
                  "c" + seq,
                  tool,
                  k < 8
                      ? "{\"path\":\"part.scad\",\"content\":\"cube([20,10,3]);\"}"
                      : "{\"command\":\"openscad -o part.stl part.scad\"}");
          case TOOL_RESULT -> {
            boolean error = k == CYCLE.length - 1;
            yield new EventPayload.ToolResult(
                "c" + (seq - 1),
                error ? "run" : "write_file",
                error,
                error ? "unknown argument 'cmd'" : "wrote part.scad (18 bytes)",
                null);
          }
          case SANDBOX_EXEC ->
              new EventPayload.SandboxExec(
                  List.of("sh", "-c", "openscad -o part.stl part.scad"),
                  cycle % 3 == 0 ? 1 : 0,
                  1840,
                  "EXIT",
                  false,
                  false,
                  stdout,
                  stderr,
                  "volume 1.25e-4 m3\nwatertight: yes\n",
                  "warning: fn=0 is slow\n",
                  null,
                  JSON.createObjectNode().put("memory_mb", 1024));
          case GATE_OPENED ->
              new EventPayload.GateOpened("plan", JSON.createObjectNode().put("revision", cycle));
          case GATE_DECIDED ->
              new EventPayload.GateDecided(
                  seq - 1,
                  "plan",
                  cycle % 4 == 0 ? "rejected" : "approved",
                  "human",
                  "looks right",
                  null);
          case VALIDATION_VERDICT ->
              new EventPayload.ValidationVerdict(
                  "seeds",
                  cycle % 5 != 0,
                  cycle % 5 != 0 ? "all 8 seeds valid" : "seed 3: part intersects the goal zone");
          case METRIC -> new EventPayload.Metric("mass_g", 100 + cycle % 40);
          case ERROR ->
              new EventPayload.Failure("tool", "the sandbox refused a write outside /workspace");
          case NOTE ->
              EventPayload.Note.of("sandbox", "restarted", "reason", "the container had stopped");
          // FILE_CHANGE and TODO_CHANGE are recorded through their services by write().
          default -> throw new IllegalStateException(CYCLE[k].name());
        };
    return Event.of(CYCLE[k] == EventType.VALIDATION_VERDICT ? null : node, p);
  }

  private static final String WRITE_RESPONSE = responseJson("write_file");
  private static final String RUN_RESPONSE = responseJson("run");

  private static String response(String tool) {
    return tool.equals("run") ? RUN_RESPONSE : WRITE_RESPONSE;
  }

  private static String responseJson(String tool) {
    ToolExecutionRequest call =
        ToolExecutionRequest.builder()
            .id("c1")
            .name(tool)
            .arguments("{\"path\":\"part.scad\",\"content\":\"cube([20,10,3]);\"}")
            .build();
    return ModelJson.responseToJson(
        ChatResponse.builder()
            .aiMessage(
                AiMessage.from("I will write the bracket and check its volume.", List.of(call)))
            .build());
  }
}
