package org.benchwright.engine.project;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A folder of the user's copied into a run's files before its first step (the experiment loop's
 * training code, say): streamed into blobs, recorded as the run's first file versions under node
 * {@value #NODE}. Refused as a whole, before anything is recorded, when it is over the caps — a run
 * does not start on half a folder. Version-control and cache folders are left out.
 */
public final class FolderImport {

  /** The node the imported files are recorded under. */
  public static final String NODE = "import";

  /** Folders never imported: a repository's history and caches are not the experiment's files. */
  public static final Set<String> SKIPPED_FOLDERS =
      Set.of(".git", ".hg", ".svn", "__pycache__", ".venv", "node_modules", ".ipynb_checkpoints");

  private static final int BATCH = 500;

  private FolderImport() {}

  /** A folder checked against the caps, ready to record: its files in path order. */
  public record Plan(Path folder, List<Path> files, long bytes) {

    public Plan {
      files = List.copyOf(files);
    }

    /**
     * Records the files into the run.
     *
     * @throws UncheckedIOException when a file cannot be read any more
     */
    public void recordInto(Project project, long runId) {
      record(project, runId, this);
    }
  }

  /**
   * Lists a folder and checks it against the caps, before any run exists to record it.
   *
   * @throws IllegalArgumentException when the folder is missing, not a folder, or over a cap (the
   *     message says which)
   * @throws UncheckedIOException when the folder cannot be read
   */
  public static Plan scan(Path folder, int maxFiles, long maxFileBytes, long maxTotalBytes) {
    if (!Files.isDirectory(folder)) {
      throw new IllegalArgumentException("Cannot import " + folder + ": it is not a folder.");
    }
    List<Path> files = new ArrayList<>();
    long[] total = {0};
    try {
      Files.walkFileTree(
          folder,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
              return !dir.equals(folder) && SKIPPED_FOLDERS.contains(dir.getFileName().toString())
                  ? FileVisitResult.SKIP_SUBTREE
                  : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              if (!attrs.isRegularFile() && !attrs.isSymbolicLink()) {
                return FileVisitResult.CONTINUE; // sockets, fifos: not files to run with
              }
              if (attrs.isRegularFile() && attrs.size() > maxFileBytes) {
                throw new IllegalArgumentException(
                    "Cannot import "
                        + folder.relativize(file)
                        + ": it has "
                        + attrs.size()
                        + " bytes, over the "
                        + maxFileBytes
                        + "-byte cap per file (setting sandbox.sync.max_file_mb).");
              }
              total[0] += attrs.size();
              files.add(file);
              if (files.size() > maxFiles) {
                throw new IllegalArgumentException(
                    "Cannot import "
                        + folder
                        + ": it has more than "
                        + maxFiles
                        + " files (setting sandbox.sync.max_files).");
              }
              if (total[0] > maxTotalBytes) {
                throw new IllegalArgumentException(
                    "Cannot import "
                        + folder
                        + ": it holds more than "
                        + maxTotalBytes
                        + " bytes (setting sandbox.sync.max_total_mb).");
              }
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + folder + ": " + e.getMessage(), e);
    }
    files.sort(null);
    return new Plan(folder, files, total[0]);
  }

  private static void record(Project project, long runId, Plan plan) {
    Path folder = plan.folder();
    List<RunFiles.Change> batch = new ArrayList<>();
    for (Path f : plan.files()) {
      String rel = folder.relativize(f).toString().replace('\\', '/');
      try {
        if (Files.isSymbolicLink(f)) {
          String target = Files.readSymbolicLink(f).toString();
          byte[] t = target.getBytes(java.nio.charset.StandardCharsets.UTF_8);
          batch.add(new RunFiles.Change(rel, project.blobs().put(t), t.length, true));
        } else {
          try (InputStream in = Files.newInputStream(f, LinkOption.NOFOLLOW_LINKS)) {
            String sha = project.blobs().put(in);
            batch.add(new RunFiles.Change(rel, sha, Files.size(f), false));
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read " + f + ": " + e.getMessage(), e);
      }
      if (batch.size() == BATCH) {
        project.files().record(runId, NODE, batch);
        batch.clear();
      }
    }
    project.files().record(runId, NODE, batch);
  }
}
