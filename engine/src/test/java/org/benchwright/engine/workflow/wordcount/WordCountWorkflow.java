package org.benchwright.engine.workflow.wordcount;

import java.util.List;
import org.benchwright.engine.agent.Tool;
import org.benchwright.engine.agent.ToolResult;
import org.benchwright.engine.agent.Tools;
import org.benchwright.engine.agent.WorkflowDefinition;
import org.benchwright.engine.agent.WorkflowPlugin;

/**
 * A workflow added the way docs/adding-a-workflow.md says, as a test fixture: this package, its
 * JSON and prompts beside it, and one line in META-INF/services. Two nodes and one tool of its own.
 */
public final class WordCountWorkflow implements WorkflowPlugin {

  @Override
  public List<WorkflowDefinition> workflows() {
    return List.of(WorkflowDefinition.load(WordCountWorkflow.class, "wordcount.json"));
  }

  @Override
  public List<Tool> tools() {
    return List.of(
        Tools.tool(
            "count_words",
            "Count the words of a text.",
            Tools.schema().addStringProperty("text").required("text").build(),
            (ctx, args) -> {
              String text = args.get("text").asText().strip();
              if (text.isEmpty()) {
                return ToolResult.error("The text is empty: give the sentence to count.");
              }
              return ToolResult.ok(
                  text.split("\\s+").length + " words (counted in " + ctx.node() + ")");
            }));
  }
}
