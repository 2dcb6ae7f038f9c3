package org.benchwright.desktop;

import java.nio.file.Path;
import java.util.List;

/**
 * The workbench's command line: {@code Benchwright [--smoke] [PROJECT.bwproj]}. A project given
 * here is what a double-click on a {@code .bwproj} file passes (the installers' file association);
 * {@code --smoke} is the installed app's self-test: open the demo project (or the one given), draw
 * the main window with a run selected, exit 0 (or print why not and exit 1).
 *
 * @param smoke run the self-test and exit
 * @param project the project to open instead of the last one; null for none
 */
public record LaunchOptions(boolean smoke, Path project) {

  public static final String USAGE =
      """
      Usage: Benchwright [--smoke] [PROJECT.bwproj]
      Opens the Benchwright workbench: the given project, else the last one, else (on a first
      launch) the demo project.
        --smoke     open the demo project (or PROJECT), draw the main window with a run
                    selected, exit 0; print why not and exit 1 otherwise (the installers'
                    self-test)
        --help      show this help and exit
        --version   show the version and exit
      The headless commands are in the benchwright CLI: benchwright --help.""";

  /** A command line that cannot be run; {@link #exitCode()} follows the CLI's rules. */
  public static final class UsageException extends Exception {
    private final int exitCode;

    UsageException(String message, int exitCode) {
      super(message);
      this.exitCode = exitCode;
    }

    /** 0 for --help and --version (the message is their text), 2 for a bad command line. */
    public int exitCode() {
      return exitCode;
    }
  }

  /**
   * Reads the command line.
   *
   * @throws UsageException for --help/--version (exit 0, the message is the text to print) and for
   *     anything it does not know (exit 2); an unknown option wins over --help, as in the CLI
   */
  /** The smoke test without a project opens the demo, whatever the settings say. */
  public boolean demoWanted() {
    return smoke && project == null;
  }

  public static LaunchOptions parse(List<String> args) throws UsageException {
    boolean smoke = false;
    boolean help = false;
    boolean version = false;
    Path project = null;
    for (String a : args) {
      switch (a) {
        case "--smoke" -> smoke = true;
        case "--help", "-h" -> help = true;
        case "--version", "-V" -> version = true;
        default -> {
          if (a.startsWith("-")) {
            throw new UsageException("Unknown option '" + a + "'.\n" + USAGE, 2);
          }
          if (project != null) {
            throw new UsageException(
                "Only one project can be opened; got " + project + " and " + a + ".\n" + USAGE, 2);
          }
          project = Path.of(a).toAbsolutePath().normalize();
        }
      }
    }
    if (help) {
      throw new UsageException(USAGE, 0);
    }
    if (version) {
      throw new UsageException("Benchwright " + version(), 0);
    }
    return new LaunchOptions(smoke, project);
  }

  /** The version the build stamps into the engine (read without starting the CLI's classes). */
  static String version() {
    try (var in = LaunchOptions.class.getResourceAsStream("/benchwright-version.properties")) {
      java.util.Properties p = new java.util.Properties();
      if (in != null) {
        p.load(in);
      }
      return p.getProperty("version", "unknown");
    } catch (java.io.IOException e) {
      return "unknown";
    }
  }
}
