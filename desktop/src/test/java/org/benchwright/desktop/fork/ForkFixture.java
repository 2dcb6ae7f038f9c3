package org.benchwright.desktop.fork;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.benchwright.engine.agent.AgentRuntime;
import org.benchwright.engine.agent.RunHandle;
import org.benchwright.engine.fork.ForkChange;
import org.benchwright.engine.fork.Forks;
import org.benchwright.engine.model.ApiKeys;
import org.benchwright.engine.model.ModelConfig;
import org.benchwright.engine.model.ModelGateway;
import org.benchwright.engine.model.PriceTable;
import org.benchwright.engine.model.ScriptedChatModel;
import org.benchwright.engine.model.ScriptedTurn;
import org.benchwright.engine.project.EventType;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.project.RecordedEvent;
import org.benchwright.engine.workflow.Workflows;

/**
 * A real project file with a real run and a real fork of it: a benchmark-generator run on a
 * scripted model plans, then its coder writes notes.md twice and gives up; the fork, made with
 * {@link Forks} after the first write, answers the next model call with a different write (a
 * steeper ramp) and is continued live by the runtime on a script of its own until it gives up too.
 */
final class ForkFixture {

  static final ObjectMapper JSON = new ObjectMapper();

  final Path file;
  final long parent;
  final long fork;

  /** The parent's event after its first write's result: where the fork parts from it. */
  final long forkSeq;

  private ForkFixture(Path file, long parent, long fork, long forkSeq) {
    this.file = file;
    this.parent = parent;
    this.fork = fork;
    this.forkSeq = forkSeq;
  }

  static String write(String path, String content) {
    return JSON.createObjectNode().put("path", path).put("content", content).toString();
  }

  static ScriptedTurn submit(String id, String summary) {
    return ScriptedTurn.toolCall(
        id,
        "submit",
        JSON.createObjectNode().put("outcome", "impossible").put("summary", summary).toString());
  }

  private static ObjectNode turn(String id, String tool, String argumentsJson) throws Exception {
    ObjectNode turn = JSON.createObjectNode();
    turn.putArray("tool_calls")
        .addObject()
        .put("id", id)
        .put("name", tool)
        .set("arguments", JSON.readTree(argumentsJson));
    return turn;
  }

  /** The reply a fork writes: one write_file call, as a script turn. */
  static ObjectNode writeReply(String id, String path, String content) {
    ObjectNode turn = JSON.createObjectNode().put("text", "A steeper ramp instead.");
    ObjectNode call =
        turn.putArray("tool_calls").addObject().put("id", id).put("name", "write_file");
    call.putObject("arguments").put("path", path).put("content", content);
    return turn;
  }

  /** Builds the project at {@code file} and closes it, so the window can open it. */
  static ForkFixture create(Path file) throws Exception {
    try (Project project = Project.create(file)) {
      ModelGateway gateway =
          new ModelGateway(
              ApiKeys.of(Map.of(), file.resolveSibling("no-keys.properties")),
              PriceTable.defaults());
      try (AgentRuntime runtime =
          Workflows.runtime(
              project,
              gateway,
              () -> {
                throw new IllegalStateException("these runs need no sandbox");
              })) {
        // The planner plans and hands over; the coder writes notes.md twice and gives up.
        String plan =
            JSON.createObjectNode()
                .put("plan", "Make a ramp.")
                .set(
                    "items",
                    JSON.createArrayNode()
                        .add(JSON.createObjectNode().put("text", "ramp").put("status", "todo")))
                .toString();
        // The script is a file, as a scripted run started from the window has it: a fork
        // continued live there goes on with the turns its history has not used.
        ObjectNode script = JSON.createObjectNode();
        var turns = script.putArray("turns");
        turns.add(turn("p1", "update_todo", plan));
        turns.add(
            turn(
                "p2",
                "submit",
                JSON.createObjectNode()
                    .put("outcome", "planned")
                    .put("summary", "a ramp")
                    .toString()));
        turns.add(turn("w1", "write_file", write("notes.md", "ramp: 10 degrees\n")));
        turns.add(turn("w2", "write_file", write("notes.md", "ramp: 10 degrees\nball: 20 mm\n")));
        turns.add(
            turn(
                "w3",
                "submit",
                JSON.createObjectNode()
                    .put("outcome", "impossible")
                    .put("summary", "a 10 degree ramp is too flat")
                    .toString()));
        Path scriptFile = file.resolveSibling(file.getFileName() + ".script.json");
        java.nio.file.Files.writeString(scriptFile, script.toString());
        ScriptedChatModel first = ScriptedChatModel.fromFile(scriptFile);
        gateway.register("scripted", cfg -> first);
        RunHandle run =
            runtime.start(
                "benchmark-generator",
                "A ramp for a rolling ball",
                new ModelConfig(
                    "scripted",
                    "s",
                    scriptFile.toString(),
                    null,
                    null,
                    ModelConfig.DEFAULT_TIMEOUT,
                    ModelConfig.DEFAULT_MAX_RETRIES));
        run.outcome().get(1, TimeUnit.MINUTES);
        long parent = run.runId();
        long at =
            project.events().events(parent, 1, 10_000).stream()
                .filter(e -> e.type() == EventType.TOOL_RESULT && "coder".equals(e.node()))
                .mapToLong(RecordedEvent::seq)
                .findFirst()
                .orElseThrow();
        Forks.Made made =
            new Forks(project)
                .fork(
                    parent,
                    at,
                    ForkChange.none("alice", "try a steeper ramp")
                        .withReply(writeReply("f1", "notes.md", "ramp: 15 degrees\n")));
        ScriptedChatModel second = ScriptedChatModel.of(List.of(submit("f2", "15 degrees rolls")));
        gateway.register("scripted", cfg -> second);
        runtime.resume(made.fork().id()).outcome().get(1, TimeUnit.MINUTES);
        return new ForkFixture(file, parent, made.fork().id(), made.point().seq());
      }
    }
  }
}
