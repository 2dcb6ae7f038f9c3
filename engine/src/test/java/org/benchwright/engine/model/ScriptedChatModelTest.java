package org.benchwright.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.benchwright.engine.model.ModelException.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScriptedChatModelTest {

  @TempDir Path dir;

  @Test
  void turnsComeBackInOrder() {
    ScriptedChatModel model =
        ScriptedChatModel.of(List.of(ScriptedTurn.text("first"), ScriptedTurn.text("second")));

    assertThat(model.chat(ask("a")).aiMessage().text()).isEqualTo("first");
    assertThat(model.chat(ask("b")).aiMessage().text()).isEqualTo("second");
    assertThat(model.requests()).hasSize(2);
  }

  @Test
  void toolCallsReasoningAndUsageFromAJsonFile() throws Exception {
    Path script =
        write(
            "script.json",
            """
            {"turns": [
              {"text": "Writing it.", "reasoning": "Start small.",
               "tool_calls": [{"id": "call_1", "name": "write_file",
                               "arguments": {"path": "a.py", "content": "print(1)"}}],
               "input_tokens": 10, "output_tokens": 5},
              {"text": "Done."}
            ]}
            """);

    ChatResponse first = ScriptedChatModel.fromFile(script).chat(ask("go"));

    assertThat(first.aiMessage().text()).isEqualTo("Writing it.");
    assertThat(first.aiMessage().thinking()).isEqualTo("Start small.");
    assertThat(first.aiMessage().toolExecutionRequests())
        .containsExactly(
            ToolExecutionRequest.builder()
                .id("call_1")
                .name("write_file")
                .arguments("{\"path\":\"a.py\",\"content\":\"print(1)\"}")
                .build());
    assertThat(first.finishReason()).isEqualTo(FinishReason.TOOL_EXECUTION);
    assertThat(first.tokenUsage().inputTokenCount()).isEqualTo(10);
    assertThat(first.tokenUsage().outputTokenCount()).isEqualTo(5);
  }

  @Test
  void yamlScriptsHaveTheSameShape() throws Exception {
    Path script =
        write(
            "script.yaml",
            """
            turns:
              - tool_calls:
                  - id: call_1
                    name: write_file
                    arguments:
                      path: a.py
                      content: |
                        for i in range(3):
                            print(i)
              - text: Done.
            """);
    ScriptedChatModel model = ScriptedChatModel.fromFile(script);

    ToolExecutionRequest call = model.chat(ask("go")).aiMessage().toolExecutionRequests().get(0);

    assertThat(call.arguments())
        .isEqualTo("{\"path\":\"a.py\",\"content\":\"for i in range(3):\\n    print(i)\\n\"}");
    assertThat(model.chat(ask("next")).aiMessage().text()).isEqualTo("Done.");
  }

  @Test
  void runningOutOfTurnsSaysWhichTurnWasMissing() {
    ScriptedChatModel model = ScriptedChatModel.of(List.of(ScriptedTurn.text("only")));
    model.chat(ask("a"));

    assertThatThrownBy(() -> model.chat(ask("b")))
        .isInstanceOfSatisfying(
            ModelException.class, e -> assertThat(e.kind()).isEqualTo(Kind.CONFIGURATION))
        .hasMessageStartingWith("The script has no turn 2");
  }

  @Test
  void malformedScriptNamesTheFileAndTheProblem() throws Exception {
    Path broken = write("broken.json", "{\"turns\": [ {\"text\": \"hi\" ");

    assertThatThrownBy(() -> ScriptedChatModel.fromFile(broken))
        .isInstanceOfSatisfying(
            ModelException.class, e -> assertThat(e.kind()).isEqualTo(Kind.CONFIGURATION))
        .hasMessageContaining("The script file " + broken + " is not a valid script")
        .hasMessageContaining("line 1");
  }

  @Test
  void misspelledFieldIsRejected() throws Exception {
    Path typo = write("typo.json", "{\"turns\": [{\"txt\": \"hi\"}]}");

    assertThatThrownBy(() -> ScriptedChatModel.fromFile(typo))
        .hasMessageContaining(typo.toString())
        .hasMessageContaining("\"txt\"");
  }

  @Test
  void emptyTurnIsRejected() throws Exception {
    Path empty = write("empty.json", "{\"turns\": [{\"text\": \"ok\"}, {\"reasoning\": \"hm\"}]}");

    assertThatThrownBy(() -> ScriptedChatModel.fromFile(empty))
        .hasMessageContaining("turn 2 has neither text nor tool_calls");
  }

  @Test
  void missingFileIsNamed() {
    Path absent = dir.resolve("absent.yaml");

    assertThatThrownBy(() -> ScriptedChatModel.fromFile(absent))
        .hasMessage("The script file " + absent + " does not exist.");
  }

  private Path write(String name, String content) throws Exception {
    return Files.writeString(dir.resolve(name), content);
  }

  private static ChatRequest ask(String text) {
    return ChatRequest.builder().messages(UserMessage.from(text)).build();
  }
}
