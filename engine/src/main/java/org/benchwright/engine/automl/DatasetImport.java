package org.benchwright.engine.automl;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.benchwright.engine.project.Datasets;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.sandbox.ExecResult;
import org.benchwright.engine.sandbox.SandboxDefaults;
import org.benchwright.engine.sandbox.SyncLimits;
import org.benchwright.engine.sandbox.Termination;

/**
 * Adds a tabular file to a project: checked (format, size against the caps), profiled in the ml
 * sandbox, and only then stored — the file as one blob, streamed, and its row in one step — so a
 * file that fails any check leaves nothing behind.
 */
public final class DatasetImport {

  /** Where the file sits in a workspace: data/FILE_NAME. */
  public static final String FOLDER = "data/";

  private final Project project;
  private final MlSandbox sandbox;

  public DatasetImport(Project project, MlSandbox sandbox) {
    this.project = project;
    this.sandbox = sandbox;
  }

  /**
   * @param name the dataset's name; null: the file's name without its extension
   * @param target the target column; null: the profile detects it
   * @throws IllegalArgumentException naming what is wrong with the file; nothing is stored
   */
  public Datasets.Dataset add(Path file, String name, String target) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("No file " + file + ".");
    }
    String fileName = safeName(file.getFileName().toString());
    String format = format(fileName);
    String datasetName = name != null ? name : stem(fileName);
    if (!datasetName.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,99}")) {
      throw new IllegalArgumentException(
          "'" + datasetName + "' is not a dataset name: use letters, digits, '_', '.', '-'.");
    }
    if (project.datasets().find(datasetName).isPresent()) {
      throw new IllegalArgumentException(
          "A dataset named '" + datasetName + "' exists already; choose another with --name.");
    }
    long size = size(file);
    if (size == 0) {
      throw new IllegalArgumentException(file.getFileName() + ": the file is empty.");
    }
    checkCaps(file.getFileName().toString(), size);
    Profile profile = profile(file, fileName, target);
    String sha;
    try (InputStream in = Files.newInputStream(file)) {
      sha = project.blobs().put(in);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
    return project
        .datasets()
        .add(
            new Datasets.NewDataset(
                datasetName,
                fileName,
                format,
                sha,
                size,
                profile.rows(),
                profile.columns().size(),
                profile.json().toString(),
                profile.target(),
                profile.task(),
                profile.reason(),
                target != null));
  }

  /**
   * Re-profiles a stored dataset for another target (the user's override): the task and its reason
   * come from the harness, so a target with one class is refused as it is at import.
   */
  public Datasets.Dataset retarget(String name, String target) {
    Datasets.Dataset d =
        project
            .datasets()
            .find(name)
            .orElseThrow(() -> new IllegalArgumentException("No dataset named '" + name + "'."));
    Path tmp = null;
    try {
      tmp = Files.createTempFile("benchwright-dataset-", "-" + d.fileName());
      try (InputStream in = project.blobs().open(d.sha256()).orElseThrow()) {
        Files.copy(in, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
      Profile p = profile(tmp, d.fileName(), target);
      project.datasets().setTarget(name, p.target(), p.task(), p.reason(), p.json().toString());
      return project.datasets().find(name).orElseThrow();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // a temporary file; the OS cleans its folder
        }
      }
    }
  }

  private Profile profile(Path file, String fileName, String target) {
    Path out;
    try {
      out = Files.createTempDirectory("benchwright-profile-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      String cmd =
          "python3 "
              + Harness.FILE
              + " profile --data "
              + Harness.quote(FOLDER + fileName)
              + " --out profile.json --max-columns "
              + AutoMlSettings.maxColumns(project)
              + (target == null ? "" : " --target " + Harness.quote(target));
      ExecResult r =
          sandbox.run(
              MlSandbox.Inputs.of(
                  Map.of(Harness.FILE, Harness.code()), Map.of(FOLDER + fileName, file)),
              cmd,
              AutoMlSettings.profileLimit(project),
              List.of("profile.json"),
              out);
      if (r.termination() == Termination.TIMEOUT) {
        throw new IllegalArgumentException(
            fileName
                + ": profiling stopped after "
                + AutoMlSettings.profileLimit(project).toSeconds()
                + " s (setting "
                + AutoMlSettings.PROFILE_SECONDS
                + ").");
      }
      if (r.termination() != Termination.EXIT || r.exitCode() == null || r.exitCode() != 0) {
        String why =
            r.termination() == Termination.OUT_OF_MEMORY
                ? "profiling ran out of the sandbox's memory (setting sandbox.limits.automl)"
                : Harness.problem(r);
        throw new IllegalArgumentException(fileName + ": " + why);
      }
      Path json = out.resolve("profile.json");
      if (!Files.isRegularFile(json)) {
        throw new IllegalStateException("The profiler left no profile.json: " + Harness.problem(r));
      }
      return Profile.parse(Files.readString(json, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      deleteTree(out);
    }
  }

  /** Room a run needs beside its dataset: the harness, plan, results and models. */
  static final long HEADROOM = 64L << 20;

  /**
   * A dataset must fit, with room for results, in a run's recorded files and in the sandbox's
   * workspace, or no run could train on it. The per-file cap does not apply: it stops a runaway
   * command's output, and a dataset is chosen by the user and recorded by reference.
   */
  private void checkCaps(String shown, long size) {
    long total = SyncLimits.of(project.settings()).maxTotalBytes();
    long workspace = SandboxDefaults.limitsFor(project.settings(), "automl").workspaceBytes();
    if (size + HEADROOM > total) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "%s is %s; a run's files may hold at most %s together, with %s kept for results"
                  + " (setting %s).",
              shown,
              human(size),
              human(total),
              human(HEADROOM),
              SyncLimits.MAX_TOTAL_MB));
    }
    if (size + HEADROOM > workspace) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "%s is %s; the sandbox's workspace holds at most %s, with %s kept for results"
                  + " (setting sandbox.limits.automl, workspaceMb).",
              shown,
              human(size),
              human(workspace),
              human(HEADROOM)));
    }
  }

  static String format(String fileName) {
    String lower = fileName.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".csv") || lower.endsWith(".tsv") || lower.endsWith(".txt")) {
      return "csv";
    }
    if (lower.endsWith(".parquet") || lower.endsWith(".pq")) {
      return "parquet";
    }
    throw new IllegalArgumentException(
        fileName
            + ": not a dataset file this tool reads (CSV: .csv .tsv .txt; Parquet: .parquet .pq).");
  }

  /** The file's name as it is stored and placed in a workspace: no separators, no odd bytes. */
  static String safeName(String fileName) {
    String s = fileName.replaceAll("[^A-Za-z0-9_.-]", "_");
    return s.startsWith(".") ? "_" + s : s;
  }

  private static String stem(String fileName) {
    int dot = fileName.lastIndexOf('.');
    return dot > 0 ? fileName.substring(0, dot) : fileName;
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
  }

  static String human(long bytes) {
    if (bytes >= 1L << 30) {
      return String.format(Locale.ROOT, "%.1f GB", bytes / (double) (1L << 30));
    }
    if (bytes >= 1L << 20) {
      return String.format(Locale.ROOT, "%.1f MB", bytes / (double) (1L << 20));
    }
    return bytes + " bytes";
  }

  /** Deletes a temporary folder and what is in it, as far as it can. */
  static void deleteTree(Path dir) {
    try (var walk = Files.walk(dir)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temporary folder
    }
  }
}
