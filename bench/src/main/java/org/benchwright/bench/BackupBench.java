package org.benchwright.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import org.benchwright.engine.backup.Backups;
import org.benchwright.engine.project.Event;
import org.benchwright.engine.project.EventType;
import org.benchwright.engine.project.NewRun;
import org.benchwright.engine.project.Project;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code benchwright bench backup}: builds (streamed, in batches) or takes a project of about the
 * given size, times {@link Backups#backup} and prints its ratio beside the system {@code xz -9} run
 * on the same snapshot in the same run.
 */
@Command(
    name = "backup",
    mixinStandardHelpOptions = true,
    description = "Time a project backup and compare its ratio with xz -9.")
final class BackupBench implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--size-mb", description = "project size to build (default ${DEFAULT-VALUE})")
  int sizeMb = 1024;

  @Option(
      names = "--xz-levels",
      split = ",",
      description = "system xz presets to compare with (default ${DEFAULT-VALUE})")
  List<String> xzLevels = List.of("-6", "-9");

  @Option(names = "--project", description = "use this project instead of building one")
  Path project;

  @Option(names = "--dir", description = "working folder (default: a new temporary folder)")
  Path dir;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Path work = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("bw-bench");
    try {
      Path file = project;
      if (file == null) {
        file = work.resolve("bench.bwproj");
        long t0 = System.nanoTime();
        build(file, sizeMb * 1024L * 1024L);
        out.printf("built %s: %,d bytes in %.1f s%n", file, Files.size(file), secs(t0));
      }
      long t0 = System.nanoTime();
      Backups.Result r = Backups.backup(file, work.resolve("backups"), 1);
      double tb = secs(t0);
      out.printf(
          "benchwright backup (xz preset %d): %,d -> %,d bytes, ratio %.2f, %.1f s (%.1f MB/s)%n",
          Backups.PRESET,
          r.snapshotBytes(),
          r.compressedBytes(),
          r.ratio(),
          tb,
          r.snapshotBytes() / 1e6 / tb);
      out.flush();
      // The same snapshot for xz: the backup decompressed again (identical bytes).
      Path copy = work.resolve("copy.bwproj");
      Files.deleteIfExists(copy);
      Backups.restore(r.backup(), copy, true);
      for (String level : xzLevels) {
        Path x = work.resolve("copy-" + level.substring(1) + ".bwproj");
        Files.copy(copy, x, StandardCopyOption.REPLACE_EXISTING);
        long t1 = System.nanoTime();
        Process p =
            new ProcessBuilder("xz", level, "-T1", "-k", "-f", x.toString())
                .redirectErrorStream(true)
                .start();
        String msg = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
          out.println("xz " + level + " failed: " + msg);
          continue;
        }
        double tx = secs(t1);
        long xs = Files.size(Path.of(x + ".xz"));
        out.printf(
            "system xz %s -T1: %,d -> %,d bytes, ratio %.2f, %.1f s (%.1f MB/s)%n",
            level, Files.size(x), xs, (double) Files.size(x) / xs, tx, Files.size(x) / 1e6 / tx);
        Files.deleteIfExists(x);
        Files.deleteIfExists(Path.of(x + ".xz"));
        out.flush();
      }
    } finally {
      if (dir == null) {
        EventLogBench.deleteTree(work);
      }
    }
    return 0;
  }

  private static double secs(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }

  /**
   * A realistic mix, streamed in batches of 1,000 events (heap stays small): JSON model requests
   * and responses with repeated prompt text, tool notes, and every 50th event a file version
   * (source text, or every 5th a binary, poorly compressible mesh blob).
   */
  static void build(Path file, long bytes) throws IOException {
    Random rnd = new Random(42);
    String[] words = {
      "robot", "gripper", "joint", "torque", "mesh", "actuator", "the", "a", "of", "contact",
      "friction", "solver", "body", "geom", "site", "sensor", "plan", "step", "check", "value"
    };
    try (Project p = Project.create(file)) {
      long run = 0;
      long i = 0;
      while (Files.size(file) + walSize(file) < bytes) {
        if (i % 200_000 == 0) {
          run = p.runs().create(new NewRun("coder", "bench task " + i, "{\"model\":\"m\"}")).id();
        }
        List<Event> batch = new ArrayList<>(1000);
        for (int k = 0; k < 1000; k++, i++) {
          StringBuilder text = new StringBuilder();
          int n = 20 + rnd.nextInt(60);
          for (int w = 0; w < n; w++) {
            text.append(words[rnd.nextInt(words.length)]).append(' ');
          }
          EventType type =
              switch ((int) (i % 4)) {
                case 0 -> EventType.MODEL_REQUEST;
                case 1 -> EventType.MODEL_RESPONSE;
                default -> EventType.NOTE;
              };
          batch.add(
              Event.of(
                  type,
                  "coder",
                  "{\"i\":"
                      + i
                      + ",\"tokens\":"
                      + rnd.nextInt(4000)
                      + ",\"text\":\""
                      + text
                      + "\"}"));
        }
        p.events().appendAll(run, batch);
        for (int f = 0; f < 20; f++) {
          byte[] content;
          if (f % 5 == 0) {
            content = new byte[16 * 1024];
            rnd.nextBytes(content);
          } else {
            content =
                ("def step_" + i + "_" + f + "(x):\n    return x * " + rnd.nextInt() + "\n")
                    .repeat(40)
                    .getBytes(StandardCharsets.UTF_8);
          }
          p.files().write(run, "coder", "src/file" + (f % 30) + ".py", content);
        }
      }
    }
  }

  private static long walSize(Path f) throws IOException {
    Path wal = f.resolveSibling(f.getFileName() + "-wal");
    return Files.exists(wal) ? Files.size(wal) : 0;
  }
}
