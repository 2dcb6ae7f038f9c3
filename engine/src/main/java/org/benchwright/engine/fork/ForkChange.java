package org.benchwright.engine.fork;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.benchwright.engine.model.ModelConfig;

/**
 * What a person changes at a fork point. Every part is optional; a fork with no change is a plain
 * branch (to continue with another provider, or to replay and see whether the run reproduces).
 *
 * @param reply the answer to the first model call after the point, in the shape of a script turn
 *     ({@code text}, {@code reasoning}, {@code tool_calls}); see {@link Forks#recordedReply}
 * @param toolResult the result of the tool call the fork stopped before, instead of running it
 * @param plan a new plan revision (its text; lines {@code - [status] item} are its TODO items)
 * @param task the task text the fork goes on with
 * @param model the fork's model for every node
 * @param nodeModels a model per node, over {@code model}
 * @param settings settings the run's loop reads (gates, per-node models), as JSON values
 * @param reuseDecisions decide the gates the parent decided after the point the same way; without
 *     it every gate opens again for a person
 * @param by who made the fork
 * @param why their reason
 */
public record ForkChange(
    JsonNode reply,
    String toolResult,
    String plan,
    String task,
    ModelConfig model,
    Map<String, ModelConfig> nodeModels,
    Map<String, String> settings,
    boolean reuseDecisions,
    String by,
    String why) {

  public ForkChange {
    nodeModels = nodeModels == null ? Map.of() : Map.copyOf(nodeModels);
    settings = settings == null ? Map.of() : Map.copyOf(settings);
    by = by == null || by.isBlank() ? System.getProperty("user.name", "user") : by;
  }

  /** No change: a branch at the point. */
  public static ForkChange none(String by, String why) {
    return new ForkChange(null, null, null, null, null, null, null, false, by, why);
  }

  public ForkChange withReply(JsonNode turn) {
    return new ForkChange(
        turn, toolResult, plan, task, model, nodeModels, settings, reuseDecisions, by, why);
  }

  public ForkChange withToolResult(String text) {
    return new ForkChange(
        reply, text, plan, task, model, nodeModels, settings, reuseDecisions, by, why);
  }

  public ForkChange withPlan(String text) {
    return new ForkChange(
        reply, toolResult, text, task, model, nodeModels, settings, reuseDecisions, by, why);
  }

  public ForkChange withTask(String text) {
    return new ForkChange(
        reply, toolResult, plan, text, model, nodeModels, settings, reuseDecisions, by, why);
  }

  public ForkChange withModel(ModelConfig m) {
    return new ForkChange(
        reply, toolResult, plan, task, m, nodeModels, settings, reuseDecisions, by, why);
  }

  public ForkChange withNodeModels(Map<String, ModelConfig> models) {
    return new ForkChange(
        reply, toolResult, plan, task, model, models, settings, reuseDecisions, by, why);
  }

  public ForkChange withSettings(Map<String, String> values) {
    return new ForkChange(
        reply, toolResult, plan, task, model, nodeModels, values, reuseDecisions, by, why);
  }

  public ForkChange reusingDecisions(boolean reuse) {
    return new ForkChange(
        reply, toolResult, plan, task, model, nodeModels, settings, reuse, by, why);
  }
}
