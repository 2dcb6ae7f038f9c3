package org.benchwright.engine.skills;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.benchwright.engine.project.EventType;
import org.benchwright.engine.project.RecordedEvent;
import org.junit.jupiter.api.Test;

class FailureKindsTest {

  private final List<RecordedEvent> events = new ArrayList<>();

  private void add(EventType type, String node, String json) {
    events.add(new RecordedEvent(1, events.size() + 1, type, node, Instant.EPOCH, json, null));
  }

  private void call(String id, String tool, String args) {
    add(
        EventType.TOOL_CALL,
        "coder",
        "{\"id\":\"" + id + "\",\"name\":\"" + tool + "\",\"arguments\":" + quote(args) + "}");
  }

  private void result(String id, String tool, boolean error, String text) {
    add(
        EventType.TOOL_RESULT,
        "coder",
        "{\"id\":\""
            + id
            + "\",\"name\":\""
            + tool
            + "\",\"error\":"
            + error
            + ",\"text\":"
            + quote(text)
            + "}");
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }

  @Test
  void verdictsCommandsChecksAndToolErrorsEachHaveAStableKind() {
    call("1", "validate_mjcf", "{\"path\":\"a.xml\"}");
    result("1", "validate_mjcf", false, "verdict: intersection\nexit code: 1 (exit)\n");
    call("2", "validate_mjcf", "{\"path\":\"b.xml\"}");
    result("2", "validate_mjcf", false, "verdict: ok\nexit code: 0 (exit)\n");
    call("3", "run_command", "{\"command\":\"python3 generator.py --seed 1\"}");
    result("3", "run_command", false, "exit code: 1 (exit)\nstdout:\n\nstderr:\nNameError");
    call("4", "run_command", "{\"command\":\"sleep 99\"}");
    result("4", "run_command", false, "exit code: none (timeout)\nstdout:\n");
    call("5", "run_command", "{\"command\":\"ls\"}");
    result("5", "run_command", false, "exit code: 0 (exit)\nstdout:\nx\n");
    call("6", "update_todo", "{}");
    result("6", "update_todo", true, "Argument 'plan' must be a string.");
    add(
        EventType.VALIDATION_VERDICT,
        null,
        "{\"check\":\"benchmark-acceptance\",\"passed\":false,\"report\":\"seed 2 failed\"}");

    assertThat(FailureKinds.in(events))
        .extracting(FailureKinds.Failure::kind)
        .containsExactly(
            "validate_mjcf: intersection",
            "command python3: exit 1",
            "command sleep: timeout",
            "tool update_todo: argument '#' must be a string.",
            "check benchmark-acceptance: failed");
  }

  @Test
  void aKindRepeatedUpToTheThresholdIsALessonWithWhatFollowedIt() {
    for (int i = 1; i <= 4; i++) {
      call("v" + i, "validate_mjcf", "{\"path\":\"s" + i + ".xml\"}");
      result("v" + i, "validate_mjcf", false, "verdict: intersection\nball and ramp " + i);
    }
    call("w", "write_file", "{\"path\":\"generator.py\",\"content\":\"fixed\"}");
    call("v5", "validate_mjcf", "{\"path\":\"s5.xml\"}");
    result("v5", "validate_mjcf", false, "verdict: ok\n");

    FailureKinds.Lesson lesson = FailureKinds.lesson(events, 4).orElseThrow();
    assertThat(lesson.kind()).isEqualTo("validate_mjcf: intersection");
    assertThat(lesson.failures()).hasSize(4);
    assertThat(lesson.fixedBy()).hasSize(2);
    assertThat(lesson.fixedBy().getFirst()).contains("write_file").contains("generator.py");
    assertThat(FailureKinds.lesson(events, 5)).isEmpty();
    assertThat(FailureKinds.lesson(events, 0)).isEmpty();
  }

  @Test
  void differentMessagesOfOneErrorShareASignature() {
    assertThat(FailureKinds.signature("No file 'a.xml'. Use list_files to see the run's files."))
        .isEqualTo(FailureKinds.signature("No file 'b/c.xml'. Something else."));
    assertThat(FailureKinds.signature("timeout_seconds must be between 1 and 900."))
        .isEqualTo("timeout_seconds must be between # and #.");
  }
}
