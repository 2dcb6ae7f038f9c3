package org.benchwright.engine.capabilities;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * JSON Schema 2020-12 through networknt's validator: a capability's own schemas are checked against
 * the meta-schema (bundled in the library's jar, never fetched), and arguments and results against
 * them. Compiled schemas are cached by their text.
 */
public final class Schemas {

  private static final SchemaRegistry REGISTRY =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
  private static final String META = "https://json-schema.org/draft/2020-12/schema";
  private static final int SHOWN = 5;
  private static final Map<String, Schema> CACHE = new ConcurrentHashMap<>();

  private Schemas() {}

  /**
   * Why {@code schema} is not a JSON Schema; empty when it is one.
   *
   * @param what how the message names it ("parameters", "result")
   */
  static List<String> problemsOfSchema(JsonNode schema) {
    if (schema == null || !(schema.isObject() || schema.isBoolean())) {
      return List.of("is not a JSON Schema (an object such as {\"type\": \"string\"})");
    }
    List<String> meta = messages(REGISTRY.getSchema(SchemaLocation.of(META)).validate(schema));
    if (!meta.isEmpty()) {
      return meta;
    }
    try {
      compiled(schema);
      return List.of();
    } catch (RuntimeException e) {
      return List.of("cannot be compiled: " + e.getMessage());
    }
  }

  /** Why {@code instance} does not conform to {@code schema}; empty when it does. */
  public static List<String> problems(JsonNode schema, JsonNode instance) {
    return messages(compiled(schema).validate(instance));
  }

  private static Schema compiled(JsonNode schema) {
    return CACHE.computeIfAbsent(schema.toString(), k -> REGISTRY.getSchema(schema));
  }

  /**
   * A message with where in the instance it applies ("$.candidates[0].model: ..."), unless at its
   * root.
   */
  private static String located(Error e) {
    String at = e.getInstanceLocation() == null ? "$" : e.getInstanceLocation().toString();
    return at.equals("$") || at.isEmpty() ? e.getMessage() : at + ": " + e.getMessage();
  }

  private static List<String> messages(List<Error> errors) {
    return errors.stream().limit(SHOWN).map(Schemas::located).toList();
  }
}
