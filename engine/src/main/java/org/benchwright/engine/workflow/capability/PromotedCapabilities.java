package org.benchwright.engine.workflow.capability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonRawSchema;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.benchwright.engine.agent.Tool;
import org.benchwright.engine.agent.ToolResult;
import org.benchwright.engine.agent.ToolSource;
import org.benchwright.engine.agent.Tools;
import org.benchwright.engine.capabilities.CapabilityRegistry;
import org.benchwright.engine.capabilities.CapabilitySandbox;
import org.benchwright.engine.capabilities.CapabilitySpec;
import org.benchwright.engine.project.Capabilities.Entry;
import org.benchwright.engine.project.Event;
import org.benchwright.engine.project.EventPayload.Capability;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.settings.SettingScope;
import org.benchwright.engine.settings.SettingSpec;
import org.benchwright.engine.settings.SettingType;

/**
 * Promotion: capabilities a user lists in {@code workflow.NAME.capabilities} become tools of their
 * own ({@code cap_NAME}, with the capability's parameters) in every node of that workflow. A call
 * goes through the registry like {@code call_capability}: arguments checked against the full
 * schema, run in the sandbox, result checked, counted. Quarantined ones are not offered.
 */
final class PromotedCapabilities implements ToolSource {

  static final String KEY = "workflow.{workflow}.capabilities";
  static final String PREFIX = "cap_";

  /** Tool names are at most 64 characters at the model providers. */
  static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,59}");

  private static final ObjectMapper JSON = new ObjectMapper();

  static SettingSpec setting() {
    return SettingSpec.of(
        KEY,
        SettingScope.WORKFLOW,
        SettingType.names("a capability name (at most 60 characters)", NAME),
        "[]",
        "Capabilities offered to this workflow's nodes as tools of their own (cap_NAME)");
  }

  @Override
  public List<Tool> tools(Project project, String workflow) {
    Optional<String> stored = project.settings().get("workflow." + workflow + ".capabilities");
    if (stored.isEmpty()) {
      return List.of();
    }
    List<Tool> out = new ArrayList<>();
    try {
      for (JsonNode n : JSON.readTree(stored.get())) {
        project
            .capabilities()
            .get(n.asText())
            .filter(Entry::offered)
            .map(PromotedCapabilities::tool)
            .ifPresent(out::add);
      }
    } catch (IOException e) {
      return List.of(); // the setting's check stores only arrays of names
    }
    return out;
  }

  private static Tool tool(Entry e) {
    CapabilitySpec spec = CapabilityRegistry.spec(e.latest());
    JsonObjectSchema.Builder params = Tools.schema();
    var props = spec.parameters().path("properties").fields();
    while (props.hasNext()) {
      var p = props.next();
      // The provider sees each parameter's own schema; the registry checks the whole one.
      params.addProperty(p.getKey(), JsonRawSchema.from(p.getValue().toString()));
    }
    List<String> required = new ArrayList<>();
    spec.parameters().path("required").forEach(r -> required.add(r.asText()));
    params.required(required);
    String name = e.name();
    return Tools.tool(
        PREFIX + name,
        spec.description() + " (a verified capability, v" + e.latest().version() + ")",
        params.build(),
        (ctx, a) -> {
          CapabilityRegistry.CallResult r =
              CapabilityRegistry.of(ctx.project())
                  .call(
                      name,
                      a,
                      CapabilitySandbox.inRun(ctx.sandbox().get(), ctx.node()),
                      CapabilitySettings.callLimit(ctx.project()),
                      ctx.runId(),
                      ctx.lastSeq());
          var data = JSON.createObjectNode();
          data.set("arguments", a);
          if (r.ok()) {
            data.set("value", r.value());
          } else {
            data.put("error", r.error());
          }
          ctx.project()
              .events()
              .append(
                  ctx.runId(),
                  Event.of(
                      ctx.node(),
                      new Capability(
                          "call",
                          name,
                          r.version() == 0 ? null : r.version(),
                          r.ok(),
                          r.ok() ? "returned " + r.value() : r.error(),
                          data)));
          return r.ok() ? ToolResult.ok("Returned: " + r.value()) : ToolResult.error(r.error());
        });
  }
}
