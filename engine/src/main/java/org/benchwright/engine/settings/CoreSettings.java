package org.benchwright.engine.settings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.benchwright.engine.agent.ResultCap;
import org.benchwright.engine.cad.CadTables;
import org.benchwright.engine.model.ModelConfig;
import org.benchwright.engine.model.PriceTable;
import org.benchwright.engine.sandbox.SandboxDefaults;
import org.benchwright.engine.sandbox.SandboxLimits;
import org.benchwright.engine.sandbox.SyncLimits;

/**
 * The settings of the engine's own features, with defaults taken from the code that reads them. Two
 * are copied because the agent loop keeps them as literals beside its reader: {@code
 * tool.approval.*} ("always") and the plan-approval fallback ("none"). Workflow plug-ins add their
 * own settings ({@code WorkflowPlugin#settings}).
 */
final class CoreSettings {

  private static final ObjectMapper JSON = new ObjectMapper();

  private CoreSettings() {}

  static List<SettingSpec> specs() {
    return List.of(
        cad(
            CadTables.MATERIALS,
            "Materials parts are priced with, merged over the defaults by field",
            "a JSON object of materials, e.g. {\"pla\": {\"usd_per_kg\": 25}}",
            (key, v) -> CadTables.fromJson(v, null, null)),
        cad(
            CadTables.MOTORS,
            "Motors an assembly may use, merged over the defaults by field",
            "a JSON object of motors, e.g. {\"servo\": {\"usd\": 12}}",
            (key, v) -> CadTables.fromJson(null, v, null)),
        cad(
            CadTables.PROCESSES,
            "Manufacturing process constants (printing, cnc, injection_molding, repeated_part)",
            "a JSON object of processes, e.g. {\"cnc\": {\"usd_per_hour\": 60}}",
            (key, v) -> CadTables.fromJson(null, null, v)),
        SettingSpec.of(
                PriceTable.SETTING,
                SettingScope.PROJECT,
                SettingType.jsonObject(
                    "a JSON object of models, e.g. {\"gpt-4o\": {\"input_per_mtok\": 2.5,"
                        + " \"output_per_mtok\": 10.0}}"),
                compact(PriceTable.defaults().toJson()),
                "US dollars per million tokens by model, merged over the list prices")
            .checkedBy((key, v) -> PriceTable.fromJson(v)),
        SettingSpec.of(
                SandboxDefaults.KEY,
                SettingScope.PROJECT,
                sandboxLimits(),
                SandboxDefaults.toJson(SandboxLimits.defaults()),
                "Limits of every sandbox container, over the built-in ones")
            .checkedBy(SandboxDefaults::parse),
        SettingSpec.withDefaultNote(
                SandboxDefaults.KEY + ".{workflow}",
                SettingScope.WORKFLOW,
                sandboxLimits(),
                "sandbox.limits",
                "Limits of one workflow's sandbox containers, over sandbox.limits")
            .checkedBy(SandboxDefaults::parse),
        SettingSpec.of(
            SyncLimits.MAX_FILES,
            SettingScope.PROJECT,
            SettingType.integer(1, 10_000_000),
            String.valueOf(SyncLimits.defaults().maxFiles()),
            "Most files and links of one run copied out of its sandbox; more are reported, not"
                + " recorded"),
        SettingSpec.of(
            SyncLimits.MAX_FILE_MB,
            SettingScope.PROJECT,
            SettingType.integer(1, 1_048_576),
            String.valueOf(SyncLimits.defaults().maxFileBytes() >> 20),
            "Largest file (MiB) copied out of a sandbox; a bigger or sparse one is reported, not"
                + " recorded"),
        SettingSpec.of(
            SyncLimits.MAX_TOTAL_MB,
            SettingScope.PROJECT,
            SettingType.integer(1, 16_777_216),
            String.valueOf(SyncLimits.defaults().maxTotalBytes() >> 20),
            "Most MiB of one run's files copied out of its sandbox in all"),
        SettingSpec.of(
            ResultCap.KEY,
            SettingScope.PROJECT,
            SettingType.integer(1_000, 10_000_000),
            String.valueOf(ResultCap.DEFAULT_CHARS),
            "Most characters of one result of this tool the model reads; the rest is left out and"
                + " the model is told so"),
        SettingSpec.of(
            "tool.approval.{tool}",
            SettingScope.PROJECT,
            SettingType.oneOf("always", "ask", "never"),
            "\"always\"",
            "Whether a tool runs (always), waits for a human (ask) or is refused (never)"),
        SettingSpec.withDefaultNote(
            "workflow.{workflow}.{node}.plan_approval",
            SettingScope.WORKFLOW_NODE,
            // The definitions and the CLI's own hint say "auto"; the reader's fallback is "none".
            // Both mean no gate: only "ask" opens one.
            SettingType.oneOf("ask", "auto", "none"),
            "the workflow's definition (none if it says nothing)",
            "ask: the node's plan waits for a human's approval; auto or none: it does not"),
        SettingSpec.withDefaultNote(
                "workflow.{workflow}.{node}.model",
                SettingScope.WORKFLOW_NODE,
                SettingType.jsonObject(
                    "a model config, e.g. {\"provider\": \"openai\", \"model\": \"gpt-4o\"}"),
                "the run's model",
                "The model this node talks to instead of the run's (replays ignore it)")
            .checkedBy((key, v) -> ModelConfig.fromJson(v)));
  }

  private static SettingSpec cad(
      String key, String description, String allowed, SettingSpec.Check parser) {
    return SettingSpec.of(
            key,
            SettingScope.PROJECT,
            SettingType.jsonObject(allowed),
            defaultTable(key),
            description)
        .checkedBy(parser);
  }

  private static SettingType sandboxLimits() {
    return SettingType.jsonObject(
        "a JSON object of any of memoryMb, cpus, pids, tmpMb, workspaceMb, openFiles,"
            + " outputCapKb, e.g. {\"memoryMb\": 2048}");
  }

  /** One table of the defaults, as the setting would hold it. */
  private static String defaultTable(String key) {
    try {
      return JSON.readTree(CadTables.defaults().toJson()).get(key).toString();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("CadTables wrote JSON it cannot read", e);
    }
  }

  private static String compact(String json) {
    try {
      return JSON.readTree(json).toString();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("not JSON: " + json, e);
    }
  }
}
