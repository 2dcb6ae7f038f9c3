package org.benchwright.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.benchwright.engine.project.Event;
import org.benchwright.engine.project.EventPayload.Experiment;
import org.benchwright.engine.project.NewRun;
import org.benchwright.engine.project.Project;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class ExperimentsCommandTest {

  @TempDir Path dir;
  @RegisterExtension final StandardStreams std = new StandardStreams();
  private final ByteArrayOutputStream out = std.out;
  private final ByteArrayOutputStream err = std.err;
  private Path file;
  private long run;
  private long other;

  /** An experiment of a run whose train.py held this learning rate when its command ran. */
  private static void experiment(
      Project p,
      long run,
      int index,
      String id,
      String parent,
      String status,
      Double metric,
      String lr) {
    long seq = p.files().write(run, "experimenter", "train.py", ("lr = " + lr + "\n").getBytes());
    p.events()
        .append(
            run,
            Event.of(
                "experimenter",
                new Experiment(
                    index,
                    id,
                    parent,
                    "lr " + lr,
                    "set lr\tto " + lr,
                    status,
                    metric,
                    0.90,
                    metric == null ? null : metric - 0.90,
                    0.004,
                    "max",
                    status.equals("crashed") ? "Traceback\n..." : "numbers",
                    9_300L,
                    status.equals("crashed") ? null : 512_000_000L,
                    seq,
                    null,
                    0)));
  }

  @BeforeEach
  void record() {
    file = dir.resolve("loop.bwproj");
    try (Project p = Project.create(file)) {
      run = p.runs().create(new NewRun("experiment-loop", "tune", "{}")).id();
      experiment(p, run, 0, "aaaa0001", null, "baseline", 0.90, "0.1");
      experiment(p, run, 1, "bbbb0002", "aaaa0001", "kept", 0.93, "0.2");
      experiment(p, run, 2, "cccc0003", "bbbb0002", "discarded", 0.91, "0.5");
      experiment(p, run, 3, "dddd0004", "bbbb0002", "crashed", null, "oops");
      other = p.runs().create(new NewRun("engineer", "t", "{}")).id();
    }
  }

  @Test
  void printsTheTableAndWritesAutoresearchColumnsPlusOursAsTsv() throws Exception {
    Path tsv = dir.resolve("results.tsv");
    assertThat(
            BenchwrightCli.run(
                "experiments", "--project", file.toString(), "--run", "" + run, "--tsv", "" + tsv))
        .as(err.toString())
        .isZero();
    assertThat(out.toString()).contains("4 experiments: 1 kept, 1 crashed").contains("bbbb0002");
    List<String> lines = Files.readAllLines(tsv);
    assertThat(lines.get(0))
        .startsWith("commit\tmetric\tmemory_gb\tstatus\tdescription\tduration_s\tdelta\tparent");
    assertThat(lines).hasSize(5);
    // A tab inside the summary is folded so the row keeps its columns.
    assertThat(lines.get(2).split("\t", -1))
        .hasSize(11)
        .startsWith("bbbb0002", "0.930000", "0.512");
    assertThat(lines.get(4).split("\t", -1)[1]).isEmpty();
  }

  @Test
  void writesKeptAttemptsOnMainAndEachDiscardedOneOnItsOwnBranch() throws Exception {
    Path repo = dir.resolve("attempts");
    assertThat(
            BenchwrightCli.run(
                "experiments", "--project", file.toString(), "--run", "" + run, "--git", "" + repo))
        .as(err.toString())
        .isZero();
    assertThat(out.toString()).contains("4 commits").contains("2 on main, 2 attempt branches");
    assertThat(git(repo, "log", "--format=%s", "main")).contains("kept #1", "baseline #0");
    assertThat(git(repo, "branch", "--format=%(refname:short)"))
        .contains("attempt/2-cccc0003", "attempt/3-dddd0004");
    assertThat(git(repo, "show", "attempt/2-cccc0003:train.py")).isEqualTo("lr = 0.5\n");
    // A discarded attempt branches off the baseline it was judged against.
    assertThat(git(repo, "rev-parse", "attempt/2-cccc0003~1"))
        .isEqualTo(git(repo, "rev-parse", "main"));
  }

  @Test
  void aRunWithoutExperimentsOrAnUsedFolderIsAClearError() throws Exception {
    assertThat(BenchwrightCli.run("experiments", "--project", file.toString(), "--run", "" + other))
        .isEqualTo(2);
    assertThat(err.toString()).contains("recorded no experiments");
    err.reset();
    Path used = Files.createDirectories(dir.resolve("used"));
    Files.writeString(used.resolve("x"), "x");
    assertThat(
            BenchwrightCli.run(
                "experiments", "--project", file.toString(), "--run", "" + run, "--git", "" + used))
        .isEqualTo(2);
    assertThat(err.toString()).contains("is not empty");
    assertThat(BenchwrightCli.run("experiments", "--help")).isZero();
    assertThat(BenchwrightCli.run("experiments", "frob", "--help")).isEqualTo(2);
  }

  private static String git(Path repo, String... args) throws Exception {
    List<String> cmd = new java.util.ArrayList<>(List.of("git", "-C", repo.toString()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String s = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    return s.strip().isEmpty() ? s : s.endsWith("\n") && args[0].equals("show") ? s : s.strip();
  }
}
