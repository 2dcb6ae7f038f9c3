package org.benchwright.engine.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.benchwright.engine.model.ModelException.Kind;

/**
 * A model that answers with prepared turns, in order, whatever it is asked: for offline runs, demos
 * and tests of workflows. A script file is JSON or YAML (by extension {@code .yaml}/{@code .yml})
 * of this shape:
 *
 * <pre>{@code
 * {"turns": [
 *   {"text": "I'll write the file.", "reasoning": "...",
 *    "tool_calls": [{"id": "call_1", "name": "write_file",
 *                    "arguments": {"path": "a.py", "content": "print(1)"}}],
 *    "input_tokens": 10, "output_tokens": 5}
 * ]}
 * }</pre>
 *
 * Tool call arguments are a JSON object or a string holding one.
 */
public final class ScriptedChatModel implements ChatModel {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  private static final ObjectMapper YAML =
      new YAMLMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final List<ScriptedTurn> turns;
  private final List<ChatRequest> requests = new ArrayList<>();
  // Turns already used by an earlier process (a resumed run), so ids keep counting on.
  private final int offset;

  private ScriptedChatModel(List<ScriptedTurn> turns) {
    this(turns, 0);
  }

  private ScriptedChatModel(List<ScriptedTurn> turns, int offset) {
    this.turns = List.copyOf(turns);
    this.offset = offset;
  }

  public static ScriptedChatModel of(List<ScriptedTurn> turns) {
    return new ScriptedChatModel(turns);
  }

  /**
   * @throws ModelException of kind CONFIGURATION naming the file and the problem when it cannot be
   *     read or is not a script
   */
  /** The largest turns file read: far beyond any real script, far below the heap. */
  static final long MAX_SCRIPT_BYTES = 16L << 20;

  public static ScriptedChatModel fromFile(Path file) {
    String name = file.getFileName() == null ? "" : file.getFileName().toString();
    boolean yaml = name.toLowerCase(Locale.ROOT).matches(".*\\.ya?ml");
    try {
      // Only a regular file of bounded size: a named pipe would block the caller for ever, and a
      // device such as /dev/zero would fill memory (the HTTP service reads scripts too).
      if (Files.exists(file) && !Files.isRegularFile(file)) {
        throw invalid(file, "it is not a regular file");
      }
      if (Files.exists(file) && Files.size(file) > MAX_SCRIPT_BYTES) {
        throw invalid(file, "it is over " + (MAX_SCRIPT_BYTES >> 20) + " MiB");
      }
      Script script = (yaml ? YAML : JSON).readValue(Files.readString(file), Script.class);
      if (script == null || script.turns() == null) {
        throw invalid(file, "it has no \"turns\" list");
      }
      List<ScriptedTurn> turns = new ArrayList<>();
      for (int i = 0; i < script.turns().size(); i++) {
        turns.add(
            script
                .turns()
                .get(i)
                .toTurn("The script file " + file + " is not a valid script", i + 1));
      }
      return new ScriptedChatModel(turns);
    } catch (NoSuchFileException e) {
      throw new ModelException(
          Kind.CONFIGURATION, "The script file " + file + " does not exist.", e);
    } catch (JsonProcessingException e) {
      String where =
          e.getLocation() == null
              ? ""
              : " at line "
                  + e.getLocation().getLineNr()
                  + ", column "
                  + e.getLocation().getColumnNr();
      throw invalid(file, e.getOriginalMessage() + where, e);
    } catch (IOException e) {
      throw new ModelException(
          Kind.CONFIGURATION,
          "Could not read the script file " + file + " (" + e.getMessage() + ").",
          e);
    }
  }

  /** The requests received so far, in order: what a test of a workflow asserts on. */
  public synchronized List<ChatRequest> requests() {
    return List.copyOf(requests);
  }

  /**
   * @throws ModelException of kind CONFIGURATION when the script has no turn left
   */
  @Override
  public synchronized ChatResponse doChat(ChatRequest request) {
    int turn = requests.size() + 1;
    if (turn > turns.size()) {
      throw new ModelException(
          Kind.CONFIGURATION,
          "The script has no turn "
              + (turn + offset)
              + ": it ends after "
              + (turns.size() + offset)
              + ". Add turns to it.");
    }
    requests.add(request);
    return response(turns.get(turn - 1), "scripted-" + (turn + offset));
  }

  private static ChatResponse response(ScriptedTurn scripted, String id) {
    AiMessage message =
        AiMessage.builder()
            .text(scripted.text())
            .thinking(scripted.reasoning())
            .toolExecutionRequests(scripted.toolCalls())
            .build();
    ChatResponse.Builder response =
        ChatResponse.builder()
            .aiMessage(message)
            .id(id)
            .modelName("scripted")
            .finishReason(
                scripted.toolCalls().isEmpty() ? FinishReason.STOP : FinishReason.TOOL_EXECUTION);
    if (scripted.inputTokens() != null || scripted.outputTokens() != null) {
      response.tokenUsage(new TokenUsage(scripted.inputTokens(), scripted.outputTokens()));
    }
    return response.build();
  }

