package org.benchwright.engine.cad;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.benchwright.engine.project.Settings;

/**
 * The materials, motors and process constants a project prices parts with. The defaults (DOMAIN
 * figures, plus documented $/kg for the other materials) live in {@code cad-defaults.json}; a
 * project's settings {@link #MATERIALS}, {@link #MOTORS} and {@link #PROCESSES} are merged over
 * them field by field, so {@code {"pla": {"usd_per_kg": 25}}} changes one price and keeps PLA's
 * density.
 */
public final class CadTables {

  public static final String MATERIALS = "cad.materials";
  public static final String MOTORS = "cad.motors";
  public static final String PROCESSES = "cad.processes";

  private enum Rule {
    POSITIVE,
    NON_NEGATIVE,
    ANY
  }

  private static final Map<String, Rule> MATERIAL_FIELDS =
      fields("density_g_cm3", Rule.POSITIVE, "usd_per_kg", Rule.NON_NEGATIVE);
  private static final Map<String, Rule> MOTOR_FIELDS =
      fields(
          "torque_nm", Rule.POSITIVE,
          "force_min", Rule.ANY,
          "force_max", Rule.ANY,
          "kp", Rule.NON_NEGATIVE,
          "kv", Rule.NON_NEGATIVE,
          "mass_g", Rule.NON_NEGATIVE,
          "usd", Rule.NON_NEGATIVE);
  private static final Map<String, Map<String, Rule>> PROCESS_FIELDS =
      Map.of(
          "printing",
          fields("setup_usd", Rule.NON_NEGATIVE, "cm3_per_hour", Rule.POSITIVE)
              .with("usd_per_hour", Rule.NON_NEGATIVE),
          "cnc",
          fields("setup_usd", Rule.NON_NEGATIVE, "removal_mm3_per_min", Rule.POSITIVE)
              .with("feed_mm_per_min", Rule.POSITIVE)
              .with("stepover_mm", Rule.POSITIVE)
              .with("usd_per_hour", Rule.NON_NEGATIVE)
              .with("min_tool_radius_mm", Rule.NON_NEGATIVE),
          "injection_molding",
          fields("tooling_usd", Rule.NON_NEGATIVE, "tooling_usd_per_cm2", Rule.NON_NEGATIVE)
              .with("fill_cm3_per_s", Rule.POSITIVE)
              .with("seconds_per_mm", Rule.NON_NEGATIVE)
              .with("usd_per_hour", Rule.NON_NEGATIVE)
              .with("min_draft_deg", Rule.NON_NEGATIVE)
              .with("min_wall_mm", Rule.NON_NEGATIVE)
              .with("max_wall_mm", Rule.POSITIVE),
          "repeated_part",
          fields("setup_factor", Rule.NON_NEGATIVE, "tooling_factor", Rule.NON_NEGATIVE));

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DEFAULTS_RESOURCE = "cad-defaults.json";
  private static final CadTables DEFAULTS = loadDefaults();

  private final Map<String, Map<String, Double>> materialRows;
  private final Map<String, Map<String, Double>> motorRows;
  private final Map<String, Map<String, Double>> processRows;
  private final Map<String, Material> materials;
  private final Map<String, Motor> motors;
  private final ProcessConstants processes;

  private CadTables(
      Map<String, Map<String, Double>> materialRows,
      Map<String, Map<String, Double>> motorRows,
      Map<String, Map<String, Double>> processRows) {
    this.materialRows = materialRows;
    this.motorRows = motorRows;
    this.processRows = processRows;
    Map<String, Material> m = new TreeMap<>();
    materialRows.forEach(
        (name, r) -> m.put(name, new Material(name, r.get("density_g_cm3"), r.get("usd_per_kg"))));
    this.materials = Collections.unmodifiableMap(m);
    Map<String, Motor> mo = new TreeMap<>();
    motorRows.forEach(
        (name, r) -> {
          if (r.get("force_min") > r.get("force_max")) {
            throw new CadSettingsException(
                "Setting " + MOTORS + ": '" + name + "' has force_min above force_max.");
          }
          mo.put(
              name,
              new Motor(
                  name,
                  r.get("torque_nm"),
                  r.get("force_min"),
                  r.get("force_max"),
                  r.get("kp"),
                  r.get("kv"),
                  r.get("mass_g"),
                  r.get("usd")));
        });
    this.motors = Collections.unmodifiableMap(mo);
    Map<String, Double> p = processRows.get("printing");
    Map<String, Double> c = processRows.get("cnc");
    Map<String, Double> i = processRows.get("injection_molding");
    Map<String, Double> r = processRows.get("repeated_part");
    if (i.get("min_wall_mm") > i.get("max_wall_mm")) {
      throw new CadSettingsException(
          "Setting " + PROCESSES + ": injection_molding min_wall_mm is above max_wall_mm.");
    }
    this.processes =
        new ProcessConstants(
            new ProcessConstants.Printing(
                p.get("setup_usd"), p.get("cm3_per_hour"), p.get("usd_per_hour")),
            new ProcessConstants.Cnc(
                c.get("setup_usd"),
                c.get("removal_mm3_per_min"),
                c.get("feed_mm_per_min"),
                c.get("stepover_mm"),
                c.get("usd_per_hour"),
                c.get("min_tool_radius_mm")),
            new ProcessConstants.Molding(
                i.get("tooling_usd"),
                i.get("tooling_usd_per_cm2"),
                i.get("fill_cm3_per_s"),
                i.get("seconds_per_mm"),
                i.get("usd_per_hour"),
                i.get("min_draft_deg"),
                i.get("min_wall_mm"),
                i.get("max_wall_mm")),
            new ProcessConstants.RepeatedPart(r.get("setup_factor"), r.get("tooling_factor")));
  }

