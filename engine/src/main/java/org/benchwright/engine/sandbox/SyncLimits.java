package org.benchwright.engine.sandbox;

import org.benchwright.engine.project.Settings;

/**
 * What a run's workspace sync copies out of its sandbox at most. What exceeds a cap stays in the
 * sandbox, is not recorded, and the command's result and a WORKSPACE_SKIPPED event say which files
 * and why.
 *
 * @param maxFiles files and links recorded for one run
 * @param maxFileBytes one file
 * @param maxTotalBytes all of a run's recorded files together
 */
public record SyncLimits(int maxFiles, long maxFileBytes, long maxTotalBytes) {

  public static final String MAX_FILES = "sandbox.sync.max_files";
  public static final String MAX_FILE_MB = "sandbox.sync.max_file_mb";
  public static final String MAX_TOTAL_MB = "sandbox.sync.max_total_mb";

  private static final long MIB = 1024L * 1024;

  public SyncLimits {
    if (maxFiles < 1 || maxFileBytes < 1 || maxTotalBytes < 1) {
      throw new IllegalArgumentException("sync limits must be positive");
    }
  }

  /**
   * 10,000 files, 256 MiB per file, 1 GiB in all: a CAD or ML run's sources, meshes and a dataset
   * fit; a runaway loop writing files does not flood the project file.
   */
  public static SyncLimits defaults() {
    return new SyncLimits(10_000, 256 * MIB, 1024 * MIB);
  }

  /** The limits a project's settings give (each key falls back to its default). */
  public static SyncLimits of(Settings settings) {
    SyncLimits d = defaults();
    return new SyncLimits(
        (int) number(settings, MAX_FILES, d.maxFiles()),
        number(settings, MAX_FILE_MB, d.maxFileBytes() / MIB) * MIB,
        number(settings, MAX_TOTAL_MB, d.maxTotalBytes() / MIB) * MIB);
  }

  private static long number(Settings settings, String key, long fallback) {
    return settings
        .get(key)
        .map(
            v -> {
              try {
                return Long.parseLong(v.strip());
              } catch (NumberFormatException e) {
                return fallback; // the catalog checks values on the way in; an old file may not
              }
            })
        .orElse(fallback);
  }
}
