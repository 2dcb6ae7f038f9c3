package org.benchwright.engine.experiments;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.benchwright.engine.project.EventPayload.Experiment;
import org.benchwright.engine.project.FileVersion;
import org.benchwright.engine.project.Project;

/**
 * Writes a run's experiments as a git repository with the git command line (ADR 0028): baselines
 * and kept experiments are commits on {@code main}, each discarded or crashed one a commit on its
 * own branch {@code attempt/INDEX-ID} whose parent is the baseline it was judged against. Each
 * commit holds the run's files as they were when its command ran, so {@code git diff main
 * attempt/7-…} shows what was tried.
 */
public final class GitExport {

  /** What was written. */
  public record Result(int commits, int onMain, int branches) {}

  private final Path dir;

  private GitExport(Path dir) {
    this.dir = dir;
  }

  /**
   * @throws IllegalArgumentException when {@code dir} exists and is not empty, or git is missing
   */
  public static Result write(Project project, ExperimentTable table, Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (Stream<Path> s = Files.list(dir)) {
        if (s.findAny().isPresent()) {
          throw new IllegalArgumentException(dir + " is not empty; give a new or empty folder.");
        }
      }
    }
    Files.createDirectories(dir);
    GitExport g = new GitExport(dir);
    g.git("init", "-q", "-b", "main");
    Map<String, String> commitOf = new HashMap<>();
    int onMain = 0;
    int branches = 0;
    boolean mainExists = false;
    for (ExperimentTable.Row r : table.rows()) {
      Experiment e = r.e();
      boolean main = "baseline".equals(e.status()) || "kept".equals(e.status());
      String parent = e.parent() == null ? null : commitOf.get(e.parent());
      if (main) {
        if (mainExists) {
          g.git("checkout", "-q", "main");
        }
      } else {
        String branch = "attempt/" + e.index() + "-" + safe(e.id());
        if (parent != null) {
          g.git("checkout", "-q", "-b", branch, parent);
        } else {
          g.git("checkout", "-q", "--orphan", branch);
        }
        branches++;
      }
      g.replaceTree(project.files().filesAt(table.runId(), e.execSeq()), project);
      g.git("add", "-A");
      g.commit(r);
      String sha = g.git("rev-parse", "HEAD").strip();
      if (e.id() != null) {
        // The first commit of an id is the one later experiments name as their parent.
        commitOf.putIfAbsent(e.id(), sha);
      }
      if (main) {
        onMain++;
        mainExists = true;
      }
    }
    if (mainExists) {
      g.git("checkout", "-q", "main");
    }
    return new Result(table.rows().size(), onMain, branches);
  }

  private void commit(ExperimentTable.Row r) throws IOException {
    Experiment e = r.e();
    String message =
        (e.status() + " #" + e.index() + " " + ExperimentTable.description(e)).strip()
            + "\n\n"
            + "metric: "
            + e.metric()
            + "\ndelta: "
            + e.delta()
            + "\nnoise: "
            + e.noise()
            + "\nreason: "
            + e.reason()
            + "\nbenchwright-id: "
            + e.id()
            + "\nbenchwright-seq: "
            + r.seq()
            + "\n";
    Path msg = Files.createTempFile("bw-commit-", ".txt");
    try {
      Files.writeString(msg, message);
      String date = r.at().getEpochSecond() + " +0000";
      git(
          Map.of("GIT_AUTHOR_DATE", date, "GIT_COMMITTER_DATE", date),
          "-c",
          "user.name=Benchwright",
          "-c",
          "user.email=benchwright@localhost",
          "commit",
          "-q",
          "--allow-empty",
          "-F",
          msg.toString());
    } finally {
      Files.deleteIfExists(msg);
    }
  }

  /**
   * The work tree becomes exactly these files (links written as text files naming their target).
   */
  private void replaceTree(Map<String, FileVersion> files, Project project) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      List<Path> old =
          s.filter(p -> !p.equals(dir) && !p.startsWith(dir.resolve(".git")))
              .sorted(Comparator.reverseOrder())
              .toList();
      for (Path p : old) {
        Files.delete(p);
      }
    }
    for (FileVersion f : files.values()) {
      Path target = dir.resolve(f.path()).normalize();
      if (!target.startsWith(dir) || target.startsWith(dir.resolve(".git"))) {
        continue;
      }
      Files.createDirectories(target.getParent());
      Files.write(
          target,
          project
              .blobs()
              .get(f.blobSha())
              .orElseThrow(() -> new IOException("the project lacks the blob of " + f.path())));
    }
  }

  private String git(String... args) throws IOException {
    return git(Map.of(), args);
  }

  private String git(Map<String, String> env, String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of("git", "-C", dir.toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().putAll(env);
    // The user's own git configuration (hooks, signing) must not change what is written.
    pb.environment().put("GIT_CONFIG_GLOBAL", "/dev/null");
    pb.environment().put("GIT_CONFIG_NOSYSTEM", "1");
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "git is not installed (needed for --git): " + e.getMessage(), e);
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException("git " + args[0] + " did not finish within 60 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running git", e);
    }
    if (p.exitValue() != 0) {
      throw new IOException("git " + String.join(" ", args) + " failed: " + out.strip());
    }
    return out;
  }

  private static String safe(String id) {
    return id == null ? "noid" : id.replaceAll("[^A-Za-z0-9._-]", "_");
  }
}
