package org.benchwright.engine.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * US dollars per million input and output tokens, per model. The defaults are list prices at the
 * time of writing (2025); a project overrides or adds models with its {@code model.prices} setting.
 * A model the table does not know costs 0 and {@link #knows} says so, so the UI can show "cost
 * unknown" rather than a wrong figure.
 */
public final class PriceTable {

  /** Project setting holding the price table (JSON), merged over the defaults. */
  public static final String SETTING = "model.prices";

  record Price(double inputPerMtok, double outputPerMtok) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DEFAULTS_RESOURCE = "default-prices.json";

  /**
   * A dated snapshot ({@code gpt-4o-2024-08-06}, {@code claude-sonnet-4-20250514}) or an alias
   * ({@code -latest}) is priced like its family. Other suffixes are not: {@code o3-pro} costs ten
   * times {@code o3}, so guessing from prefixes would be worse than "unknown".
   */
  private static final Pattern SNAPSHOT =
      Pattern.compile("(.+)-(\\d{4}-\\d{2}-\\d{2}|\\d{8}|latest)");

  private static final PriceTable DEFAULTS = loadDefaults();

  private final Map<String, Price> prices;

  private PriceTable(Map<String, Price> prices) {
    this.prices = Map.copyOf(prices);
  }

  public static PriceTable defaults() {
    return DEFAULTS;
  }

  /**
   * The defaults with a project's {@code model.prices} setting merged over them, e.g. {@code
   * {"gpt-4o": {"input_per_mtok": 2.5, "output_per_mtok": 10.0}}}.
   *
   * @throws ModelException of kind CONFIGURATION when the setting is malformed
   */
  public static PriceTable fromJson(String json) {
    Map<String, Price> merged = new TreeMap<>(DEFAULTS.prices);
    try {
      merged.putAll(parse(json));
    } catch (JsonProcessingException | IllegalArgumentException e) {
      String problem =
          e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
      throw new ModelException(
          ModelException.Kind.CONFIGURATION,
          "The project setting model.prices is not valid ("
              + problem
              + "). Write it like {\"gpt-4o\": {\"input_per_mtok\": 2.5, \"output_per_mtok\": 10.0}}.",
          e);
    }
    return new PriceTable(merged);
  }

  public double costUsd(String model, long inputTokens, long outputTokens) {
    return lookup(model)
        .map(p -> (inputTokens * p.inputPerMtok() + outputTokens * p.outputPerMtok()) / 1_000_000)
        .orElse(0.0);
  }

  public boolean knows(String model) {
    return lookup(model).isPresent();
  }

  /** The whole table (defaults included), models in alphabetical order. */
  public String toJson() {
    ObjectNode root = JSON.createObjectNode();
    new TreeMap<>(prices)
        .forEach(
            (model, price) ->
                root.putObject(model)
                    .put("input_per_mtok", price.inputPerMtok())
                    .put("output_per_mtok", price.outputPerMtok()));
    return root.toPrettyString();
  }

  private Optional<Price> lookup(String model) {
    if (model == null) {
      return Optional.empty();
    }
    Price exact = prices.get(model);
    if (exact != null) {
      return Optional.of(exact);
    }
    Matcher snapshot = SNAPSHOT.matcher(model);
    return snapshot.matches()
        ? Optional.ofNullable(prices.get(snapshot.group(1)))
        : Optional.empty();
  }

  private static Map<String, Price> parse(String json) throws JsonProcessingException {
    JsonNode root = JSON.readTree(json);
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("expected a JSON object of models");
    }
    Map<String, Price> parsed = new TreeMap<>();
    for (Map.Entry<String, JsonNode> entry : root.properties()) {
      parsed.put(
          entry.getKey(),
          new Price(
              perMtok(entry.getKey(), entry.getValue(), "input_per_mtok"),
              perMtok(entry.getKey(), entry.getValue(), "output_per_mtok")));
    }
    return parsed;
  }

  private static double perMtok(String model, JsonNode entry, String field) {
    JsonNode value = entry.get(field);
    if (value == null || !value.isNumber() || value.asDouble() < 0) {
      throw new IllegalArgumentException(
          "'" + model + "' needs " + field + " as a number of dollars, 0 or more");
    }
    return value.asDouble();
  }

  private static PriceTable loadDefaults() {
    try (InputStream in = PriceTable.class.getResourceAsStream(DEFAULTS_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(DEFAULTS_RESOURCE + " is missing from the engine jar");
      }
      return new PriceTable(parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
