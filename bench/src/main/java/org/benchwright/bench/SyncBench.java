package org.benchwright.bench;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.benchwright.engine.project.EventType;
import org.benchwright.engine.project.NewRun;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.sandbox.ExecResult;
import org.benchwright.engine.sandbox.RunSandbox;
import org.benchwright.engine.sandbox.SandboxLimits;
import org.benchwright.engine.sandbox.SandboxSession;
import org.benchwright.engine.sandbox.SandboxSpec;
import org.benchwright.engine.sandbox.Sandboxes;
import org.benchwright.engine.sandbox.SyncLimits;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code benchwright bench sync}: what the workspace sync adds to a command, beside the same
 * command run in the same session without it (the reference, measured in the same run): an
 * unchanged 1 GB / 10,000-file workspace, one changed 1 KiB file, 200,000 one-byte files, a 20 GB
 * sparse file. Runs in the bench's 256 MB heap, and prints the heap's peak.
 */
@Command(
    name = "sync",
    mixinStandardHelpOptions = true,
    description = "Measure the per-command workspace sync against a bare exec.")
final class SyncBench implements Callable<Integer> {

  private static final Duration MINUTES = Duration.ofMinutes(10);
  private static final long MIB = 1024L * 1024;

  @Spec CommandSpec spec;

  @Option(names = "--samples", description = "samples per figure (default ${DEFAULT-VALUE})")
  int samples = 15;

  @Option(
      names = "--files",
      description = "files of the many-files case (default ${DEFAULT-VALUE})")
  int manyFiles = 200_000;

  private PrintWriter out;

  @Override
  public Integer call() throws Exception {
    out = spec.commandLine().getOut();
    Path work = Files.createTempDirectory("bw-sync-bench");
    String owner = "bench-" + UUID.randomUUID();
    // Room for a 1 GB workspace: tmpfs pages count against the container's memory.
    SandboxSpec big =
        SandboxSpec.defaults()
            .withLimits(
                SandboxLimits.defaults()
                    .withMemoryBytes(3072 * MIB)
                    .withWorkspaceBytes(1536 * MIB)
                    .withTmpBytes(512 * MIB));
    out.printf(
        Locale.ROOT,
        "benchwright bench sync: %d samples per figure (medians), %d cores, heap max %d MB%n",
        samples,
        Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() / MIB);
    try (Sandboxes sandboxes =
            Sandboxes.start(Sandboxes.Settings.forOwner(owner).withWarmPool(0).withDefaults(big));
        Project project = Project.create(work.resolve("sync.bwproj"))) {
      project.settings().put(SyncLimits.MAX_TOTAL_MB, "2048");
      unchangedAndOneChanged(project, sandboxes);
      project.settings().remove(SyncLimits.MAX_TOTAL_MB);
      manyFiles(project, sandboxes);
      sparse(project, sandboxes);
    } finally {
      EventLogBench.deleteTree(work);
    }
    return 0;
  }

  private void unchangedAndOneChanged(Project project, Sandboxes sandboxes) throws Exception {
    long empty = project.runs().create(new NewRun("bench", "empty", "{}")).id();
    try (RunSandbox box = new RunSandbox(project, empty, sandboxes.open("sync-empty"))) {
      median(() -> box.run("n", "true", MINUTES));
      out.printf(
          Locale.ROOT,
          "`true` + sync, empty workspace (fixed costs):      %7.1f ms%n",
          median(() -> box.run("n", "true", MINUTES)));
    }
    long run = project.runs().create(new NewRun("bench", "1 GB", "{}")).id();
    try (RunSandbox box = new RunSandbox(project, run, sandboxes.open("sync-1g"))) {
      long t0 = System.nanoTime();
      ExecResult made =
          box.run(
              "n",
              "python3 -c \"import os\nfor d in range(100):\n  os.makedirs('d%d' % d)\n  for i in"
                  + " range(100):\n    open('d%d/f%d' % (d, i), 'wb').write(bytes(107374))\"",
              MINUTES);
      check(made);
      out.printf(
          Locale.ROOT,
          "setup: 10,000 files, 1.0 GiB written and recorded:  %7.1f s (the command %.1f s)%n",
          (System.nanoTime() - t0) / 1e9,
          made.duration().toMillis() / 1e3);
      SandboxSession bare = sandboxes.open("sync-ref");
      try {
        median(() -> bare.run("true", MINUTES)); // warm-up
        double ref = median(() -> bare.run("true", MINUTES));
        median(() -> box.run("n", "true", MINUTES));
        double synced = median(() -> box.run("n", "true", MINUTES));
        out.printf(
            Locale.ROOT,
            "reference: `true` in a session, no sync:            %7.1f ms%n"
                + "`true` + sync, 10,000 files / 1 GiB unchanged:    %7.1f ms  (%+.1f ms; target <= +30)%n",
            ref,
            synced,
            synced - ref);
        check(
            bare.run(
                "python3 -c \"import os\nfor d in range(100):\n  os.makedirs('d%d' % d)\n  for i in"
                    + " range(100):\n    open('d%d/f%d' % (d, i), 'wb').write(b'x')\"",
                MINUTES));
        double listing =
            median(() -> bare.listWorkspace(java.util.Set.of(), 20_000, MINUTES).kept().size());
        out.printf(
            Locale.ROOT,
            "  of which: listing 10,000 entries (one exec of find): %7.1f ms%n",
            listing);
        String write = "head -c 1024 /dev/urandom > d0/f0";
        double refWrite = median(() -> bare.run(write, MINUTES));
        double syncedWrite = median(() -> box.run("n", write, MINUTES));
        out.printf(
            Locale.ROOT,
            "reference: one 1 KiB write, no sync:                %7.1f ms%n"
                + "one 1 KiB write + sync (listing, copy, record):   %7.1f ms  (%+.1f ms; target <= +50)%n",
            refWrite,
            syncedWrite,
            syncedWrite - refWrite);
      } finally {
        bare.close();
      }
    }
  }

