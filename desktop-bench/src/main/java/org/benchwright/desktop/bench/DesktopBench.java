package org.benchwright.desktop.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.stage.Stage;
import org.benchwright.bench.SyntheticRun;
import org.benchwright.desktop.BenchwrightApp;
import org.benchwright.desktop.Main;
import org.benchwright.desktop.main.MainWindow;
import org.benchwright.desktop.main.MainWindowViewModel;
import org.benchwright.desktop.ui.DialogService;
import org.benchwright.desktop.ui.FxUiExecutor;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.project.RunInfo;

/**
 * The desktop benchmark (issue 5): cold start to a usable window against a bare JavaFX stage;
 * opening a 100,000-event run against the raw read of its first page; step latency; heap with the
 * run open. Every figure is taken on the real main window, to the frame that shows the result. Run
 * it with {@code xvfb-run -a ./mvnw -pl desktop -am compile exec:exec@bench} (docs/performance.md).
 */
public final class DesktopBench {

  private static final int EVENTS = Integer.getInteger("bench.events", 100_000);
  private static final int STARTS = Integer.getInteger("bench.starts", 5);
  private static final int OPENS = 5;
  private static final int STEPS = 200;
  private static final int JUMPS = 50;

  private static final javafx.css.PseudoClass LOADED =
      javafx.css.PseudoClass.getPseudoClass("loaded");

  private final List<String> rows = new ArrayList<>();

  private DesktopBench() {}

  public static void main(String[] args) throws Exception {
    new DesktopBench().run();
    System.exit(0);
  }

