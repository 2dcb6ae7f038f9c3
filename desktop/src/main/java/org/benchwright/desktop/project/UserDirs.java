package org.benchwright.desktop.project;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the workbench keeps the user's own files: settings (recent projects, last model) and the
 * window's placement in the config folder, the demo project in the data folder. System properties
 * {@code benchwright.configDir} / {@code benchwright.dataDir} (or the environment variables {@code
 * BENCHWRIGHT_CONFIG_DIR} / {@code BENCHWRIGHT_DATA_DIR}) override them, so tests and portable
 * installs never touch the real home folder.
 */
public record UserDirs(Path config, Path data) {

  public static UserDirs fromSystem() {
    return resolve(
        System.getProperties(), System.getenv(), Path.of(System.getProperty("user.home")));
  }

  static UserDirs resolve(java.util.Properties props, Map<String, String> env, Path home) {
    Path config =
        first(
            props.getProperty("benchwright.configDir"),
            env.get("BENCHWRIGHT_CONFIG_DIR"),
            sub(env.get("XDG_CONFIG_HOME")),
            home.resolve(".config").resolve("benchwright").toString());
    Path data =
        first(
            props.getProperty("benchwright.dataDir"),
            env.get("BENCHWRIGHT_DATA_DIR"),
            sub(env.get("XDG_DATA_HOME")),
            home.resolve(".local").resolve("share").resolve("benchwright").toString());
    return new UserDirs(config, data);
  }

  /** The settings file of the desktop. */
  public Path settingsFile() {
    return config.resolve("desktop.json");
  }

  /** Where the main window was when the app last closed (its size, place, maximized or not). */
  public Path windowFile() {
    return config.resolve("window.json");
  }

  /** Where the demo project is created on a first launch. */
  public Path demoProject() {
    return data.resolve("demo.bwproj");
  }

  private static String sub(String xdgBase) {
    return xdgBase == null || xdgBase.isBlank() ? null : Path.of(xdgBase, "benchwright").toString();
  }

  private static Path first(String... candidates) {
    for (String c : candidates) {
      if (c != null && !c.isBlank()) {
        return Path.of(c).toAbsolutePath().normalize();
      }
    }
    throw new IllegalStateException("no candidate folder");
  }
}
