package org.benchwright.engine.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The headless entry point: {@code benchwright <command>}. Exit code 0 on success. */
@Command(
    name = "benchwright",
    mixinStandardHelpOptions = true,
    versionProvider = BenchwrightCli.Version.class,
    description = "Run, inspect and steer autonomous engineering agents from the command line.",
    // The benches are not in the engine jar (ADR 0031); the launcher script starts them.
    footer = {
      "",
      "Benchmarks run from a source checkout:",
      "  bin/benchwright bench [sandbox|export|backup|mesh]"
    },
    subcommands = {
      ProjectCommand.class,
      RunCommands.Run.class,
      RunCommands.Runs.class,
      RunCommands.Benchmarks.class,
      ExportCommand.class,
      BundleCommands.Bundle.class,
      // `benchwright import FILE` is the short form of `bundle import` (the CLI names it
      // so).
      BundleCommands.Import.class,
      BundleCommands.Backup.class,
      BundleCommands.Restore.class
    })
public final class BenchwrightCli {

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs a command line and returns its exit code (tests call this instead of main). */
  public static int run(String... args) {
    CommandLine cli = new CommandLine(new BenchwrightCli());
    cli.setExecutionExceptionHandler(
        (e, cmd, parsed) -> {
          // Engine exceptions carry a message meant for the user; a stack trace is noise there.
          cmd.getErr().println("error: " + e.getMessage());
          return 2;
        });
    return cli.execute(args);
  }

  /** The version stamped into the jar by the build. */
  public static String version() {
    try (InputStream in =
        BenchwrightCli.class.getResourceAsStream("/benchwright-version.properties")) {
      Properties p = new Properties();
      if (in != null) {
        p.load(in);
      }
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {
        "benchwright " + version(),
        "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"
      };
    }
  }
}
