package org.benchwright.engine.agent;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.agent.tool.ToolSpecification;
import java.util.List;

/**
 * A tool an agent may call. Workflows contribute their own through {@link WorkflowPlugin#tools()};
 * the loop validates the arguments against {@link #spec()} before {@link #run} sees them. Failures
 * the model can fix are returned as {@link ToolResult#error}, not thrown.
 */
public interface Tool {

  ToolSpecification spec();

  ToolResult run(ToolContext ctx, JsonNode args);

  default String name() {
    return spec().name();
  }

  /**
   * The node outcomes this tool can end a node with ({@link ToolResult#end}). A plain submit in a
   * node that has this tool does not offer them, so an outcome that needs proof (a refusal) can
   * only be reached through the tool that demands it.
   */
  default List<String> endsNodeWith() {
    return List.of();
  }
}