  public static CadTables defaults() {
    return DEFAULTS;
  }

  /**
   * The defaults with a project's settings merged over them.
   *
   * @throws CadSettingsException naming the setting when one is malformed
   */
  public static CadTables from(Settings settings) {
    return fromJson(
        settings.get(MATERIALS).orElse(null),
        settings.get(MOTORS).orElse(null),
        settings.get(PROCESSES).orElse(null));
  }

  /**
   * The defaults with settings values (each JSON text, or null for none) merged over them; lets a
   * caller validate a value before storing it.
   *
   * @throws CadSettingsException naming the setting when one is malformed
   */
  public static CadTables fromJson(String materials, String motors, String processes) {
    return new CadTables(
        mergeRows(DEFAULTS.materialRows, materials, MATERIALS, MATERIAL_FIELDS, "material"),
        mergeRows(DEFAULTS.motorRows, motors, MOTORS, MOTOR_FIELDS, "motor"),
        mergeProcesses(DEFAULTS.processRows, processes));
  }

  /** By name. */
  public Map<String, Material> materials() {
    return materials;
  }

  /**
   * @throws IllegalArgumentException naming the known materials when {@code name} is not one
   */
  public Material material(String name) {
    return named(materials, "material", name);
  }

  /** By name. */
  public Map<String, Motor> motors() {
    return motors;
  }

  /**
   * @throws IllegalArgumentException naming the known motors when {@code name} is not one
   */
  public Motor motor(String name) {
    return named(motors, "motor", name);
  }

  /** The row called {@code name}; an unknown name is refused with the names there are. */
  private static <T> T named(Map<String, T> rows, String kind, String name) {
    T row = rows.get(name);
    if (row == null) {
      throw new IllegalArgumentException(
          "Unknown " + kind + " '" + name + "'. Known: " + String.join(", ", rows.keySet()) + ".");
    }
    return row;
  }

  public ProcessConstants processes() {
    return processes;
  }

  /** The whole effective tables as one JSON object keyed by setting name (for display). */
  public String toJson() {
    ObjectNode root = JSON.createObjectNode();
    root.set(MATERIALS, JSON.valueToTree(materialRows));
    root.set(MOTORS, JSON.valueToTree(motorRows));
    root.set(PROCESSES, JSON.valueToTree(processRows));
    return root.toPrettyString();
  }

  private static Map<String, Map<String, Double>> mergeRows(
      Map<String, Map<String, Double>> base,
      String json,
      String key,
      Map<String, Rule> fields,
      String what) {
    Map<String, Map<String, Double>> merged = new TreeMap<>();
    base.forEach((name, row) -> merged.put(name, new LinkedHashMap<>(row)));
    if (json == null) {
      return freeze(merged);
    }
    for (Map.Entry<String, JsonNode> entry : object(json, key).properties()) {
      String name = entry.getKey();
      if (!entry.getValue().isObject()) {
        throw new CadSettingsException(
            "Setting " + key + ": '" + name + "' must be an object of " + fields.keySet() + ".");
      }
      Map<String, Double> row = merged.computeIfAbsent(name, n -> new LinkedHashMap<>());
      mergeFields(row, entry.getValue(), key, name, fields);
      if (row.size() != fields.size()) {
        throw new CadSettingsException(
            "Setting "
                + key
                + ": the new "
                + what
                + " '"
                + name
                + "' needs every field: "
                + String.join(", ", fields.keySet())
                + ".");
      }
    }
    return freeze(merged);
  }

