package org.benchwright.engine.project;

import java.nio.file.Path;
import java.util.OptionalInt;

/** What a project file is, without opening it: for the desktop to say an update is coming. */
public final class ProjectFiles {

  private ProjectFiles() {}

  /**
   * The file's format number, or empty when it cannot be told without opening the file (a WAL
   * beside it may hold a newer one).
   *
   * @throws ProjectException when the file is not a project, is damaged, or cannot be read
   */
  public static OptionalInt schemaVersion(Path file) {
    int v = ProjectFileInspector.inspect(file.toAbsolutePath().normalize());
    return v == Integer.MIN_VALUE ? OptionalInt.empty() : OptionalInt.of(v);
  }

  /** The format this build writes; an older file is updated (after a backup) when opened. */
  public static int currentSchemaVersion() {
    return Migrations.CURRENT_VERSION;
  }
}
