package org.benchwright.engine.experiments;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * How an experiment's metric is read: a regular expression on its output (the first group, the last
 * match winning, as training scripts print progress before the final figure), or a key of a JSON
 * file it writes; and whether lower or higher is better.
 *
 * @param regex a pattern with one group, or null
 * @param jsonFile a run-relative JSON file, or null
 * @param jsonKey a dotted path inside it ({@code eval.accuracy})
 */
public record Metric(String regex, String jsonFile, String jsonKey, Direction direction) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Which way is better. */
  public enum Direction {
    MIN,
    MAX;

    public static Direction of(String s) {
      return switch (s == null ? "" : s.strip().toLowerCase(Locale.ROOT)) {
        case "min", "minimize", "lower" -> MIN;
        case "max", "maximize", "higher" -> MAX;
        default -> throw new IllegalArgumentException("direction must be min or max, not " + s);
      };
    }
  }

  /** A value, or why there is none (said to the model and recorded). */
  public record Reading(Double value, String problem) {
    static Reading of(double v) {
      return new Reading(v, null);
    }

    static Reading none(String problem) {
      return new Reading(null, problem);
    }

    public boolean ok() {
      return value != null;
    }
  }

  public Metric {
    if ((regex == null) == (jsonFile == null)) {
      throw new IllegalArgumentException("a metric is read by a regex or from a JSON file, one of");
    }
    if (regex != null) {
      Pattern p;
      try {
        p = Pattern.compile(regex);
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException(
            "the metric regex does not compile: " + e.getDescription());
      }
      if (p.matcher("").groupCount() < 1) {
        throw new IllegalArgumentException("the metric regex needs a group around the number");
      }
    }
    if (jsonFile != null && (jsonKey == null || jsonKey.isBlank())) {
      throw new IllegalArgumentException("a JSON metric needs the key to read");
    }
    if (direction == null) {
      throw new IllegalArgumentException("a metric needs a direction (min or max)");
    }
  }

  public static Metric regex(String regex, Direction d) {
    return new Metric(regex, null, null, d);
  }

  public static Metric json(String file, String key, Direction d) {
    return new Metric(null, file, key, d);
  }

  /** Reads the metric from the output (regex) or the JSON file's content (null when absent). */
  public Reading read(String output, byte[] jsonContent) {
    return regex != null ? fromOutput(output) : fromJson(jsonContent);
  }

  private Reading fromOutput(String output) {
    Matcher m = Pattern.compile(regex).matcher(output == null ? "" : output);
    String last = null;
    while (m.find()) {
      last = m.group(1);
    }
    if (last == null) {
      return Reading.none("the output has no match for the metric pattern /" + regex + "/");
    }
    return number(last, "/" + regex + "/");
  }

  private Reading fromJson(byte[] content) {
    if (content == null) {
      return Reading.none("the experiment wrote no " + jsonFile);
    }
    JsonNode n;
    try {
      n = JSON.readTree(content);
    } catch (JsonProcessingException e) {
      return Reading.none(jsonFile + " is not valid JSON: " + e.getOriginalMessage());
    } catch (java.io.IOException e) {
      return Reading.none(jsonFile + " cannot be read: " + e.getMessage());
    }
    for (String part : jsonKey.split("\\.")) {
      n = n == null ? null : n.get(part);
    }
    if (n == null || n.isNull()) {
      return Reading.none(jsonFile + " has no " + jsonKey);
    }
    return n.isNumber() ? finite(n.asDouble(), jsonKey) : number(n.asText(), jsonKey);
  }

  private static Reading number(String text, String where) {
    try {
      return finite(Double.parseDouble(text.strip()), where);
    } catch (NumberFormatException e) {
      return Reading.none("the metric " + where + " is not a number: '" + text + "'");
    }
  }

  private static Reading finite(double v, String where) {
    return Double.isFinite(v)
        ? Reading.of(v)
        : Reading.none("the metric " + where + " is " + v + ", not a finite number");
  }
}