  private void run() throws Exception {
    if (STARTS > 0) {
      coldStart();
    }
    Path dir = Files.createTempDirectory("benchwright-desktop-bench");
    try {
      window(dir);
    } finally {
      try (var files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    System.out.println();
    System.out.println("| figure | target | measured |");
    System.out.println("|---|---|---|");
    rows.forEach(System.out::println);
  }

  // ---- cold start -------------------------------------------------------------------------

  private void coldStart() throws Exception {
    List<Double> app = new ArrayList<>();
    List<Double> bare = new ArrayList<>();
    // Alternate, so both see the same machine load and file cache; the first pair warms the
    // page cache for the jars and is not counted.
    for (int i = 0; i <= STARTS; i++) {
      double b = start(BareStage.Launcher.class.getName(), BareStage.SHOWN_MARKER, List.of());
      double a =
          start(
              Main.class.getName(),
              BenchwrightApp.SHOWN_MARKER,
              List.of("-D" + BenchwrightApp.EXIT_WHEN_SHOWN + "=true"));
      if (i > 0) {
        bare.add(b);
        app.add(a);
      }
      System.out.printf(Locale.ROOT, "start %d: bare %.0f ms, workbench %.0f ms%n", i, b, a);
    }
    double a = median(app);
    double b = median(bare);
    rows.add(
        row(
            "reference: fresh JVM showing a bare JavaFX stage (median of " + STARTS + ")",
            "—",
            ms(b)));
    rows.add(
        row(
            "cold start: fresh JVM → main window laid out and drawn (median of " + STARTS + ")",
            "< 3 s",
            String.format(Locale.ROOT, "**%s (%.2f × bare stage)**", ms(a), a / b)));
  }

  /** Milliseconds from starting a JVM to its marker line on stdout. */
  private static double start(String mainClass, String marker, List<String> props)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("--enable-native-access=ALL-UNNAMED");
    cmd.add("-Dprism.forceGPU=true");
    cmd.addAll(props);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(mainClass);
    long t0 = System.nanoTime();
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    double elapsed = -1;
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        if (elapsed < 0 && line.contains(marker)) {
          elapsed = (System.nanoTime() - t0) / 1e6;
        }
      }
    }
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
    }
    if (elapsed < 0) {
      throw new IllegalStateException(
          mainClass + " never showed its window (exit " + p.exitValue() + ")");
    }
    return elapsed;
  }

  // ---- the window with a 100,000-event run ------------------------------------------------

  private void window(Path dir) throws Exception {
    Path file = dir.resolve("bench.bwproj");
    long w0 = System.nanoTime();
    RunInfo big;
    RunInfo small;
    try (Project p = Project.create(file)) {
      small = SyntheticRun.write(p, "engineer", "a short run", 300);
      big = SyntheticRun.write(p, "engineer", "a run of " + EVENTS + " events", EVENTS);
    }
    System.out.printf(
        Locale.ROOT, "wrote %,d events in %.1f s%n", EVENTS + 300, (System.nanoTime() - w0) / 1e9);

    CountDownLatch started = new CountDownLatch(1);
    Platform.startup(started::countDown);
    started.await();
    FxUiExecutor executor = new FxUiExecutor(1, Duration.ofSeconds(5));
    // As the app wires them (BenchwrightApp): the timeline reads on a worker of its own.
    FxUiExecutor timelineExecutor = new FxUiExecutor(1, Duration.ofSeconds(5));
    List<Throwable> errors = new ArrayList<>();
    MainWindowViewModel vm =
        onFx(
            () -> {
              MainWindowViewModel m =
                  new MainWindowViewModel(executor, timelineExecutor, dialogs(errors));
              Stage stage = new Stage();
              new MainWindow(stage, m).show();
              m.openProject(file);
              return m;
            });
    waitUntil(() -> vm.project().isPresent() && vm.runs().rows().size() == 2, 60);
    Project project = vm.project().orElseThrow();
    Scene scene = onFx(() -> Stage.getWindows().getFirst().getScene());

    // Reference: the engine's raw read of the run's first 200 events (median of OPENS, warm).
    List<Double> raw = new ArrayList<>();
    for (int i = 0; i < OPENS + 1; i++) {
      long t0 = System.nanoTime();
      int n = project.events().events(big.id(), 1, 200).size();
      double t = (System.nanoTime() - t0) / 1e6;
      if (n != 200) {
        throw new IllegalStateException("read " + n + " events");
      }
      if (i > 0) {
        raw.add(t);
      }
    }

    // Open the big run OPENS times (another run in between, so every open starts cold).
    List<Double> opens = new ArrayList<>();
    for (int i = 0; i <= OPENS; i++) {
      open(vm, scene, small);
      double t = open(vm, scene, big);
      System.out.printf(Locale.ROOT, "open %d: %.1f ms%n", i, t);
      if (i > 0) {
        opens.add(t);
      }
    }
    double rawMs = median(raw);
    double openMs = median(opens);
    rows.add(
        row(
            "reference: raw `events(run, 1, 200)` read (median of " + OPENS + ")",
            "—",
            ms2(rawMs)));
    rows.add(
        row(
            "open a "
                + String.format(Locale.ROOT, "%,d", EVENTS)
                + "-event run: select → first page drawn (median of "
                + OPENS
                + ")",
            "< 500 ms",
            String.format(
                Locale.ROOT, "**%s (%.1f × the raw read)**", ms(openMs), openMs / rawMs)));

    // Steps: from the middle of the run, one event at a time across a page boundary.
    long middle = EVENTS / 2 - STEPS / 2;
    onFxAndFrame(scene, () -> vm.runCursor().moveTo(middle), () -> shown(scene, middle));
    List<Double> steps = new ArrayList<>();
    for (int i = 1; i <= STEPS; i++) {
      long target = middle + i;
      steps.add(onFxAndFrame(scene, () -> vm.runCursor().next(), () -> shown(scene, target)));
    }
    rows.add(
        row(
            "step (→): cursor move → cell selected and drawn, " + STEPS + " steps (median / p95)",
            "< 50 ms",
            String.format(Locale.ROOT, "**%s / %s**", ms(median(steps)), ms(p95(steps)))));

    // Jumps: the scrubber dragged to far-away steps, each needing a page read.
    Random random = new Random(5);
    List<Double> jumps = new ArrayList<>();
    for (int i = 0; i < JUMPS; i++) {
      long target = 1 + random.nextInt(EVENTS);
      jumps.add(
          onFxAndFrame(scene, () -> vm.runCursor().moveTo(target), () -> shown(scene, target)));
    }
    rows.add(
        row(
            "jump (scrubber) to a random step: page read + drawn, "
                + JUMPS
                + " jumps (median / p95)",
            "—",
            String.format(Locale.ROOT, "%s / %s", ms(median(jumps)), ms(p95(jumps)))));

    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(200);
    }
    long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    rows.add(
        row(
            "heap used with the "
                + String.format(Locale.ROOT, "%,d", EVENTS)
                + "-event run open (after GC)",
            "< 512 MB",
            String.format(Locale.ROOT, "**%.1f MB**", heap / 1e6)));
    if (!errors.isEmpty()) {
      throw new IllegalStateException("the window reported an error", errors.getFirst());
    }
    onFx(
        () -> {
          vm.close();
          return null;
        });
    timelineExecutor.close();
    executor.close();
    Platform.exit();
  }

  /** Selects a run as the runs list does; returns ms until its last page is drawn. */
  private static double open(MainWindowViewModel vm, Scene scene, RunInfo run) throws Exception {
    return onFxAndFrame(
        scene,
        () -> vm.selectRun(run),
        () -> {
          long end = vm.runCursor().lastStepProperty().get();
          return vm.runCursor().run() != null
              && vm.runCursor().run().id() == run.id()
              && end > 0
              && shown(scene, end)
              && allVisibleLoaded(scene);
        });
  }

  /** Whether the cell of {@code seq} is selected, on screen and shows its event. */
  private static boolean shown(Scene scene, long seq) {
    return cell(scene, seq)
        .filter(c -> c.isSelected() && c.getPseudoClassStates().contains(LOADED))
        .isPresent();
  }

  private static boolean allVisibleLoaded(Scene scene) {
    return list(scene).lookupAll(".timeline-cell").stream()
        .map(n -> (ListCell<?>) n)
        .filter(c -> c.isVisible() && c.getItem() != null)
        .allMatch(c -> c.getPseudoClassStates().contains(LOADED));
  }

  private static Optional<ListCell<?>> cell(Scene scene, long seq) {
    return list(scene).lookupAll(".timeline-cell").stream()
        .<ListCell<?>>map(n -> (ListCell<?>) n)
        .filter(c -> c.isVisible() && c.getIndex() == seq - 1 && c.getItem() != null)
        .findFirst();
  }

  private static ListView<?> list(Scene scene) {
    Node n = scene.lookup("#timeline-list");
    return (ListView<?>) n;
  }

  /**
   * Runs {@code action} on the FX thread and returns the milliseconds until the end of the first
   * layout pulse after which {@code done} holds.
   */
  private static double onFxAndFrame(Scene scene, Runnable action, BooleanSupplier done)
      throws Exception {
    CompletableFuture<Double> result = new CompletableFuture<>();
    Platform.runLater(
        () -> {
          long t0 = System.nanoTime();
          Runnable[] check = new Runnable[1];
          check[0] =
              () -> {
                if (done.getAsBoolean()) {
                  scene.removePostLayoutPulseListener(check[0]);
                  result.complete((System.nanoTime() - t0) / 1e6);
                } else {
                  Platform.requestNextPulse();
                }
              };
          scene.addPostLayoutPulseListener(check[0]);
          action.run();
          Platform.requestNextPulse();
        });
    return result.get(60, TimeUnit.SECONDS);
  }

  private static <T> T onFx(java.util.concurrent.Callable<T> work) throws Exception {
    CompletableFuture<T> f = new CompletableFuture<>();
    Platform.runLater(
        () -> {
          try {
            f.complete(work.call());
          } catch (Throwable e) {
            f.completeExceptionally(e);
          }
        });
    return f.get(60, TimeUnit.SECONDS);
  }

  private static void waitUntil(BooleanSupplier condition, int seconds) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!onFx(condition::getAsBoolean)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("timed out");
      }
      Thread.sleep(20);
    }
  }

  private static DialogService dialogs(List<Throwable> errors) {
    return new DialogService() {
      @Override
      public Optional<Path> chooseNewProjectFile() {
        return Optional.empty();
      }

      @Override
      public Optional<Path> chooseProjectToOpen() {
        return Optional.empty();
      }

      @Override
      public void showError(String header, Throwable error) {
        System.err.println(header + ": " + error);
        errors.add(error);
      }

      @Override
      public Optional<Path> chooseExportFile() {
        return Optional.empty();
      }

      @Override
      public Optional<Path> chooseDatasetFile() {
        return Optional.empty();
      }

      @Override
      public boolean confirm(String header, String detail) {
        return false; // the bench confirms nothing it did not ask for
      }
    };
  }

  private static double median(List<Double> xs) {
    List<Double> s = xs.stream().sorted().toList();
    int n = s.size();
    return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
  }

  private static double p95(List<Double> xs) {
    List<Double> s = xs.stream().sorted().toList();
    return s.get(Math.min(s.size() - 1, (int) Math.ceil(0.95 * s.size()) - 1));
  }

  private static String ms(double v) {
    return v >= 1000
        ? String.format(Locale.ROOT, "%.2f s", v / 1000)
        : String.format(Locale.ROOT, "%.1f ms", v);
  }

  private static String ms2(double v) {
    return String.format(Locale.ROOT, "%.2f ms", v);
  }

  private static String row(String figure, String target, String measured) {
    return "| " + figure + " | " + target + " | " + measured + " |";
  }
}
