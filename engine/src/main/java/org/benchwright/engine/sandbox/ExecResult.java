package org.benchwright.engine.sandbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * What one command in a sandbox did.
 *
 * @param exitCode the exit code, or null when the command did not exit by itself
 * @param sessionRestarted true when the container had to be killed and a fresh one took its place
 *     (timeout, output limit): processes and /tmp are gone and the workspace was reset
 * @param detail a sentence for the user about anything other than a plain exit
 */
public record ExecResult(
    List<String> command,
    Integer exitCode,
    byte[] stdout,
    byte[] stderr,
    boolean stdoutTruncated,
    boolean stderrTruncated,
    Duration duration,
    Termination termination,
    boolean sessionRestarted,
    String detail) {

  public String stdoutText() {
    return new String(stdout, StandardCharsets.UTF_8);
  }

  public String stderrText() {
    return new String(stderr, StandardCharsets.UTF_8);
  }

  /** The same result with a sentence added to its detail (what happened to the files, say). */
  public ExecResult withDetail(String more) {
    String d = detail == null ? more : detail + "\n" + more;
    return new ExecResult(
        command,
        exitCode,
        stdout,
        stderr,
        stdoutTruncated,
        stderrTruncated,
        duration,
        termination,
        sessionRestarted,
        d);
  }

  /** Exited by itself with code 0. */
  public boolean succeeded() {
    return termination == Termination.EXIT && exitCode != null && exitCode == 0;
  }
}