  private void manyFiles(Project project, Sandboxes sandboxes) throws Exception {
    long run = project.runs().create(new NewRun("bench", "many", "{}")).id();
    try (RunSandbox box = new RunSandbox(project, run, sandboxes.open("sync-many"))) {
      System.gc();
      resetPeaks();
      long t0 = System.nanoTime();
      ExecResult r =
          box.run(
              "n",
              "python3 -c \"import os\nos.makedirs('many')\nfor i in range("
                  + manyFiles
                  + "):\n  open('many/%d' % i, 'wb').write(b'x')\"",
              MINUTES);
      double total = (System.nanoTime() - t0) / 1e9;
      check(r);
      long recorded = project.events().stream(run, java.util.Set.of(EventType.FILE_CHANGE)).count();
      out.printf(
          Locale.ROOT,
          "%,d one-byte files: command %.1f s, command + sync %.1f s (target <= 15 s),"
              + " %,d recorded, heap peak %d MB (target <= 256)%n"
              + "  the result says: %s%n",
          manyFiles,
          r.duration().toMillis() / 1e3,
          total,
          recorded,
          peakHeap() / MIB,
          firstLines(r.detail()));
    }
  }

  private void sparse(Project project, Sandboxes sandboxes) throws Exception {
    long run = project.runs().create(new NewRun("bench", "sparse", "{}")).id();
    try (RunSandbox box = new RunSandbox(project, run, sandboxes.open("sync-sparse"))) {
      box.run("n", "true", MINUTES);
      long t0 = System.nanoTime();
      ExecResult r = box.run("n", "truncate -s 20G big.bin", MINUTES);
      double total = (System.nanoTime() - t0) / 1e3 / 1e3;
      check(r);
      out.printf(
          Locale.ROOT,
          "20 GB sparse file: command %d ms, command + sync %.0f ms (target <= 2,000)%n"
              + "  the result says: %s%n",
          r.duration().toMillis(),
          total,
          firstLines(r.detail()));
    }
  }

  private static String firstLines(String s) {
    if (s == null) {
      return "(nothing)";
    }
    String one = s.replace("\n", " | ");
    return one.length() > 300 ? one.substring(0, 300) + "…" : one;
  }

  private static void check(ExecResult r) {
    if (!r.succeeded()) {
      throw new IllegalStateException("bench command failed: " + r.stderrText() + " " + r.detail());
    }
  }

  private static void resetPeaks() {
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        p.resetPeakUsage();
      }
    }
  }

  /** Sum of the heap pools' peaks: an upper bound of the heap in use at once. */
  private static long peakHeap() {
    long sum = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        sum += p.getPeakUsage().getUsed();
      }
    }
    return sum;
  }

  private interface Step {
    Object run() throws Exception;
  }

  private double median(Step step) throws Exception {
    List<Double> times = new ArrayList<>();
    for (int i = 0; i < samples; i++) {
      long t0 = System.nanoTime();
      Object r = step.run();
      times.add((System.nanoTime() - t0) / 1e6);
      if (r instanceof ExecResult e) {
        check(e);
      }
    }
    Collections.sort(times);
    return times.get(times.size() / 2);
  }
}
