package org.benchwright.engine.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
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
      "  bin/benchwright bench [sandbox|sync|export|backup|mesh]"
    },
    subcommands = {
      ProjectCommand.class,
      RunCommands.Run.class,
      RunCommands.Runs.class,
      ForkCommands.Fork.class,
      ForkCommands.Compare.class,
      ForkCommands.Replay.class,
      RunCommands.Benchmarks.class,
      ExportCommand.class,
      ExperimentsCommand.class,
      CapabilitiesCommand.class,
      AutoMlCommands.Dataset.class,
      AutoMlCommands.LeaderboardCmd.class,
      AutoMlCommands.Predict.class,
      AutoMlCommands.Model.class,
      BundleCommands.Bundle.class,
      // `benchwright import FILE` is the short form of `bundle import` (the CLI names it
      // so).
      BundleCommands.Import.class,
      BundleCommands.Backup.class,
      BundleCommands.Restore.class,
      SettingsCommand.class,
      ServeCommand.class
    })
public final class BenchwrightCli {

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs a command line and returns its exit code (tests call this instead of main). */
  public static int run(String... args) {
    return execute(commandLine(), args);
  }

  /**
   * Runs a command tree with the CLI's manners: an error's message on stderr with exit 2, and an
   * unknown command refused with exit 2 even beside {@code --help}. The bench's tree uses it too.
   */
  public static int execute(CommandLine cli, String... args) {
    cli.setExecutionExceptionHandler(
        (e, cmd, parsed) -> {
          // Engine exceptions carry a message meant for the user; a stack trace is noise there.
          cmd.getErr().println("error: " + e.getMessage());
          return 2;
        });
    CommandLine.IParameterExceptionHandler usage = cli.getParameterExceptionHandler();
    cli.setParameterExceptionHandler(
        (e, cmdArgs) -> {
          if (e instanceof CommandLine.UnmatchedArgumentException u && u.getCommandLine() == cli) {
            Optional<String> unknown = unknownCommand(u.getUnmatched());
            if (unknown.isPresent()) {
              return refuseUnknown(cli, unknown.get());
            }
          }
          return usage.handleParseException(e, cmdArgs);
        });
    CommandLine.IExecutionStrategy strategy = cli.getExecutionStrategy();
    cli.setExecutionStrategy(
        parsed -> {
          // With --help picocli skips validation, so `benchwright frob --help` would print the
          // root help and exit 0: a script could not tell that the command does not exist.
          // The same for a word no subcommand knows ("settings frob --help").
          for (CommandLine c : parsed.asCommandLineList()) {
            Optional<String> unknown = unknownCommand(c.getParseResult().unmatched());
            if (unknown.isPresent()) {
              return refuseUnknown(c, unknown.get());
            }
          }
          return strategy.execute(parsed);
        });
    return cli.execute(args);
  }

  /**
   * The whole command tree. Every command gets {@code --help} and {@code --version}, so that help
   * never trips over a required option, whoever wrote the command.
   */
  static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new BenchwrightCli());
    withHelp(cli);
    return cli;
  }

  private static void withHelp(CommandLine command) {
    command.getCommandSpec().mixinStandardHelpOptions(true);
    command.getSubcommands().values().forEach(BenchwrightCli::withHelp);
  }

  private static Optional<String> unknownCommand(List<String> unmatched) {
    return unmatched.stream().filter(a -> !a.startsWith("-")).findFirst();
  }

  private static int refuseUnknown(CommandLine cli, String name) {
    cli.getErr()
        .println(
            cli.getSubcommands().isEmpty()
                ? "error: unknown argument '" + name + "' for " + cli.getCommandName() + "."
                : "error: unknown command '"
                    + name
                    + "'. Commands: "
                    + String.join(", ", cli.getSubcommands().keySet())
                    + ".");
    cli.getErr().flush();
    return 2;
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
