package org.benchwright.desktop.editor;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.benchwright.engine.project.Event;
import org.benchwright.engine.project.EventPayload;
import org.benchwright.engine.project.NewRun;
import org.benchwright.engine.project.Project;

/**
 * Times the worker's part of a cursor step in the code editor (file tree at the step, the selected
 * file read and highlighted, optionally diffed) on a recorded run of many events and file versions,
 * against reading the one event at the cursor (the least any panel does per step), measured in the
 * same run. Usage: {@code EditorBench [events] [fileWrites] [files] [steps]}.
 */
public final class EditorBench {

  private EditorBench() {}

  public static void main(String[] args) throws Exception {
    int events = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int writes = args.length > 1 ? Integer.parseInt(args[1]) : 5_000;
    int fileCount = args.length > 2 ? Integer.parseInt(args[2]) : 200;
    int steps = args.length > 3 ? Integer.parseInt(args[3]) : 400;
    Path dir = Files.createTempDirectory("editor-bench");
    try (Project project = Project.create(dir.resolve("bench.bwproj"))) {
      long runId = project.runs().create(new NewRun("benchmark-generator", "bench", "{}")).id();
      SplittableRandom random = new SplittableRandom(7);
      String[] paths = new String[fileCount];
      for (int i = 0; i < fileCount; i++) {
        String ext = i % 3 == 0 ? ".py" : i % 3 == 1 ? ".scad" : ".xml";
        paths[i] = "dir" + (i % 10) + "/sub" + (i % 4) + "/file" + i + ext;
      }
      long start = System.nanoTime();
      int every = Math.max(1, events / Math.max(1, writes));
      List<Event> batch = new ArrayList<>();
      long last = 0;
      int written = 0;
      while (last < events) {
        if (written < writes && (last % every == 0)) {
          if (!batch.isEmpty()) {
            last = project.events().appendAll(runId, batch)[batch.size() - 1];
            batch.clear();
          }
          String path = paths[random.nextInt(fileCount)];
          last =
              project
                  .files()
                  .write(runId, "coder", path, text(path, random).getBytes(StandardCharsets.UTF_8));
          written++;
        } else {
          batch.add(
              Event.of(
                  "coder",
                  EventPayload.Note.of(
                      "text", "step " + (last + batch.size()) + " of the bench run")));
          if (batch.size() >= every - 1 || last + batch.size() >= events) {
            last = project.events().appendAll(runId, batch)[batch.size() - 1];
            batch.clear();
          }
        }
      }
      System.out.printf(
          Locale.ROOT,
          "editor bench: run of %,d events, %,d file writes over %,d files, built in %.1f s;"
              + " Java %s, %d cores%n",
          last,
          written,
          fileCount,
          (System.nanoTime() - start) / 1e9,
          Runtime.version(),
          Runtime.getRuntime().availableProcessors());

      long[] at = new long[steps];
      for (int i = 0; i < steps; i++) {
        at[i] = 1 + random.nextLong(last);
      }
      String selected = paths[0];
      // Warm up JIT and SQLite's page cache on a separate set of steps.
      for (int i = 0; i < 50; i++) {
        long s = 1 + random.nextLong(last);
        project.events().events(runId, s, 1);
        CodeEditorViewModel.load(project, runId, s, selected, true);
      }
      double[] reference = time(at, s -> project.events().events(runId, s, 1));
      double[] list = time(at, s -> project.files().filesAt(runId, s));
      double[] plain = time(at, s -> CodeEditorViewModel.load(project, runId, s, selected, false));
      double[] diff = time(at, s -> CodeEditorViewModel.load(project, runId, s, selected, true));
      report("read the event at the cursor (reference)", reference, reference);
      report("  of which listing the files (filesAt)", list, reference);
      report("editor step: tree + file + highlighting", plain, reference);
      report("editor step in diff mode", diff, reference);

      String big = text("big.py", random).repeat(1_000_000 / 4_000 + 1);
      long h = System.nanoTime();
      int tokens = Highlighter.tokens(big, Language.PYTHON).size();
      System.out.printf(
          Locale.ROOT,
          "highlight a %,d-character Python file: %.1f ms (%,d tokens)%n",
          big.length(),
          (System.nanoTime() - h) / 1e6,
          tokens);
    } finally {
      try (var walk = Files.walk(dir)) {
        walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private interface Step {
    void at(long seq) throws Exception;
  }

  private static double[] time(long[] steps, Step step) throws Exception {
    double[] ms = new double[steps.length];
    for (int i = 0; i < steps.length; i++) {
      long t = System.nanoTime();
      step.at(steps[i]);
      ms[i] = (System.nanoTime() - t) / 1e6;
    }
    Arrays.sort(ms);
    return ms;
  }

  private static void report(String what, double[] ms, double[] reference) {
    double median = ms[ms.length / 2];
    double p95 = ms[(int) (ms.length * 0.95)];
    System.out.printf(
        Locale.ROOT,
        "%-44s median %7.2f ms  p95 %7.2f ms  (%.1f x reference median)%n",
        what,
        median,
        p95,
        median / reference[reference.length / 2]);
  }

  /** A few KB of code in the file's language, different each version. */
  private static String text(String path, SplittableRandom random) {
    StringBuilder sb = new StringBuilder();
    int lines = 60 + random.nextInt(60);
    for (int i = 0; i < lines; i++) {
      int n = random.nextInt(1000);
      if (path.endsWith(".py")) {
        sb.append("def f").append(i).append("(x):  # step ").append(n).append('\n');
        sb.append("    return x * ").append(n).append(" + len(\"abc\")\n");
      } else if (path.endsWith(".scad")) {
        sb.append("translate([").append(n).append(", 0, 0]) cube([1, 2, 3]); // part ").append(i);
        sb.append('\n');
      } else {
        sb.append("  <geom name=\"g").append(i).append("\" size=\"").append(n).append(" 1 1\"/>\n");
      }
    }
    return sb.toString();
  }
}
