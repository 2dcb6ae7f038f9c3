package org.benchwright.desktop.main;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the main window's placement is remembered between launches. The app keeps it in {@code
 * window.json} beside the desktop settings (the user's config folder, {@link
 * org.benchwright.desktop.project.UserDirs}): a file of its own, because the settings file is
 * rewritten whole from the recent-projects list and would otherwise lose it. Tests use {@link
 * #inMemory()} or a file in a temporary folder, never the user's.
 */
public interface WindowPlacementStore {

  /** The placement saved last, if any (a damaged record is none). */
  Optional<WindowPlacement> load();

  void save(WindowPlacement placement);

  /** Remembers nothing between instances: for tests and tools. */
  static WindowPlacementStore inMemory() {
    return new WindowPlacementStore() {
      private WindowPlacement saved;

      @Override
      public Optional<WindowPlacement> load() {
        return Optional.ofNullable(saved);
      }

      @Override
      public void save(WindowPlacement placement) {
        saved = placement;
      }
    };
  }

  /** A small JSON file, written through a temporary file so a crash never leaves half of it. */
  static WindowPlacementStore file(Path file) {
    return new FileStore(file);
  }

  /** The JSON file behind {@link #file(Path)}. */
  final class FileStore implements WindowPlacementStore {
    // Made on first use, not with the class: the store is created while the window is built, and
    // a first launch (no file yet) then opens without paying for Jackson and logging on the FX
    // thread before the first frame (ADR 0036).
    private static final class Lazy {
      static final ObjectMapper JSON =
          new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
      static final Logger LOG = LoggerFactory.getLogger(FileStore.class);
    }

    private final Path file;

    private FileStore(Path file) {
      this.file = file;
    }

    @Override
    public Optional<WindowPlacement> load() {
      if (!Files.isRegularFile(file)) {
        return Optional.empty();
      }
      try {
        JsonNode n = Lazy.JSON.readTree(file.toFile());
        if (n == null || !n.path("width").isNumber() || !n.path("height").isNumber()) {
          return Optional.empty();
        }
        return Optional.of(
            new WindowPlacement(
                n.path("x").asDouble(Double.NaN),
                n.path("y").asDouble(Double.NaN),
                n.path("width").asDouble(),
                n.path("height").asDouble(),
                n.path("maximized").asBoolean(false)));
      } catch (IOException e) {
        // Only where a window opens: the default placement is a fine answer.
        Lazy.LOG.warn("Cannot read the window placement in {}; using the default", file, e);
        return Optional.empty();
      }
    }

    @Override
    public void save(WindowPlacement p) {
      ObjectNode root = Lazy.JSON.createObjectNode();
      root.put("version", 1);
      root.put("x", p.x());
      root.put("y", p.y());
      root.put("width", p.width());
      root.put("height", p.height());
      root.put("maximized", p.maximized());
      try {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Lazy.JSON.writeValue(tmp.toFile(), root);
        try {
          Files.move(
              tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
      } catch (IOException e) {
        // The app is closing; the next launch opens at the default placement.
        Lazy.LOG.warn("Cannot save the window placement to {}", file, e);
      }
    }
  }
}
