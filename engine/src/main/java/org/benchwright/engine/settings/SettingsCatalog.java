package org.benchwright.engine.settings;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.benchwright.engine.project.Project;

/**
 * The settings a user may set, each with its type, default and description: what {@code benchwright
 * settings} and the desktop's Settings dialog list, and the one place a typed value is checked
 * before it is stored. Catalogs compose: each feature (and, later, each workflow package)
 * contributes its specs and {@link #of} joins them.
 *
 * <p>Keys the catalog does not know (the project's own {@code project.uid}, say) cannot be set
 * through it and are not listed.
 */
public final class SettingsCatalog {

  private final List<SettingSpec> specs;

  private SettingsCatalog(List<SettingSpec> specs) {
    this.specs = List.copyOf(specs);
  }

  /**
   * One catalog of every contribution, in order.
   *
   * @throws IllegalArgumentException when two contributions declare the same key
   */
  @SafeVarargs
  public static SettingsCatalog of(List<SettingSpec>... contributions) {
    Builder b = builder();
    for (List<SettingSpec> c : contributions) {
      b.addAll(c);
    }
    return b.build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * The settings of the engine's features: cad tables, model prices, sandbox limits, skills, tool
   * approval, and the per-node keys every workflow has (plan approval, model).
   */
  public static SettingsCatalog core() {
    return of(CoreSettings.specs());
  }

  public List<SettingSpec> specs() {
    return specs;
  }

  /**
   * The spec a concrete key (or a spec's own pattern) belongs to. A fixed key wins over a pattern
   * and a pattern with fewer placeholders over one with more, so a workflow can give one of its
   * nodes a spec of its own beside the generic pattern.
   */
  public Optional<SettingSpec> find(String key) {
    if (key == null) {
      return Optional.empty();
    }
    return specs.stream()
        .filter(s -> s.key().equals(key) || s.matches(key))
        .min(
            Comparator.comparingInt((SettingSpec s) -> s.key().equals(key) ? -1 : 0)
                .thenComparingInt(s -> s.placeholders().size()));
  }

  /**
   * The JSON to store for what a user typed for {@code key}.
   *
   * @throws InvalidSettingException saying what is allowed, when the key is no setting or the value
   *     is not allowed
   */
  public String validate(String key, String typed) {
    SettingSpec spec = specOf(key);
    String stored;
    try {
      stored = spec.type().toStored(typed);
    } catch (IllegalArgumentException e) {
      throw new InvalidSettingException(
          key, key + " must be " + spec.type().allowed() + "; " + e.getMessage() + ".", e);
    }
    if (spec.check() != null) {
      try {
        spec.check().check(key, stored);
      } catch (RuntimeException e) {
        String owner = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        throw new InvalidSettingException(key, owner.contains(key) ? owner : key + ": " + owner, e);
      }
    }
    return stored;
  }

  /**
   * Validates then stores a value; nothing is written when it is rejected. Needs a project opened
   * for writing.
   *
   * @return the stored JSON
   * @throws InvalidSettingException when the key is no setting or the value is not allowed
   */
  public String set(Project project, String key, String typed) {
    String stored = validate(key, typed);
    project.settings().put(key, stored);
    return stored;
  }

  /**
   * Removes a value, so the setting is back to its default.
   *
   * @return false if it was not set
   * @throws InvalidSettingException when the key is no setting
   */
  public boolean unset(Project project, String key) {
    specOf(key);
    return project.settings().remove(key);
  }

  /** One setting as it stands in a project. */
  public Entry get(Project project, String key) {
    SettingSpec spec = specOf(key);
    return new Entry(key, spec, project.settings().get(key).orElse(null));
  }

  /**
   * Every spec with its value in the project, in catalog order. A pattern is listed once as itself
   * (never set) and then once per concrete key the project sets for it.
   */
  public List<Entry> list(Project project) {
    Map<String, String> stored = project.settings().all();
    List<Entry> entries = new ArrayList<>();
    for (SettingSpec spec : specs) {
      if (!spec.isPattern()) {
        entries.add(new Entry(spec.key(), spec, stored.get(spec.key())));
        continue;
      }
      entries.add(new Entry(spec.key(), spec, null));
      stored.forEach(
          (key, value) -> {
            if (find(key).filter(spec::equals).isPresent()) {
              entries.add(new Entry(key, spec, value));
            }
          });
    }
    return List.copyOf(entries);
  }

  /**
   * The spec of a concrete key.
   *
   * @throws InvalidSettingException when the key is no setting, or is a pattern not filled in
   */
  public SettingSpec specOf(String key) {
    SettingSpec spec = find(key).orElseThrow(() -> new InvalidSettingException(key, unknown(key)));
    if (spec.isPattern() && spec.key().equals(key)) {
      throw new InvalidSettingException(
          key,
          key
              + " is a pattern: replace "
              + String.join(" and ", spec.placeholders().stream().map(p -> "{" + p + "}").toList())
              + " with names, e.g. "
              + spec.expand(examples(spec))
              + ".");
    }
    return spec;
  }

  private String unknown(String key) {
    return "There is no setting '"
        + key
        + "'. Settings: "
        + String.join(", ", specs.stream().map(SettingSpec::key).toList())
        + ".";
  }

  private static Map<String, String> examples(SettingSpec spec) {
    Map<String, String> names = new LinkedHashMap<>();
    for (String p : spec.placeholders()) {
      names.put(
          p,
          switch (p) {
            case "workflow" -> "engineer";
            case "node" -> "planner";
            case "tool" -> "simulate";
            default -> "name";
          });
    }
    return names;
  }

  /**
   * A setting's key, its spec, and the project's stored value (null: not set, the default applies).
   */
  public record Entry(String key, SettingSpec spec, String storedJson) {

    /** The value as a user would type it; empty when not set. */
    public Optional<String> value() {
      return Optional.ofNullable(storedJson).map(spec.type()::display);
    }

    /** The value in effect: the stored one, else the default (or the note saying what it is). */
    public String effective() {
      return value().orElseGet(spec::defaultText);
    }

    /** A spec's own pattern, listed so a user sees it exists; it has no value. */
    public boolean isPattern() {
      return key.equals(spec.key()) && spec.isPattern();
    }
  }

  /** Joins contributions, refusing a key declared twice. */
  public static final class Builder {
    private final Map<String, SettingSpec> specs = new LinkedHashMap<>();

    private Builder() {}

    public Builder add(SettingSpec spec) {
      if (specs.putIfAbsent(spec.key(), spec) != null) {
        throw new IllegalArgumentException("Two settings declare the key " + spec.key());
      }
      return this;
    }

    public Builder addAll(List<SettingSpec> contribution) {
      contribution.forEach(this::add);
      return this;
    }

    public SettingsCatalog build() {
      return new SettingsCatalog(new ArrayList<>(specs.values()));
    }
  }
}
