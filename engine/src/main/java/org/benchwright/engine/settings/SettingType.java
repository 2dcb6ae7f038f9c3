package org.benchwright.engine.settings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * How the text a user types for a setting becomes the JSON the project stores, and what is allowed.
 * Settings hold JSON: a number is stored as {@code 4}, a word as {@code "ask"}, a table as its
 * object. Readers elsewhere parse exactly that, so every value goes through one of these types.
 */
public final class SettingType {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private final String allowed;
  private final Function<String, String> toStored;
  private final boolean text;

  private SettingType(String allowed, Function<String, String> toStored, boolean text) {
    this.allowed = allowed;
    this.toStored = toStored;
    this.text = text;
  }

  /** A whole number from {@code min} to {@code max} (both included). */
  public static SettingType integer(long min, long max) {
    String allowed =
        max == Integer.MAX_VALUE || max == Long.MAX_VALUE
            ? "an integer of at least " + min
            : "an integer from " + min + " to " + max;
    return new SettingType(
        allowed,
        typed -> {
          long n;
          try {
            n = Long.parseLong(typed.strip());
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + typed.strip() + "' is not an integer");
          }
          if (n < min || n > max) {
            throw new IllegalArgumentException(n + " is out of range");
          }
          return Long.toString(n);
        },
        false);
  }

  /** A finite decimal number; the owner's check (see {@link SettingSpec#checkedBy}) bounds it. */
  public static SettingType decimal() {
    return new SettingType(
        "a number",
        typed -> {
          try {
            return new BigDecimal(typed.strip()).stripTrailingZeros().toPlainString();
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + typed.strip() + "' is not a number");
          }
        },
        false);
  }

  public static SettingType bool() {
    return new SettingType(
        "true or false",
        typed ->
            switch (typed.strip().toLowerCase(Locale.ROOT)) {
              case "true" -> "true";
              case "false" -> "false";
              default ->
                  throw new IllegalArgumentException("'" + typed.strip() + "' is not a boolean");
            },
        false);
  }

  /** One of these words, stored as a JSON string; a user may type it with or without quotes. */
  public static SettingType oneOf(String... values) {
    List<String> allowed = List.of(values);
    return new SettingType(
        "one of " + String.join(", ", allowed),
        typed -> {
          String word = unquote(typed.strip());
          if (!allowed.contains(word)) {
            throw new IllegalArgumentException("'" + word + "' is not one of them");
          }
          return JSON.getNodeFactory().textNode(word).toString();
        },
        true);
  }

  /**
   * A JSON object, stored compact. What it must hold is the owner's to say: give the spec a check
   * that runs the owner's parser (see {@link SettingSpec#checkedBy}).
   *
   * @param what e.g. "a JSON object of materials such as {...}"
   */
  public static SettingType jsonObject(String what) {
    return new SettingType(
        what,
        typed -> {
          JsonNode node;
          try {
            node = JSON.readTree(typed);
          } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                "it is not valid JSON (" + e.getOriginalMessage() + ")");
          }
          if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("it is not a JSON object");
          }
          return node.toString();
        },
        false);
  }

  /**
   * Names matching {@code pattern}, typed comma-separated ("a, b") or as a JSON array, stored as a
   * JSON array of strings (empty allowed).
   */
  public static SettingType names(String what, java.util.regex.Pattern pattern) {
    return new SettingType(
        what,
        typed -> {
          String t = typed.strip();
          List<String> names = new java.util.ArrayList<>();
          if (t.startsWith("[")) {
            JsonNode node;
            try {
              node = JSON.readTree(t);
            } catch (JsonProcessingException e) {
              throw new IllegalArgumentException(
                  "it is not valid JSON (" + e.getOriginalMessage() + ")");
            }
            for (JsonNode n : node) {
              if (!n.isTextual()) {
                throw new IllegalArgumentException(n + " is not a name");
              }
              names.add(n.asText().strip());
            }
          } else if (!t.isEmpty()) {
            for (String part : t.split(",")) {
              names.add(part.strip());
            }
          }
          var array = JSON.createArrayNode();
          for (String n : names) {
            if (!pattern.matcher(n).matches()) {
              throw new IllegalArgumentException("'" + n + "' is not " + what);
            }
            array.add(n);
          }
          return array.toString();
        },
        false);
  }

  /** What a value must look like, for messages and help. */
  public String allowed() {
    return allowed;
  }

  /**
   * The JSON to store for what the user typed.
   *
   * @throws IllegalArgumentException saying what is wrong with it (without the key)
   */
  public String toStored(String typed) {
    if (typed == null || typed.isBlank()) {
      throw new IllegalArgumentException("the value is empty");
    }
    return toStored.apply(typed);
  }

  /** A stored value as the user would type it: words without their JSON quotes. */
  public String display(String stored) {
    if (!text) {
      return stored;
    }
    try {
      JsonNode node = JSON.readTree(stored);
      return node != null && node.isTextual() ? node.asText() : stored;
    } catch (JsonProcessingException e) {
      return stored; // written by something else; shown as it is rather than hidden
    }
  }

  private static String unquote(String s) {
    return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")
        ? s.substring(1, s.length() - 1)
        : s;
  }
}
