package org.benchwright.desktop;

/**
 * Start-up phases, printed to stderr with {@code -Dbenchwright.startupTrace=true} (milliseconds
 * since the JVM started): where the time to the first window goes, for the first-window bench and
 * for anyone making start-up faster. Off, it costs one boolean test per phase.
 */
final class StartupTrace {

  private static final boolean ON = Boolean.getBoolean("benchwright.startupTrace");
  // The runtime bean's start time is the JVM's own clock (the process start time of /proc has
  // whole-second precision); it loads java.management, so only when tracing.
  private static final long JVM_START_MS =
      ON ? java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime() : 0;

  private StartupTrace() {}

  static void mark(String phase) {
    if (ON) {
      System.err.println(
          "benchwright: startup " + (System.currentTimeMillis() - JVM_START_MS) + " ms " + phase);
    }
  }
}
