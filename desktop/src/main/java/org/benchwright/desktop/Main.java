package org.benchwright.desktop;

import java.util.List;
import javafx.application.Application;

/**
 * Starts the workbench. Kept apart from {@link BenchwrightApp} because a main class that extends
 * {@code Application} refuses to start when JavaFX is on the classpath rather than the module path.
 * The command line is read here, before JavaFX starts, so that --help and a bad option answer at
 * once and with the CLI's exit codes.
 */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    StartupTrace.mark("main");
    try {
      LaunchOptions.parse(List.of(args));
    } catch (LaunchOptions.UsageException e) {
      (e.exitCode() == 0 ? System.out : System.err).println(e.getMessage());
      System.exit(e.exitCode());
    }
    Application.launch(BenchwrightApp.class, args);
  }
}
