package org.benchwright.engine.settings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One setting a user may set: its key, or a key pattern whose {@code {placeholders}} each stand for
 * one name ({@code workflow.{workflow}.{node}.plan_approval}); its type; its default; a one-line
 * description; and what it applies to.
 *
 * @param key the key or key pattern
 * @param scope what one value applies to
 * @param type how typed text becomes the stored JSON
 * @param defaultJson the stored form of the default, or null when the default is not one fixed
 *     value (then {@code defaultNote} says what it is)
 * @param defaultNote what the default is when it is not one fixed value; null otherwise
 * @param description one line for lists and help
 * @param check the owner's check of a stored value (its parser), or null
 */
public record SettingSpec(
    String key,
    SettingScope scope,
    SettingType type,
    String defaultJson,
    String defaultNote,
    String description,
    Check check) {

  /** A placeholder matches one name: no dots, so patterns cannot swallow each other's parts. */
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z]+)}");

  private static final String NAME = "[A-Za-z0-9_-]+";

  /**
   * The owner's validation of a stored value, usually its parser (e.g. {@code
   * PriceTable.fromJson}); any exception it throws rejects the value with its message.
   */
  @FunctionalInterface
  public interface Check {
    void check(String key, String storedJson);
  }

  public SettingSpec {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(description, "description");
    if ((defaultJson == null) == (defaultNote == null)) {
      throw new IllegalArgumentException(
          key + ": give either a default value or a note saying what the default is");
    }
  }

  /** A setting with one fixed default ({@code defaultJson}: its stored form). */
  public static SettingSpec of(
      String key, SettingScope scope, SettingType type, String defaultJson, String description) {
    return new SettingSpec(key, scope, type, defaultJson, null, description, null);
  }

  /** A setting whose default is not one value, e.g. "the run's model". */
  public static SettingSpec withDefaultNote(
      String key, SettingScope scope, SettingType type, String defaultNote, String description) {
    return new SettingSpec(key, scope, type, null, defaultNote, description, null);
  }

  /** This spec with the owner's check run on every value before it is stored. */
  public SettingSpec checkedBy(Check ownerCheck) {
    return new SettingSpec(
        key,
        scope,
        type,
        defaultJson,
        defaultNote,
        description,
        Objects.requireNonNull(ownerCheck));
  }

  public boolean isPattern() {
    return PLACEHOLDER.matcher(key).find();
  }

  /** The placeholder names, in order ({@code [workflow, node]}). */
  public List<String> placeholders() {
    List<String> names = new ArrayList<>();
    Matcher m = PLACEHOLDER.matcher(key);
    while (m.find()) {
      names.add(m.group(1));
    }
    return List.copyOf(names);
  }

  /** Whether a concrete key is this setting (the key itself, or the pattern filled in). */
  public boolean matches(String concreteKey) {
    return bind(concreteKey).isPresent();
  }

  /** The names a concrete key gives the placeholders; empty when it does not match. */
  public Optional<Map<String, String>> bind(String concreteKey) {
    if (!isPattern()) {
      return key.equals(concreteKey) ? Optional.of(Map.of()) : Optional.empty();
    }
    Matcher m = regex().matcher(concreteKey);
    if (!m.matches()) {
      return Optional.empty();
    }
    Map<String, String> bound = new LinkedHashMap<>();
    List<String> names = placeholders();
    for (int i = 0; i < names.size(); i++) {
      bound.put(names.get(i), m.group(i + 1));
    }
    return Optional.of(bound);
  }

  /** The concrete key for these placeholder names, e.g. {@code workflow.engineer.planner.model}. */
  public String expand(Map<String, String> names) {
    Matcher m = PLACEHOLDER.matcher(key);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String name = names.get(m.group(1));
      if (name == null || !name.matches(NAME)) {
        throw new IllegalArgumentException(key + " needs a name for {" + m.group(1) + "}");
      }
      m.appendReplacement(sb, Matcher.quoteReplacement(name));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  /** The default as a user would type it, or the note saying what it is. */
  public String defaultText() {
    return defaultJson != null ? type.display(defaultJson) : defaultNote;
  }

  private Pattern regex() {
    StringBuilder sb = new StringBuilder();
    Matcher m = PLACEHOLDER.matcher(key);
    int last = 0;
    while (m.find()) {
      sb.append(Pattern.quote(key.substring(last, m.start()))).append('(').append(NAME).append(')');
      last = m.end();
    }
    sb.append(Pattern.quote(key.substring(last)));
    return Pattern.compile(sb.toString());
  }
}
