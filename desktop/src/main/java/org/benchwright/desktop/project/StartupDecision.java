package org.benchwright.desktop.project;

import java.nio.file.Path;
import java.util.function.Predicate;

/** What the workbench opens when it starts (ADR 0022). */
public sealed interface StartupDecision {

  /** Reopen the project that was open when the app last stopped. */
  record OpenLast(Path file) implements StartupDecision {}

  /** Nothing configured: create (if needed) and open the demo project. */
  record OpenDemo(Path file) implements StartupDecision {}

  /** Open nothing; {@code message} says why when the last project has gone (else null). */
  record OpenNothing(String message) implements StartupDecision {}

  /** Open the project named on the command line (a double-clicked {@code .bwproj} file). */
  record OpenGiven(Path file) implements StartupDecision {}

  static StartupDecision decide(DesktopSettings settings, Path demo, Predicate<Path> exists) {
    return decide(settings, demo, exists, null, false);
  }

  /**
   * @param requested the project given on the command line, or null
   * @param demoWanted open the demo whatever the settings say (the installers' smoke test)
   */
  static StartupDecision decide(
      DesktopSettings settings,
      Path demo,
      Predicate<Path> exists,
      Path requested,
      boolean demoWanted) {
    if (demoWanted) {
      return new OpenDemo(demo);
    }
    if (requested != null) {
      return exists.test(requested)
          ? new OpenGiven(requested)
          : new OpenNothing(
              requested
                  + " does not exist (it was given on the command line). Open a project"
                  + " with File ▸ Open Project….");
    }
    if (settings.isFirstLaunch()) {
      return new OpenDemo(demo);
    }
    Path last = settings.lastProject();
    if (last == null) {
      return new OpenNothing(null);
    }
    if (exists.test(last)) {
      return new OpenLast(last);
    }
    return new OpenNothing(
        "The last project, "
            + last
            + ", was moved or deleted. Open it from its new place with File ▸ Open Project….");
  }
}
