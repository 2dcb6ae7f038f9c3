package org.benchwright.engine.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import java.util.List;
import org.benchwright.engine.model.ModelConfig;
import org.benchwright.engine.model.ModelJson;
import org.benchwright.engine.project.Event;
import org.benchwright.engine.project.EventPayload;
import org.benchwright.engine.project.EventType;
import org.benchwright.engine.project.NewRun;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.project.RunStatus;

/** Writes a run's events with the payloads AgentRun records, without a model or a sandbox. */
final class RecordedRun {

  static final ObjectMapper JSON = new ObjectMapper();

  static final ToolSpecification WRITE_FILE =
      ToolSpecification.builder()
          .name("write_file")
          .description("Write a file of the run.")
          .parameters(
              JsonObjectSchema.builder()
                  .addStringProperty("path", "relative path")
                  .addStringProperty("content")
                  .required("path", "content")
                  .build())
          .build();
  static final ToolSpecification SUBMIT =
      ToolSpecification.builder()
          .name("submit")
          .description("End your part.")
          .parameters(
              JsonObjectSchema.builder()
                  .addEnumProperty("outcome", List.of("done", "stuck"))
                  .addStringProperty("summary")
                  .required("outcome", "summary")
                  .build())
          .build();
  static final ToolSpecification LIST = ToolSpecification.builder().name("list_files").build();

  final Project project;
  final long id;
  final String uid;
  private int calls;
  private String node;

  RecordedRun(Project project, String workflow, String provider, String model) {
    this.project = project;
    var info =
        project
            .runs()
            .create(new NewRun(workflow, "task", ModelConfig.of(provider, model).toJson()));
    this.id = info.id();
    this.uid = info.uid();
    append(EventType.RUN_STARTED, null, JSON.createObjectNode().put("workflow", workflow));
  }

  /**
   * A fork of a recorded run after its step {@code atSeq}, made through the engine (history shared,
   * a FORK event first), going on in the node the parent is in now.
   */
  RecordedRun(RecordedRun parent, long atSeq) {
    this.project = parent.project;
    var info =
        project
            .runs()
            .fork(
                parent.id,
                atSeq,
                new NewRun("wf", "task", ModelConfig.of("openai", "gpt-4o").toJson()),
                Event.of(
                    null,
                    new EventPayload.Fork(
                        parent.uid, atSeq, null, "try again", "tester", "why", false, null)));
    this.id = info.id();
    this.uid = info.uid();
    this.node = parent.node;
    this.calls = parent.calls;
  }

  /** The seq of the run's newest event. */
  long last() {
    return project.events().lastSeq(id);
  }

  RecordedRun enter(String to, String system, ToolSpecification... tools) {
    ObjectNode t = JSON.createObjectNode().put("to", to).put("outcome", "start");
    if (node != null) {
      t.put("from", node);
    }
    t.put("system", system);
    ArrayNode specs = t.putArray("tools");
    for (ToolSpecification s : tools) {
      specs.add(read(s.toJson()));
    }
    node = to;
    append(EventType.NODE_TRANSITION, to, t);
    return this;
  }

  RecordedRun user(String text) {
    append(EventType.USER_MESSAGE, node, JSON.createObjectNode().put("text", text));
    return this;
  }

  /** A model reply; each call is {id, name, arguments} (id may be null). */
  RecordedRun reply(String text, String reasoning, String[]... toolCalls) {
    AiMessage.Builder ai = AiMessage.builder().text(text);
    if (reasoning != null) {
      ai.thinking(reasoning);
    }
    if (toolCalls.length > 0) {
      ai.toolExecutionRequests(
          java.util.Arrays.stream(toolCalls)
              .map(c -> ToolExecutionRequest.builder().id(c[0]).name(c[1]).arguments(c[2]).build())
              .toList());
    }
    ChatResponse response =
        ChatResponse.builder()
            .aiMessage(ai.build())
            .modelName("gpt-test")
            .finishReason(toolCalls.length > 0 ? FinishReason.TOOL_EXECUTION : FinishReason.STOP)
            .tokenUsage(new TokenUsage(100, 20))
            .build();
    int call = ++calls;
    append(
        EventType.MODEL_REQUEST,
        node,
        JSON.createObjectNode().put("call", call).put("fingerprint", "f").put("messages", 2));
    ObjectNode r =
        JSON.createObjectNode()
            .put("call", call)
            .put("input_tokens", 100)
            .put("output_tokens", 20)
            .put("cost_usd", 0.001)
            .put("latency_ms", 5)
            .put("attempts", 1);
    r.putArray("retries");
    if (reasoning != null) {
      r.put("reasoning", reasoning);
    }
    r.put("response", ModelJson.responseToJson(response));
    append(EventType.MODEL_RESPONSE, node, r);
    for (String[] c : toolCalls) {
      ObjectNode tc = JSON.createObjectNode().put("id", c[0]).put("name", c[1]);
      tc.put("arguments", c[2]);
      append(EventType.TOOL_CALL, node, tc);
    }
    return this;
  }

  RecordedRun result(String id, String name, String text) {
    append(
        EventType.TOOL_RESULT,
        node,
        JSON.createObjectNode()
            .put("id", id)
            .put("name", name)
            .put("error", false)
            .put("text", text));
    return this;
  }

  /** GATE_OPENED for a plan; returns its seq. */
  long planGate(String plan, int revision) {
    ObjectNode p = JSON.createObjectNode().put("kind", "plan");
    p.putObject("subject").put("plan", plan).put("summary", "s").put("revision", revision);
    return append(EventType.GATE_OPENED, node, p);
  }

  RecordedRun decide(long gateSeq, String decision, String comment, String editedPlan) {
    ObjectNode p =
        JSON.createObjectNode()
            .put("gate_seq", gateSeq)
            .put("kind", "plan")
            .put("decision", decision)
            .put("decided_by", "tester");
    if (comment != null) {
      p.put("comment", comment);
    }
    if (editedPlan != null) {
      ObjectNode change = p.putObject("change").put("plan", editedPlan);
      change.putArray("items").addObject().put("text", "step one").put("status", "todo");
    }
    append(EventType.GATE_DECIDED, node, p);
    return this;
  }

  RecordedRun outcome(String outcome) {
    RunStatus status =
        switch (outcome) {
          case "passed" -> RunStatus.SUCCEEDED;
          case "cancelled" -> RunStatus.CANCELLED;
          default -> RunStatus.FAILED;
        };
    append(
        EventType.OUTCOME,
        null,
        JSON.createObjectNode()
            .put("status", status.name())
            .put("outcome", outcome)
            .put("reason", "r"));
    project.runs().finish(id, status, outcome, "r", 10);
    return this;
  }

  /** A complete, typical episode: write a file, then submit. */
  RecordedRun episode(String node, String system, String fileContent) {
    enter(node, system, WRITE_FILE, SUBMIT, LIST);
    user("Task: build it");
    String args =
        JSON.createObjectNode().put("path", "a.txt").put("content", fileContent).toString();
    String callA = node + "-" + (calls + 1) + "-a";
    reply("I will write the file.", "thinking hard", new String[] {callA, "write_file", args});
    result(callA, "write_file", "wrote a.txt");
    String callB = node + "-" + (calls + 1) + "-b";
    reply(
        null,
        null,
        new String[] {callB, "submit", "{\"outcome\":\"done\",\"summary\":\"finished\"}"});
    result(callB, "submit", "Submitted: done");
    return this;
  }

  private long append(EventType type, String node, ObjectNode payload) {
    return project.events().append(id, Event.of(type, node, payload.toString()));
  }

  private static com.fasterxml.jackson.databind.JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
