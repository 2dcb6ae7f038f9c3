package org.benchwright.engine.agent;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.agent.tool.ToolSpecification;

/** A tool an agent may call. Failures the model can fix are returned, not thrown. */
interface Tool {

  ToolSpecification spec();

  ToolResult run(ToolContext ctx, JsonNode args);

  default String name() {
    return spec().name();
  }
}
