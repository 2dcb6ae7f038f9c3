package org.benchwright.engine.workflow.skillwriter;

import java.util.List;
import java.util.Optional;
import org.benchwright.engine.agent.Check;
import org.benchwright.engine.agent.Epilogue;
import org.benchwright.engine.agent.WorkflowDefinition;
import org.benchwright.engine.project.EventType;
import org.benchwright.engine.project.RecordedEvent;
import org.benchwright.engine.skills.FailureKinds;

/**
 * The episode after a succeeded run that repeated one kind of failure: it writes or updates a
 * skill. It opens only when the same kind of failure happened {@value #LEARN_AFTER} times (default
 * {@value #DEFAULT_LEARN_AFTER}; 0 never), with those failures and how the run got past them.
 */
public final class SkillWriter implements Epilogue {

  public static final String NAME = "skill-writer";

  /** Setting: how many failures of one kind make a succeeded run write a skill (0: never). */
  public static final String LEARN_AFTER = "skills.learn_after";

  public static final int DEFAULT_LEARN_AFTER = 4;

  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();

  private static final WorkflowDefinition.Node NODE =
      new WorkflowDefinition.Node(
              "skill-writer.md",
              List.of(
                  "search_skills",
                  "read_skill",
                  "list_files",
                  "read_file",
                  "write_skill",
                  "submit"),
              new WorkflowDefinition.Limits(12, 200_000, 600, 6),
              null,
              null,
              null,
              null,
              null)
          .withPromptText(WorkflowDefinition.prompt(SkillWriter.class, "skill-writer.md"));

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public WorkflowDefinition.Node node() {
    return NODE;
  }

  @Override
  public List<String> outcomes() {
    return List.of("written", "skipped");
  }

  @Override
  public Optional<String> opening(Check.CheckContext ctx, String succeededWith) {
    int threshold =
        ctx.project()
            .settings()
            .get(LEARN_AFTER)
            .map(SkillWriter::threshold)
            .orElse(DEFAULT_LEARN_AFTER);
    // Only these kinds tell failures and their fixes apart (FailureKinds).
    List<RecordedEvent> events =
        ctx.project().events().stream(
                ctx.runId(),
                java.util.Set.of(
                    EventType.TOOL_CALL, EventType.TOOL_RESULT, EventType.VALIDATION_VERDICT))
            .toList();
    return FailureKinds.lesson(events, threshold)
        .map(l -> lessonText(ctx.task(), l, succeededWith));
  }

  private static int threshold(String json) {
    try {
      return JSON.readTree(json).asInt(DEFAULT_LEARN_AFTER);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return DEFAULT_LEARN_AFTER;
    }
  }

  private static String lessonText(String task, FailureKinds.Lesson l, String succeededWith) {
    StringBuilder sb = new StringBuilder("Task of the run: ").append(task).append("\n\n");
    sb.append("The same kind of failure happened ")
        .append(l.failures().size())
        .append(" times before the run succeeded: ")
        .append(l.kind())
        .append("\n");
    int i = 0;
    for (FailureKinds.Failure f : l.failures()) {
      sb.append("\n").append(++i).append(". in ").append(f.node()).append(":\n");
      sb.append(f.detail().strip()).append('\n');
    }
    sb.append("\nAfter the last failure the run went on with:\n");
    l.fixedBy().forEach(c -> sb.append("- ").append(c).append('\n'));
    sb.append("\nThe run succeeded with: ").append(succeededWith).append('\n');
    return sb.toString();
  }
}
