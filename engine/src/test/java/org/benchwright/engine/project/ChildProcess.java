package org.benchwright.engine.project;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A second JVM that uses a project the way another Benchwright process would. Tests start it, read
 * what it acknowledges line by line, and kill it.
 *
 * <p>Modes: {@code hold PATH} opens for writing, prints "ready" and waits; {@code running PATH}
 * does the same with a new run marked running, printing "ready RUN"; {@code append PATH} appends
 * events (every tenth a file version) forever, printing "ack SEQ" after each commit.
 */
public final class ChildProcess implements AutoCloseable {

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[1]);
    switch (args[0]) {
      case "hold" -> {
        try (Project p = Project.open(file)) {
          System.out.println("ready " + ProcessHandle.current().pid());
          System.out.flush();
          Thread.sleep(TimeUnit.MINUTES.toMillis(5));
        }
      }
      case "running" -> {
        try (Project p = Project.open(file)) {
          long run = p.runs().create(new NewRun("wf", "killed while running", "{}")).id();
          p.runs().setStatus(run, RunStatus.RUNNING);
          System.out.println("ready " + run);
          System.out.flush();
          Thread.sleep(TimeUnit.MINUTES.toMillis(5));
        }
      }
      case "append" -> {
        try (Project p = Project.open(file)) {
          long run =
              p.runs().list().stream()
                  .findFirst()
                  .map(RunInfo::id)
                  .orElseGet(() -> p.runs().create(new NewRun("wf", "crash test", "{}")).id());
          System.out.println("ready " + run);
          System.out.flush();
          for (long i = 0; ; i++) {
            long step = i;
            if (i % 10 == 9) {
              ack(p.files().write(run, "coder", "f" + (i % 7) + ".txt", contentFor(i)), i);
            } else if (i % 10 < 5) {
              ack(p.events().append(run, Event.of(EventType.NOTE, "coder", payloadFor(i))), i);
            } else {
              // Group-committed appends: acknowledged from the commit thread once durable.
              p.events()
                  .appendAsync(run, Event.of(EventType.NOTE, "coder", payloadFor(i)))
                  .thenAccept(seq -> ack(seq, step));
            }
          }
        }
      }
      default -> throw new IllegalArgumentException(args[0]);
    }
  }

  private static synchronized void ack(long seq, long step) {
    System.out.println("ack " + seq + " " + step);
    System.out.flush();
  }

  static String payloadFor(long i) {
    return "{\"i\":" + i + ",\"text\":\"" + "p".repeat(280) + "\"}";
  }

  static byte[] contentFor(long i) {
    return ("content of step " + i + "\n").repeat(500).getBytes(StandardCharsets.UTF_8);
  }

  // ---- the parent's side ----

  private final Process process;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final List<String> all = new ArrayList<>();

  private ChildProcess(Process process) {
    this.process = process;
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                  lines.add(line);
                }
              } catch (IOException ignored) {
                // the child was killed
              }
            },
            "child-stdout");
    reader.setDaemon(true);
    reader.start();
  }

  public static ChildProcess start(String mode, Path file) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb =
        new ProcessBuilder(
            java,
            "-Xshare:auto",
            "--enable-native-access=ALL-UNNAMED",
            "-Dbenchwright.app=child-" + mode,
            "-cp",
            System.getProperty("java.class.path"),
            ChildProcess.class.getName(),
            mode,
            file.toString());
    pb.redirectError(ProcessBuilder.Redirect.DISCARD);
    return new ChildProcess(pb.start());
  }

  /** Waits for the next line starting with prefix; null on timeout or exit. */
  public String awaitLine(String prefix, long timeoutMs) throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMs;
    while (System.currentTimeMillis() < deadline) {
      String line = lines.poll(50, TimeUnit.MILLISECONDS);
      if (line != null) {
        all.add(line);
        if (line.startsWith(prefix)) {
          return line;
        }
      } else if (!process.isAlive() && lines.isEmpty()) {
        return null;
      }
    }
    return null;
  }

  public long pid() {
    return process.pid();
  }

  /** SIGKILL, then every complete line the child managed to print. */
  public List<String> killAndDrain() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
    Thread.sleep(50); // let the reader thread take the last buffered lines
    lines.drainTo(all);
    return all;
  }

  @Override
  public void close() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }
}