  /**
   * A reply written by a person, in the shape of one script turn ({@code text}, {@code reasoning},
   * {@code tool_calls}): what a fork answers its first model call with.
   *
   * @throws ModelException of kind CONFIGURATION saying what is wrong with it
   */
  public static ChatResponse reply(JsonNode turn) {
    try {
      Turn t = JSON.treeToValue(turn, Turn.class);
      if (t == null) {
        throw new ModelException(Kind.CONFIGURATION, "The reply is empty.");
      }
      return response(t.toTurn("The reply is not valid", 1), "written");
    } catch (JsonProcessingException e) {
      throw new ModelException(
          Kind.CONFIGURATION, "The reply is not a valid turn: " + e.getOriginalMessage() + ".", e);
    }
  }

  /** A recorded reply in the shape {@link #reply} reads, for a person to edit. */
  public static com.fasterxml.jackson.databind.node.ObjectNode turnOf(ChatResponse response) {
    com.fasterxml.jackson.databind.node.ObjectNode turn = JSON.createObjectNode();
    AiMessage ai = response.aiMessage();
    if (ai.text() != null) {
      turn.put("text", ai.text());
    }
    if (ai.thinking() != null) {
      turn.put("reasoning", ai.thinking());
    }
    if (ai.hasToolExecutionRequests()) {
      var calls = turn.putArray("tool_calls");
      for (ToolExecutionRequest r : ai.toolExecutionRequests()) {
        var call = calls.addObject().put("id", r.id()).put("name", r.name());
        try {
          call.set("arguments", JSON.readTree(r.arguments() == null ? "{}" : r.arguments()));
        } catch (JsonProcessingException e) {
          call.put("arguments", r.arguments());
        }
      }
    }
    return turn;
  }

  /**
   * A script that goes on after {@code used} turns: a resumed run continues where it stopped rather
   * than from the first turn.
   */
  public ScriptedChatModel after(int used) {
    return new ScriptedChatModel(turns.subList(Math.min(used, turns.size()), turns.size()), used);
  }

  /**
   * Which turn of its script a recorded response was (its id is {@code scripted-N}); 0 for a
   * response that did not come from a script.
   */
  public static int turnNumber(ChatResponse response) {
    String id = response.id();
    if (id == null || !id.startsWith("scripted-")) {
      return 0;
    }
    try {
      return Integer.parseInt(id.substring("scripted-".length()));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static ModelException invalid(Path file, String problem) {
    return invalid(file, problem, null);
  }

  private static ModelException invalid(Path file, String problem, Throwable cause) {
    return new ModelException(
        Kind.CONFIGURATION,
        "The script file " + file + " is not a valid script: " + problem + ".",
        cause);
  }

  /** A problem in one turn; {@code source} says what is invalid ("The reply is not valid"). */
  private static ModelException invalid(String source, String problem) {
    return new ModelException(Kind.CONFIGURATION, source + ": " + problem + ".");
  }

  private record Script(List<Turn> turns) {}

  private record Turn(
      String text,
      String reasoning,
      @JsonProperty("tool_calls") List<Call> toolCalls,
      @JsonProperty("input_tokens") Integer inputTokens,
      @JsonProperty("output_tokens") Integer outputTokens) {

    ScriptedTurn toTurn(String source, int number) {
      List<ToolExecutionRequest> calls = new ArrayList<>();
      for (Call call : toolCalls == null ? List.<Call>of() : toolCalls) {
        calls.add(call.toRequest(source, number));
      }
      if (text == null && calls.isEmpty()) {
        throw invalid(source, "turn " + number + " has neither text nor tool_calls");
      }
      return new ScriptedTurn(text, reasoning, calls, inputTokens, outputTokens);
    }
  }

  private record Call(String id, String name, JsonNode arguments) {

    ToolExecutionRequest toRequest(String source, int turn) {
      if (id == null || name == null) {
        throw invalid(source, "a tool call in turn " + turn + " needs an id and a name");
      }
      String json;
      if (arguments == null || arguments.isNull()) {
        json = "{}";
      } else if (arguments.isTextual()) {
        json = arguments.asText();
        try {
          JSON.readTree(json);
        } catch (JsonProcessingException e) {
          throw invalid(
              source,
              "the arguments of tool call "
                  + id
                  + " are not JSON ("
                  + e.getOriginalMessage()
                  + ")");
        }
      } else {
        json = arguments.toString();
      }
      return ToolExecutionRequest.builder().id(id).name(name).arguments(json).build();
    }
  }
}
