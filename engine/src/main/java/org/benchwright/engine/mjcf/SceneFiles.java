package org.benchwright.engine.mjcf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where a scene's files come from: a folder on disk, or a run's stored files at a step. Paths are
 * relative to the folder of the main scene file, with forward slashes and no "." segments; they may
 * start with "../" when a scene refers outside its folder (a stored run has nothing there).
 */
@FunctionalInterface
public interface SceneFiles {

  /** The content of {@code path}; empty if there is no such file. */
  Optional<byte[]> read(String path);

  /** Files below (and, through "../", beside) a folder on disk. */
  static SceneFiles directory(Path dir) {
    return path -> {
      Path p = dir.resolve(path).normalize();
      try {
        return Files.isRegularFile(p) ? Optional.of(Files.readAllBytes(p)) : Optional.empty();
      } catch (NoSuchFileException e) {
        return Optional.empty();
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read " + p + ": " + e.getMessage(), e);
      }
    };
  }

  /** Files held in memory by path (tests, files taken from a run). */
  static SceneFiles of(Map<String, byte[]> files) {
    Map<String, byte[]> copy = Map.copyOf(files);
    return path -> Optional.ofNullable(copy.get(path));
  }
}
