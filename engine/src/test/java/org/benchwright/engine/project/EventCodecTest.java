package org.benchwright.engine.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.benchwright.engine.project.EventPayload.FileChange;
import org.benchwright.engine.project.EventPayload.ModelResponse;
import org.benchwright.engine.project.EventPayload.NodeTransition;
import org.benchwright.engine.project.EventPayload.RunStarted;
import org.benchwright.engine.project.EventPayload.SandboxExec;
import org.benchwright.engine.project.EventPayload.ValidationVerdict;
import org.benchwright.engine.project.ProjectException.UnreadableEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EventCodecTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static RecordedEvent recorded(EventType type, String payload) {
    return new RecordedEvent(3, 7, type, "engineer", Instant.EPOCH, payload, null);
  }

  private static ObjectNode obj(String json) {
    try {
      return (ObjectNode) JSON.readTree(json);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** One payload of every type, with every optional field set. */
  static Stream<EventPayload> everyType() {
    return Stream.of(
        new EventPayload.RunStarted("engineer", "a ramp", obj("{\"provider\":\"scripted\"}")),
        new EventPayload.RunEnded(obj("{\"why\":\"done\"}")),
        new EventPayload.NodeTransition(
            "coder", "planned", "planner", "You code", "approved", JSON.createArrayNode()),
        new EventPayload.UserMessage("Task: a ramp"),
        new EventPayload.ModelRequest(2, "f00", 5),
        new EventPayload.ModelResponse(
            2,
            100,
            20,
            0.25,
            900L,
            1,
            JSON.createArrayNode(),
            "hmm",
            "{\"ai_message\":{}}",
            "STOP",
            null),
        new EventPayload.ToolCall("c1", "write_file", "{\"path\":\"a\"}"),
        new EventPayload.ToolResult("c1", "write_file", true, "no", null),
        new EventPayload.SandboxExec(
            List.of("sh", "-c", "make"),
            2,
            1500,
            "EXIT",
            true,
            true,
            "aa",
            "bb",
            "out",
            "err",
            "detail",
            obj("{\"memory_mb\":512}")),
        EventPayload.FileChange.write("a.scad", "cafe", 12),
        new EventPayload.TodoChange(
            2, "plan", List.of(new TodoItem("x", "todo", null), new TodoItem("y", "refused", "p"))),
        new EventPayload.GateOpened("plan", obj("{\"summary\":\"s\"}")),
        new EventPayload.GateDecided(4, "plan", "edited", "ana", "ok", obj("{\"plan\":\"p\"}")),
        new EventPayload.ValidationVerdict(
            "simulate",
            false,
            "fell",
            obj("{\"ok\":false}"),
            Map.of("variants", JSON.getNodeFactory().numberNode(5))),
        new EventPayload.Metric("mass_g", 101.5),
        new EventPayload.Failure("engine", "boom"),
        new EventPayload.Outcome("SUCCEEDED", "passed", "every seed validated"),
        EventPayload.Note.of("sandbox", "restarted", "reason", "it stopped"),
        new EventPayload.WorkspaceSkipped(
            List.of(
                new EventPayload.WorkspaceSkipped.SkippedFile(
                    "big.bin", 21474836480L, "a sparse file of 20 GiB with 0 B on disk")),
            190_000,
            "190,000 file(s) beyond the 10,000-file cap were not copied"),
        new EventPayload.Experiment(
            3,
            "e3f1a2c",
            "b0c4d5e",
            "a smaller learning rate converges further in the budget",
            "lr 0.1 -> 0.05",
            "kept",
            0.93,
            0.918,
            0.012,
            0.004,
            "max",
            "beats the best by more than the noise",
            9_800,
            512L * 1024 * 1024,
            41,
            "d1ff",
            0),
        new EventPayload.Capability(
            "registered",
            "reverse_string",
            1,
            true,
            "registered reverse_string v1",
            obj("{\"query\":\"reverse a string\",\"candidates\":[]}")),
        new EventPayload.AutoMl(
            "candidate",
            "lgbm",
            "ok",
            "roc_auc 0.9912 ± 0.0040 over 5 folds, 12 trials",
            obj("{\"cv_mean\":0.9912,\"cv_std\":0.004,\"fold_scores\":[0.99,0.992]}")),
        new EventPayload.Fork(
            "1b4e28ba-2fa1-11d2-883f-0016d3cca427",
            118,
            120L,
            "Forked at 118, the last consistent step before 120: it is inside an open model call.",
            "ada",
            "try a smaller ramp",
            true,
            obj("{\"reply\":{\"text\":\"A smaller ramp.\"},\"task\":\"Build a ramp\"}")));
  }

  @Test
  void everyEventTypeHasAPayloadRecordAndTheSampleCoversThemAll() {
    assertThat(everyType().map(EventPayload::type)).containsExactlyInAnyOrder(EventType.values());
    assertThat(EventPayload.class.getPermittedSubclasses())
        .containsExactlyInAnyOrder(
            Arrays.stream(EventType.values()).map(EventType::payloadType).toArray(Class[]::new));
  }

  @ParameterizedTest
  @MethodSource("everyType")
  void everyPayloadReadsBackEqualToWhatWasWritten(EventPayload p) {
    Event e = Event.of("engineer", p);

    assertThat(e.type()).isEqualTo(p.type());
    assertThat(recorded(e.type(), e.payloadJson()).payload()).isEqualTo(p);
  }

  @Test
  void fieldsAreStoredUnderTheirSnakeCaseNamesAndNullsAreLeftOut() {
    String json =
        EventCodec.toJson(
            new NodeTransition("coder", "planned", null, "You code", "approved", null));

    assertThat(json)
        .isEqualTo(
            "{\"to\":\"coder\",\"outcome\":\"planned\",\"system\":\"You code\","
                + "\"succeeded_with\":\"approved\"}");
  }

  @Test
  void aKilledExecStoresItsMissingExitCodeAsAnExplicitNull() {
    var exec =
        new SandboxExec(
            List.of("sleep", "9"),
            null,
            5,
            "TIMEOUT",
            false,
            false,
            null,
            null,
            "",
            "",
            null,
            null);

    assertThat(obj(EventCodec.toJson(exec)).has("exit_code")).isTrue();
    assertThat(obj(EventCodec.toJson(exec)).get("exit_code").isNull()).isTrue();
  }

  @Test
  void aVerdictKeepsTheCheckOwnFieldsBesideTheCommonOnes() {
    String old =
        "{\"check\":\"validate_and_price\",\"passed\":true,\"quantity\":100,"
            + "\"unit_cost_usd\":2.5,\"weight_g\":12.0,\"report\":\"ok\",\"parts\":[{\"n\":1}]}";

    ValidationVerdict v =
        recorded(EventType.VALIDATION_VERDICT, old).payload(ValidationVerdict.class);

    assertThat(v.passed()).isTrue();
    assertThat(v.details()).containsOnlyKeys("quantity", "unit_cost_usd", "weight_g", "parts");
    assertThat(v.details().get("quantity").asInt()).isEqualTo(100);
    assertThat(obj(EventCodec.toJson(v))).isEqualTo(obj(old));
  }

  record Recorded(String source, EventType type, String node, String payload) {
    @Override
    public String toString() {
      return type + " (" + source + ")";
    }
  }

  /** One event of every payload shape in recorded files: the demo bundle, the first release. */
  static List<Recorded> recordedShapes() throws IOException {
    List<Recorded> out = new ArrayList<>();
    try (InputStream in =
        EventCodecTest.class.getResourceAsStream("/fixtures/recorded-payloads.jsonl")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        JsonNode n = JSON.readTree(line);
        out.add(
            new Recorded(
                n.get("source").asText(),
                EventType.valueOf(n.get("type").asText()),
                n.get("node").asText(null),
                n.get("payload").asText()));
      }
    }
    return out;
  }

  @ParameterizedTest
  @MethodSource("recordedShapes")
  void aRecordedPayloadDecodesAndWritesBackTheSameFieldsAndValues(Recorded r) {
    EventPayload p = recorded(r.type(), r.payload()).payload();

    assertThat(p.type()).isEqualTo(r.type());
    assertThat(obj(EventCodec.toJson(p))).isEqualTo(obj(r.payload()));
  }

  @Test
  void recordedPayloadsDecodeToTheValuesTheyHold() throws IOException {
    List<EventPayload> all =
        recordedShapes().stream().map(r -> recorded(r.type(), r.payload()).payload()).toList();

    assertThat(all)
        .filteredOn(RunStarted.class::isInstance)
        .first()
        .satisfies(
            p -> {
              RunStarted s = (RunStarted) p;
              assertThat(s.workflow()).isEqualTo("benchmark-generator");
              assertThat(s.model().path("provider").asText()).isEqualTo("scripted");
            });
    assertThat(all)
        .filteredOn(ModelResponse.class::isInstance)
        .first()
        .satisfies(
            p -> {
              ModelResponse m = (ModelResponse) p;
              assertThat(m.call()).isEqualTo(1);
              assertThat(m.inputTokens()).isEqualTo(5450);
              assertThat(m.outputTokens()).isEqualTo(210);
              assertThat(m.costUsd()).isEqualTo(9.435E-4);
              assertThat(m.reasoning()).isNull();
              assertThat(m.response()).startsWith("{\"ai_message\"");
            });
    assertThat(all)
        .filteredOn(SandboxExec.class::isInstance)
        .first()
        .satisfies(
            p -> {
              SandboxExec x = (SandboxExec) p;
              assertThat(x.command()).first().isEqualTo("sh");
              assertThat(x.exitCode()).isEqualTo(1);
              assertThat(x.durationMs()).isEqualTo(80);
              assertThat(x.termination()).isEqualTo("EXIT");
            });
    assertThat(all)
        .filteredOn(FileChange.class::isInstance)
        .extracting(p -> ((FileChange) p).path() + ":" + ((FileChange) p).size())
        .contains("benchmark/scene.xml:588", "scene.xml:null");
  }

  @Test
  void aPayloadOfTheFirstReleaseReadsWithItsMissingFieldsAsNull() {
    FileChange f =
        recorded(EventType.FILE_CHANGE, "{\"path\":\"scene.xml\"}").payload(FileChange.class);
    RunStarted s = recorded(EventType.RUN_STARTED, "{}").payload(RunStarted.class);

    assertThat(f).isEqualTo(new FileChange("scene.xml", null, null, null));
    assertThat(f.deleted()).isFalse();
    assertThat(s).isEqualTo(new RunStarted(null, null, null));
  }

  @Test
  void fieldsANewerReleaseAddedAreIgnored() {
    var m = recorded(EventType.USER_MESSAGE, "{\"text\":\"hi\",\"by\":\"ana\"}").payload();

    assertThat(m).isEqualTo(new EventPayload.UserMessage("hi"));
  }

  @Test
  void aPayloadThatIsNotJsonIsReportedWithItsRunSeqAndType() {
    assertThatThrownBy(() -> recorded(EventType.TOOL_RESULT, "{\"name\": \"run\", trunc").payload())
        .isInstanceOfSatisfying(
            UnreadableEvent.class,
            e -> {
              assertThat(e.problem()).isEqualTo(UnreadableEvent.Problem.NOT_JSON);
              assertThat(e.runId()).isEqualTo(3);
              assertThat(e.seq()).isEqualTo(7);
              assertThat(e.type()).isEqualTo(EventType.TOOL_RESULT);
            })
        .hasMessageStartingWith(
            "Event 7 of run 3 (TOOL_RESULT) cannot be read: its payload is not valid JSON");
  }

  @Test
  void aPayloadThatIsNotAnObjectIsUnreadable() {
    assertThatThrownBy(() -> recorded(EventType.NOTE, "[1,2]").payload())
        .isInstanceOfSatisfying(
            UnreadableEvent.class,
            e -> assertThat(e.problem()).isEqualTo(UnreadableEvent.Problem.NOT_AN_OBJECT));
  }

  @Test
  void aPayloadWithoutARequiredFieldNamesTheField() {
    assertThatThrownBy(() -> recorded(EventType.TOOL_RESULT, "{\"error\":true}").payload())
        .isInstanceOfSatisfying(
            UnreadableEvent.class,
            e -> assertThat(e.problem()).isEqualTo(UnreadableEvent.Problem.MISSING_FIELDS))
        .hasMessageContaining("does not have the fields a TOOL_RESULT event has")
        .hasMessageContaining("name");
    assertThatThrownBy(() -> recorded(EventType.VALIDATION_VERDICT, "{\"check\":\"x\"}").payload())
        .isInstanceOf(UnreadableEvent.class)
        .hasMessageContaining("passed");
  }

  @Test
  void askingForTheWrongTypeIsAProgrammingError() {
    assertThatThrownBy(() -> recorded(EventType.NOTE, "{}").payload(EventPayload.UserMessage.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is a NOTE, not a USER_MESSAGE");
  }
}
