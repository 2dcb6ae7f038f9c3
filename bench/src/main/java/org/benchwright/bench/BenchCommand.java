package org.benchwright.bench;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.benchwright.engine.cli.BenchwrightCli;
import org.benchwright.engine.sandbox.SandboxSpec;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code benchwright bench}: measures the project file on this machine and prints the figures that
 * docs/performance.md records. Every rate is printed beside a reference measured in the same run,
 * because absolute times on a shared machine are noisy.
 *
 * <p>Not a subcommand of the engine's CLI: the benches live outside the shipped jars, and {@code
 * bin/benchwright bench ...} starts this main class on the bench module's classpath instead.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Measure event-log throughput, open latency, file size and heap.",
    subcommands = {
      BenchCommand.OpenProbe.class,
      BenchCommand.Sandbox.class,
      ExportBench.class,
      BackupBench.class,
      MeshBench.class,
      SyncBench.class,
      ExperimentBench.class,
      CapabilityBench.class,
      AutoMlBench.class,
      ForkBench.class,
      ApiBench.class
    })
public final class BenchCommand implements Callable<Integer> {

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the bench command line and returns its exit code (tests call this instead of main). */
  static int execute(String... args) {
    return BenchwrightCli.execute(
        new CommandLine(new BenchCommand()).setCommandName("benchwright bench"), args);
  }

  @Spec CommandSpec spec;

  @Option(
      names = "--events",
      description = "events for the throughput runs (default ${DEFAULT-VALUE})")
  int events = 1_000_000;

  @Option(
      names = "--single-events",
      description = "events for the one-commit-per-event run (default ${DEFAULT-VALUE})")
  int singleEvents = 200_000;

  @Option(names = "--batch", description = "events per transaction (default ${DEFAULT-VALUE})")
  int batch = 1_000;

  @Option(names = "--dir", description = "working folder (default: a new temporary folder)")
  Path dir;

  @Option(names = "--keep", description = "keep the project files written")
  boolean keep;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Path work = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("bw-bench");
    try {
      new EventLogBench(work, events, singleEvents, batch, out).run();
    } finally {
      if (!keep) {
        EventLogBench.deleteTree(work);
      }
    }
    return 0;
  }

  /** {@code benchwright bench sandbox}: session latency and exec throughput. */
  @Command(
      name = "sandbox",
      mixinStandardHelpOptions = true,
      description = "Measure sandbox session start, warm pool, per-exec overhead and throughput.")
  static final class Sandbox implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--image", description = "sandbox image (default ${DEFAULT-VALUE})")
    String image = SandboxSpec.DEFAULT_IMAGE;

    @Option(
        names = "--samples",
        description = "samples per latency figure (default ${DEFAULT-VALUE})")
    int samples = 7;

    @Override
    public Integer call() throws Exception {
      new SandboxBench(spec.commandLine().getOut(), image, samples).run();
      return 0;
    }
  }

  /** Runs in a fresh JVM: times opening a project and reading its last page. */
  @Command(name = "open-probe", hidden = true)
  static final class OpenProbe implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0")
    Path file;

    @Parameters(index = "1")
    long runId;

    @Override
    public Integer call() {
      long[] t = EventLogBench.openAndReadLastPage(file, runId, 200, false);
      spec.commandLine().getOut().println("probe " + t[0] + " " + t[1]);
      return 0;
    }
  }
}
