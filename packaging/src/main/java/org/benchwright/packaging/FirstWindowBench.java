package org.benchwright.packaging;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Time to first window of the installed app against a bare JavaFX stage in the same runtime (issue
 * 18): fresh processes, interleaved, median of {@code --runs}. The app is started by its own
 * launcher with {@code --smoke} (the demo project opens with a run selected, then it exits); the
 * reference is the desktop bench's {@code BareStage} started by the app's runtime. Both are timed
 * from the process start to the line each prints after its first laid-out frame, so the shutdown is
 * not counted. Also timed: the app with its AOT cache switched off, and the smoke check's end (the
 * demo's runs listed and one selected).
 *
 * <pre>
 * java -cp packaging/target/classes org.benchwright.packaging.FirstWindowBench \
 *     --app /opt/benchwright --bare-classes desktop-bench/target/classes [--deb FILE] [--runs 5]
 * </pre>
 *
 * Needs a display (run it under xvfb-run on a headless machine).
 */
public final class FirstWindowBench {

  static final String APP_SHOWN = "benchwright: main window shown";
  static final String APP_PASSED = "benchwright: smoke passed";
  static final String BARE_SHOWN = "bare stage shown";
  static final String BARE_MAIN = "org.benchwright.desktop.bench.BareStage$Launcher";

  private FirstWindowBench() {}

  /** One start: milliseconds to the first window and to the end marker (-1 if none). */
  record Start(double firstWindowMs, double doneMs) {}

  public static void main(String[] args) throws Exception {
    Path app = null;
    Path bare = null;
    Path deb = null;
    int runs = 5;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--app" -> app = Path.of(args[++i]);
        case "--bare-classes" -> bare = Path.of(args[++i]);
        case "--deb" -> deb = Path.of(args[++i]);
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "--help" -> {
          System.out.println(
              "Usage: FirstWindowBench --app DIR --bare-classes DIR [--deb FILE] [--runs N]");
          return;
        }
        default -> {
          System.err.println("Unknown argument: " + args[i]);
          System.exit(2);
        }
      }
    }
    if (app == null || bare == null) {
      System.err.println("--app and --bare-classes are required (see --help)");
      System.exit(2);
    }
    Path launcher = app.resolve("bin/Benchwright");
    Path java = app.resolve("lib/runtime/bin/java");
    Path home = Files.createTempDirectory("bw-first-window");
    Map<String, String> env =
        Map.of(
            "BENCHWRIGHT_CONFIG_DIR", home.resolve("config").toString(),
            "BENCHWRIGHT_DATA_DIR", home.resolve("data").toString());
    List<String> appCmd = List.of(launcher.toString(), "--smoke");
    List<String> bareCmd =
        List.of(java.toString(), "-Dprism.forceGPU=true", "-cp", bare.toString(), BARE_MAIN);
    Map<String, String> noAot = new java.util.HashMap<>(env);
    noAot.put("JAVA_TOOL_OPTIONS", "-XX:AOTMode=off");

    // One warm-up of each: the first start after an install reads every file from disk, and
    // the app's first launch writes the demo project.
    start(appCmd, env, APP_SHOWN, APP_PASSED);
    start(bareCmd, Map.of(), BARE_SHOWN, null);
    List<Start> apps = new ArrayList<>();
    List<Start> bares = new ArrayList<>();
    List<Start> cold = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      bares.add(start(bareCmd, Map.of(), BARE_SHOWN, null));
      apps.add(start(appCmd, env, APP_SHOWN, APP_PASSED));
      cold.add(start(appCmd, noAot, APP_SHOWN, APP_PASSED));
    }
    double b = median(bares.stream().map(Start::firstWindowMs).toList());
    double a = median(apps.stream().map(Start::firstWindowMs).toList());
    double c = median(cold.stream().map(Start::firstWindowMs).toList());
    double ad = median(apps.stream().map(Start::doneMs).toList());
    System.out.printf(
        Locale.ROOT, "| figure (median of %d) | ms | × bare |%n|---|---|---|%n", runs);
    System.out.printf(
        Locale.ROOT, "| reference: bare JavaFX stage, same runtime | %.0f | 1.00 |%n", b);
    System.out.printf(
        Locale.ROOT,
        "| installed app, first window (AOT cache) | **%.0f** | **%.2f** |%n",
        a,
        a / b);
    System.out.printf(
        Locale.ROOT, "| installed app, first window, AOT cache off | %.0f | %.2f |%n", c, c / b);
    System.out.printf(
        Locale.ROOT,
        "| installed app, demo open with a run selected (AOT cache) | %.0f | %.2f |%n",
        ad,
        ad / b);
    System.out.println("bare:    " + bares);
    System.out.println("app:     " + apps);
    System.out.println("no AOT:  " + cold);
    System.out.printf(Locale.ROOT, "installed size: %.1f MB (%s)%n", mb(size(app)), app);
    if (deb != null) {
      System.out.printf(Locale.ROOT, ".deb size: %.1f MB (%s)%n", mb(Files.size(deb)), deb);
    }
  }

  /**
   * Starts {@code cmd}, times the lines {@code shown} and {@code done}; fails on a non-zero exit.
   */
  static Start start(List<String> cmd, Map<String, String> env, String shown, String done)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().putAll(env);
    long t0 = System.nanoTime();
    Process p = pb.start();
    double first = -1;
    double end = -1;
    StringBuilder out = new StringBuilder();
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        double ms = (System.nanoTime() - t0) / 1e6;
        out.append(line).append('\n');
        if (first < 0 && line.startsWith(shown)) {
          first = ms;
        }
        if (done != null && end < 0 && line.startsWith(done)) {
          end = ms;
        }
      }
    }
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("did not exit within 120 s: " + cmd);
    }
    if (p.exitValue() != 0 || first < 0 || (done != null && end < 0)) {
      throw new IllegalStateException(
          "exit " + p.exitValue() + " from " + String.join(" ", cmd) + ":\n" + out);
    }
    return new Start(first, end);
  }

  static double median(List<Double> xs) {
    double[] v = xs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  static long size(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile)
          .mapToLong(
              f -> {
                try {
                  return Files.size(f);
                } catch (IOException e) {
                  return 0;
                }
              })
          .sum();
    }
  }

  private static double mb(long bytes) {
    return bytes / 1e6;
  }
}
