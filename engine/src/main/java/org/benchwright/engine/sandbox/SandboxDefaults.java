package org.benchwright.engine.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Iterator;
import java.util.Optional;
import org.benchwright.engine.project.Settings;

/**
 * Sandbox limits from project settings: {@code sandbox.limits} overrides the built-in defaults for
 * the whole project, {@code sandbox.limits.WORKFLOW} overrides those for one workflow. Each is a
 * JSON object with any of: memoryMb, cpus, pids, tmpMb, workspaceMb, openFiles, outputCapKb.
 */
public final class SandboxDefaults {

  public static final String KEY = "sandbox.limits";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long MIB = 1024L * 1024;

  private SandboxDefaults() {}

  public static SandboxLimits limitsFor(Settings settings, String workflow) {
    SandboxLimits limits = SandboxLimits.defaults();
    limits = apply(limits, settings.get(KEY), KEY);
    if (workflow != null) {
      limits = apply(limits, settings.get(KEY + "." + workflow), KEY + "." + workflow);
    }
    return limits;
  }

  /**
   * The limits a value of {@code key} (JSON text) gives over the built-in defaults, so a caller can
   * check a value before storing it.
   *
   * @throws IllegalArgumentException naming the setting when the value is malformed
   */
  public static SandboxLimits parse(String key, String json) {
    return apply(SandboxLimits.defaults(), Optional.of(json), key);
  }

  /** Limits written the way the settings hold them (MiB, KiB), e.g. to show the defaults. */
  public static String toJson(SandboxLimits limits) {
    return JSON.createObjectNode()
        .put("memoryMb", limits.memoryBytes() / MIB)
        .put("cpus", limits.cpus())
        .put("pids", limits.pids())
        .put("tmpMb", limits.tmpBytes() / MIB)
        .put("workspaceMb", limits.workspaceBytes() / MIB)
        .put("openFiles", limits.openFiles())
        .put("outputCapKb", limits.outputCapBytes() / 1024)
        .toString();
  }

  static SandboxLimits apply(SandboxLimits base, Optional<String> json, String key) {
    if (json.isEmpty()) {
      return base;
    }
    JsonNode o;
    try {
      o = JSON.readTree(json.get());
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(
          "Setting " + key + " is not valid JSON: " + e.getMessage(), e);
    }
    if (o == null || !o.isObject()) {
      throw new IllegalArgumentException("Setting " + key + " must be a JSON object.");
    }
    for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!java.util.Set.of(
              "memoryMb", "cpus", "pids", "tmpMb", "workspaceMb", "openFiles", "outputCapKb")
          .contains(f)) {
        throw new IllegalArgumentException("Setting " + key + " has an unknown limit '" + f + "'.");
      }
      if (!o.get(f).isNumber()) {
        throw new IllegalArgumentException("Setting " + key + ": '" + f + "' must be a number.");
      }
    }
    try {
      return new SandboxLimits(
          o.has("memoryMb") ? o.get("memoryMb").asLong() * MIB : base.memoryBytes(),
          o.has("cpus") ? o.get("cpus").asDouble() : base.cpus(),
          o.has("pids") ? o.get("pids").asLong() : base.pids(),
          o.has("tmpMb") ? o.get("tmpMb").asLong() * MIB : base.tmpBytes(),
          o.has("workspaceMb") ? o.get("workspaceMb").asLong() * MIB : base.workspaceBytes(),
          o.has("openFiles") ? o.get("openFiles").asLong() : base.openFiles(),
          o.has("outputCapKb")
              ? Math.toIntExact(o.get("outputCapKb").asLong() * 1024)
              : base.outputCapBytes());
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw new IllegalArgumentException("Setting " + key + ": " + e.getMessage(), e);
    }
  }
}
