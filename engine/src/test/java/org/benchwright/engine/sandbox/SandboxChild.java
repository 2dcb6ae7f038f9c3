package org.benchwright.engine.sandbox;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A second JVM holding sandboxes: it opens a session, runs a command, prints "ready", then either
 * exits normally ({@code exit}) without closing anything, or waits to be killed ({@code wait}).
 */
public final class SandboxChild {

  public static void main(String[] args) throws Exception {
    Sandboxes sandboxes = Sandboxes.start(Sandboxes.Settings.forOwner(args[1]).withWarmPool(1));
    SandboxSession s = sandboxes.open("child-run");
    s.run("echo hello > greeting.txt", Duration.ofSeconds(30));
    while (sandboxes.warmReady() < 1) {
      Thread.sleep(20);
    }
    System.out.println("ready");
    System.out.flush();
    if (args[0].equals("exit")) {
      System.exit(0); // no close(): the shutdown hook must clean up
    }
    Thread.sleep(TimeUnit.MINUTES.toMillis(5));
  }

  static Process start(String mode, String owner) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(
            java,
            "-cp",
            System.getProperty("java.class.path"),
            SandboxChild.class.getName(),
            mode,
            owner)
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
  }

  static boolean awaitReady(Process p) throws Exception {
    BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = r.readLine()) != null) {
      if (line.equals("ready")) {
        return true;
      }
    }
    return false;
  }
}
