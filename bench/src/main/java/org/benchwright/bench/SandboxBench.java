package org.benchwright.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.benchwright.engine.sandbox.ExecResult;
import org.benchwright.engine.sandbox.SandboxLimits;
import org.benchwright.engine.sandbox.SandboxSession;
import org.benchwright.engine.sandbox.SandboxSpec;
import org.benchwright.engine.sandbox.Sandboxes;

/**
 * Sandbox latency and throughput beside the Docker CLI measured in the same run: `docker run --rm
 * IMAGE true` is the reference for session start, `docker exec CONTAINER true` the reference for
 * one command.
 */
public final class SandboxBench {

  private final PrintWriter out;
  private final String image;
  private final int samples;

  public SandboxBench(PrintWriter out, String image, int samples) {
    this.out = out;
    this.image = image;
    this.samples = samples;
  }

  public void run() throws Exception {
    String owner = "bench-" + UUID.randomUUID();
    out.printf(
        Locale.ROOT,
        "benchwright bench sandbox: image %s, %d samples each, %d cores%n",
        image,
        samples,
        Runtime.getRuntime().availableProcessors());

    double dockerRun =
        median(samples, () -> cli("docker", "run", "--rm", "--network", "none", image, "true"));
    out.printf(
        Locale.ROOT, "reference `docker run --rm IMAGE true` (CLI):      %7.1f ms%n", dockerRun);

    String ref =
        cliOutput("docker", "run", "-d", "--rm", "--network", "none", image, "sleep", "600").trim();
    double dockerExec;
    try {
      median(3, () -> cli("docker", "exec", ref, "true")); // warm-up
      dockerExec = median(samples * 4, () -> cli("docker", "exec", ref, "true"));
    } finally {
      cli("docker", "rm", "-f", ref);
    }
    out.printf(
        Locale.ROOT, "reference `docker exec CONTAINER true` (CLI):      %7.1f ms%n", dockerExec);

    SandboxSpec spec = new SandboxSpec(image, SandboxLimits.defaults());
    try (Sandboxes cold = Sandboxes.start(settings(owner, spec, 0))) {
      double coldMs =
          median(
              samples,
              () -> {
                try (SandboxSession s = cold.open("bench")) {
                  s.exec(List.of("true"), Duration.ofSeconds(60));
                }
              });
      out.printf(
          Locale.ROOT,
          "cold session: new container -> first `true` done: %7.1f ms  (%.2f x docker run)%n",
          coldMs,
          coldMs / dockerRun);
    }

    try (Sandboxes warm = Sandboxes.start(settings(owner, spec, 1))) {
      List<Double> times = new ArrayList<>();
      for (int i = 0; i < samples; i++) {
        waitForPool(warm);
        long t0 = System.nanoTime();
        try (SandboxSession s = warm.open("bench")) {
          s.exec(List.of("true"), Duration.ofSeconds(60));
          times.add((System.nanoTime() - t0) / 1e6);
        }
      }
      double warmMs = median(times);
      out.printf(
          Locale.ROOT,
          "warm-pool session: open -> first `true` done:      %7.1f ms  (%.2f x docker run; target <= 0.33)%n",
          warmMs,
          warmMs / dockerRun);

      waitForPool(warm);
      try (SandboxSession s = warm.open("bench")) {
        median(3, () -> s.exec(List.of("true"), Duration.ofSeconds(60)));
        double execMs = median(samples * 4, () -> s.exec(List.of("true"), Duration.ofSeconds(60)));
        out.printf(
            Locale.ROOT,
            "one `true` exec in a session:                     %7.1f ms  (%+.1f ms vs docker exec; target <= +50)%n",
            execMs,
            execMs - dockerExec);
      }
    }

    try (Sandboxes four = Sandboxes.start(settings(owner, spec, 0))) {
      List<SandboxSession> sessions = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        sessions.add(four.open("throughput-" + i));
      }
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        long t0 = System.nanoTime();
        List<Future<?>> work = new ArrayList<>();
        for (SandboxSession s : sessions) {
          work.add(
              pool.submit(
                  () -> {
                    for (int k = 0; k < 50; k++) {
                      ExecResult r = s.exec(List.of("true"), Duration.ofSeconds(60));
                      if (!r.succeeded()) {
                        throw new IllegalStateException("exec failed: " + r);
                      }
                    }
                    return null;
                  }));
        }
        for (Future<?> f : work) {
          f.get(10, TimeUnit.MINUTES);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        out.printf(
            Locale.ROOT,
            "200 `true` execs over 4 sessions:                 %7.2f s = %.0f execs/s%n",
            seconds,
            200 / seconds);
      } finally {
        pool.shutdownNow();
        sessions.forEach(SandboxSession::close);
      }
    }
  }

  private static Sandboxes.Settings settings(String owner, SandboxSpec spec, int warmPool) {
    return Sandboxes.Settings.forOwner(owner).withDefaults(spec).withWarmPool(warmPool);
  }

  private static void waitForPool(Sandboxes s) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 60_000;
    while (s.warmReady() == 0 && System.currentTimeMillis() < deadline) {
      Thread.sleep(10);
    }
  }

  @FunctionalInterface
  private interface Step {
    void run() throws Exception;
  }

  private static double median(int n, Step step) throws Exception {
    List<Double> times = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      long t0 = System.nanoTime();
      step.run();
      times.add((System.nanoTime() - t0) / 1e6);
    }
    return median(times);
  }

  private static double median(List<Double> times) {
    double[] a = times.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(a);
    return a[a.length / 2];
  }

  private static void cli(String... command) throws IOException, InterruptedException {
    cliOutput(command);
  }

  private static String cliOutput(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes());
    if (p.waitFor() != 0) {
      throw new IOException(String.join(" ", command) + " failed: " + output);
    }
    return output;
  }
}