  private static Map<String, Map<String, Double>> mergeProcesses(
      Map<String, Map<String, Double>> base, String json) {
    Map<String, Map<String, Double>> merged = new TreeMap<>();
    base.forEach((name, row) -> merged.put(name, new LinkedHashMap<>(row)));
    if (json == null) {
      return freeze(merged);
    }
    for (Map.Entry<String, JsonNode> entry : object(json, PROCESSES).properties()) {
      Map<String, Rule> fields = PROCESS_FIELDS.get(entry.getKey());
      if (fields == null) {
        throw new CadSettingsException(
            "Setting "
                + PROCESSES
                + " has an unknown process '"
                + entry.getKey()
                + "'. Known: "
                + String.join(", ", new TreeMap<>(PROCESS_FIELDS).keySet())
                + ".");
      }
      if (!entry.getValue().isObject()) {
        throw new CadSettingsException(
            "Setting " + PROCESSES + ": '" + entry.getKey() + "' must be an object.");
      }
      Map<String, Double> row = merged.computeIfAbsent(entry.getKey(), n -> new LinkedHashMap<>());
      mergeFields(row, entry.getValue(), PROCESSES, entry.getKey(), fields);
    }
    return freeze(merged);
  }

  private static void mergeFields(
      Map<String, Double> row, JsonNode object, String key, String name, Map<String, Rule> fields) {
    for (Map.Entry<String, JsonNode> field : object.properties()) {
      Rule rule = fields.get(field.getKey());
      String where = "Setting " + key + ": '" + name + "'";
      if (rule == null) {
        throw new CadSettingsException(
            where
                + " has an unknown field '"
                + field.getKey()
                + "'. Known: "
                + String.join(", ", fields.keySet())
                + ".");
      }
      JsonNode value = field.getValue();
      if (!value.isNumber() || !Double.isFinite(value.asDouble())) {
        throw new CadSettingsException(where + ": " + field.getKey() + " must be a number.");
      }
      double v = value.asDouble();
      if (rule == Rule.POSITIVE && v <= 0) {
        throw new CadSettingsException(
            where + ": " + field.getKey() + " must be above 0, found " + v + ".");
      }
      if (rule == Rule.NON_NEGATIVE && v < 0) {
        throw new CadSettingsException(
            where + ": " + field.getKey() + " must not be negative, found " + v + ".");
      }
      row.put(field.getKey(), v);
    }
  }

  private static JsonNode object(String json, String key) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new CadSettingsException(
          "Setting " + key + " is not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new CadSettingsException("Setting " + key + " must be a JSON object.");
    }
    return root;
  }

  private static Map<String, Map<String, Double>> freeze(Map<String, Map<String, Double>> rows) {
    Map<String, Map<String, Double>> frozen = new TreeMap<>();
    rows.forEach((k, v) -> frozen.put(k, Collections.unmodifiableMap(v)));
    return Collections.unmodifiableMap(frozen);
  }

  private static CadTables loadDefaults() {
    try (InputStream in = CadTables.class.getResourceAsStream(DEFAULTS_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(DEFAULTS_RESOURCE + " is missing from the engine jar");
      }
      JsonNode root = JSON.readTree(in);
      Map<String, Map<String, Double>> none = Map.of();
      Map<String, Map<String, Double>> emptyProcesses = new TreeMap<>();
      PROCESS_FIELDS.keySet().forEach(p -> emptyProcesses.put(p, Map.of()));
      CadTables tables =
          new CadTables(
              mergeRows(
                  none, root.get(MATERIALS).toString(), MATERIALS, MATERIAL_FIELDS, "material"),
              mergeRows(none, root.get(MOTORS).toString(), MOTORS, MOTOR_FIELDS, "motor"),
              mergeProcesses(emptyProcesses, root.get(PROCESSES).toString()));
      for (Map.Entry<String, Map<String, Double>> row : tables.processRows.entrySet()) {
        if (row.getValue().size() != PROCESS_FIELDS.get(row.getKey()).size()) {
          throw new IllegalStateException(DEFAULTS_RESOURCE + " misses fields of " + row.getKey());
        }
      }
      return tables;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An ordered field list; {@link FieldList#with} keeps the literal short. */
  private static FieldList fields(String a, Rule ra, String b, Rule rb) {
    return new FieldList().with(a, ra).with(b, rb);
  }

  private static FieldList fields(
      String a,
      Rule ra,
      String b,
      Rule rb,
      String c,
      Rule rc,
      String d,
      Rule rd,
      String e,
      Rule re,
      String f,
      Rule rf,
      String g,
      Rule rg) {
    return fields(a, ra, b, rb).with(c, rc).with(d, rd).with(e, re).with(f, rf).with(g, rg);
  }

  private static final class FieldList extends LinkedHashMap<String, Rule> {
    FieldList with(String name, Rule rule) {
      put(name, rule);
      return this;
    }
  }
}
