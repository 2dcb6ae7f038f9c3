package org.benchwright.desktop.project;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the desktop remembers between launches, in a small JSON file in the user's config folder:
 * recent projects (newest first), the last open project, and the model last chosen for a new run.
 * Never an API key: those stay in the environment or the engine's key file.
 *
 * @param recent absolute project paths, newest first, at most {@link #MAX_RECENT}
 * @param lastProject the project open when the app last stopped, or null
 * @param model the model of the last new run (provider, model name, base URL, script), or null
 */
public record DesktopSettings(List<Path> recent, Path lastProject, SavedModel model) {

  public static final int MAX_RECENT = 10;

  // Made on first use, not with the class: the settings record is touched on the FX thread before
  // the first frame, and only read and written on a worker (ADR 0036).
  private static final class Lazy {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    static final Logger LOG = LoggerFactory.getLogger(DesktopSettings.class);
  }

  /** A model choice without any key. Blank fields are null. */
  public record SavedModel(String provider, String model, String baseUrl, String script) {}

  public DesktopSettings {
    recent = List.copyOf(recent);
  }

  public static DesktopSettings empty() {
    return new DesktopSettings(List.of(), null, null);
  }

  /** Nothing configured: the first launch (or a user who cleared everything). */
  public boolean isFirstLaunch() {
    return recent.isEmpty() && lastProject == null;
  }

  /** After {@code file} was opened: first in the recent list, and the last project. */
  public DesktopSettings opened(Path file) {
    Path f = file.toAbsolutePath().normalize();
    List<Path> list = new ArrayList<>(recent);
    list.remove(f);
    list.addFirst(f);
    while (list.size() > MAX_RECENT) {
      list.removeLast();
    }
    return new DesktopSettings(list, f, model);
  }

  /** After the user closed the project: nothing is reopened at the next start. */
  public DesktopSettings closed() {
    return new DesktopSettings(recent, null, model);
  }

  /** Without {@code file} (it was moved or deleted). */
  public DesktopSettings forget(Path file) {
    Path f = file.toAbsolutePath().normalize();
    List<Path> list = new ArrayList<>(recent);
    list.remove(f);
    return new DesktopSettings(list, f.equals(lastProject) ? null : lastProject, model);
  }

  public DesktopSettings withModel(SavedModel chosen) {
    return new DesktopSettings(recent, lastProject, chosen);
  }

  /**
   * Reads the settings. A missing file is the first launch. A file that is not valid settings is
   * moved aside (kept, never deleted) and the app starts as on a first launch.
   */
  public static Loaded load(Path file) {
    if (!Files.isRegularFile(file)) {
      return new Loaded(empty(), Optional.empty());
    }
    try {
      return new Loaded(parse(Lazy.JSON.readTree(file.toFile())), Optional.empty());
    } catch (IOException | RuntimeException e) {
      Path aside =
          file.resolveSibling(file.getFileName() + ".broken-" + Instant.now().toEpochMilli());
      try {
        Files.move(file, aside);
      } catch (IOException moveFailed) {
        e.addSuppressed(moveFailed);
      }
      Lazy.LOG.warn("Settings file {} is unreadable; moved to {}", file, aside, e);
      return new Loaded(
          empty(),
          Optional.of(
              "The settings file "
                  + file
                  + " could not be read ("
                  + e.getMessage()
                  + "). It was kept as "
                  + aside.getFileName()
                  + " and Benchwright starts with default settings."));
    }
  }

  /** Settings read from disk, and what to tell the user if the file had to be set aside. */
  public record Loaded(DesktopSettings settings, Optional<String> warning) {}

  /** Writes the settings through a temporary file, so a crash never leaves half a file. */
  public void save(Path file) {
    ObjectNode root = Lazy.JSON.createObjectNode();
    root.put("version", 1);
    ArrayNode list = root.putArray("recent");
    recent.forEach(p -> list.add(p.toString()));
    if (lastProject != null) {
      root.put("last_project", lastProject.toString());
    }
    if (model != null) {
      ObjectNode m = root.putObject("model");
      m.put("provider", model.provider());
      m.put("model", model.model());
      if (model.baseUrl() != null) {
        m.put("base_url", model.baseUrl());
      }
      if (model.script() != null) {
        m.put("script", model.script());
      }
    }
    try {
      Files.createDirectories(file.getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Lazy.JSON.writeValue(tmp.toFile(), root);
      try {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot save the settings to " + file, e);
    }
  }

  private static DesktopSettings parse(JsonNode root) {
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("expected a JSON object");
    }
    List<Path> recent = new ArrayList<>();
    for (JsonNode p : root.path("recent")) {
      if (!p.isTextual()) {
        throw new IllegalArgumentException("recent holds a non-path " + p);
      }
      Path path = Path.of(p.asText()).toAbsolutePath().normalize();
      if (!recent.contains(path) && recent.size() < MAX_RECENT) {
        recent.add(path);
      }
    }
    Path last = root.hasNonNull("last_project") ? Path.of(root.get("last_project").asText()) : null;
    SavedModel model = null;
    JsonNode m = root.path("model");
    if (m.isObject() && m.hasNonNull("provider")) {
      model =
          new SavedModel(
              m.get("provider").asText(),
              m.path("model").asText(""),
              m.hasNonNull("base_url") ? m.get("base_url").asText() : null,
              m.hasNonNull("script") ? m.get("script").asText() : null);
    }
    return new DesktopSettings(recent, last, model);
  }
}
