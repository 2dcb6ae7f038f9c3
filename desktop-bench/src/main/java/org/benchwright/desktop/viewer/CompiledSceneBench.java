package org.benchwright.desktop.viewer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.benchwright.desktop.run.RunCursor;
import org.benchwright.desktop.ui.FxUiExecutor;
import org.benchwright.engine.mjcf.SceneCompiler;

/**
 * Issue 16's viewer figures: every scene of a folder opened through the viewer as Open File… does,
 * drawn from MuJoCo's compiled model (sandbox warm), and per scene the compiled model's {@code
 * ngeom} and {@code nflex} against the nodes the viewer made for them (they must match), and the
 * time from open to the first rendered frame. Reference in the same run: the same open drawn by
 * Benchwright's own reader (no sandbox). Needs a display (xvfb-run) and a Docker engine with the
 * cad-sim image; without them every row says why MuJoCo's view is unavailable.
 *
 * <pre>
 * ./mvnw -pl desktop-bench -am compile exec:exec@scene-bench -Dviewer.bench.scenes=DIR
 * </pre>
 */
public final class CompiledSceneBench {

  private static final int ROUNDS = 3;

  private CompiledSceneBench() {}

  public static void main(String[] args) throws Exception {
    Path folder = Path.of(args.length > 0 ? args[0] : System.getProperty("viewer.bench.scenes"));
    List<Path> scenes;
    try (Stream<Path> s = Files.walk(folder)) {
      scenes = s.filter(p -> p.toString().endsWith(".xml")).sorted().toList();
    }
    CountDownLatch started = new CountDownLatch(1);
    Platform.startup(started::countDown);
    started.await();
    FxUiExecutor executor = new FxUiExecutor(1, Duration.ofSeconds(5));
    SceneCompiler compiler =
        SceneCompiler.overDocker("viewer-bench-" + ProcessHandle.current().pid());
    long warm0 = System.nanoTime();
    String warmNote;
    try {
      compiler.warmUp();
      warmNote =
          String.format(
              Locale.ROOT, "sandbox started in %.0f ms", (System.nanoTime() - warm0) / 1e6);
    } catch (RuntimeException e) {
      warmNote = "sandbox unavailable: " + e.getMessage();
    }
    Harness compiled = onFx(() -> new Harness(executor, compiler)).get(30, TimeUnit.SECONDS);
    Harness reader = onFx(() -> new Harness(executor, null)).get(30, TimeUnit.SECONDS);
    Path blank = Files.createTempFile("benchwright-blank", ".xml");
    Files.writeString(blank, "<mujoco><worldbody><geom size=\"0.1\"/></worldbody></mujoco>");
    blank.toFile().deleteOnExit();
    compiled.blank = blank;
    reader.blank = blank;
    System.out.printf(
        Locale.ROOT,
        "Compiled-scene bench: %d scenes, %s, %s%n",
        scenes.size(),
        Runtime.version(),
        warmNote);
    // Warm-up: class loading, JIT, shaders, the sandbox's first exec.
    for (Path p : scenes.subList(0, Math.min(2, scenes.size()))) {
      compiled.show(p);
      reader.show(p);
    }
    System.out.println(
        "| scene | drawn by | ngeom | nflex | geom + flex nodes (hidden) | match | open → frame, compiled (ms) | reader (ms) | compiled / reader |");
    System.out.println("|---|---|---|---|---|---|---|---|---|");
    for (Path p : scenes) {
      List<Double> ct = new ArrayList<>();
      List<Double> rt = new ArrayList<>();
      Result last = null;
      for (int i = 0; i < ROUNDS; i++) {
        last = compiled.show(p);
        ct.add(last.ms);
        rt.add(reader.show(p).ms);
      }
      double c = median(ct);
      double r = median(rt);
      String name = folder.relativize(p).toString();
      if (last.failure != null) {
        System.out.printf(
            Locale.ROOT, "| %s | cannot open: %s | | | | | | | |%n", name, last.failure);
        continue;
      }
      boolean byMujoco = last.ngeom >= 0;
      System.out.printf(
          Locale.ROOT,
          "| %s | %s | %s | %s | %d + %d (%d) | %s | %.0f | %.0f | %.2f × |%n",
          name,
          last.origin.replace('|', '/'),
          byMujoco ? Integer.toString(last.ngeom) : "—",
          byMujoco ? Integer.toString(last.nflex) : "—",
          last.geomNodes,
          last.flexNodes,
          last.hidden,
          byMujoco
              ? (last.ngeom == last.geomNodes && last.nflex == last.flexNodes ? "yes" : "**NO**")
              : "—",
          c,
          r,
          c / r);
    }
    System.out.printf(
        Locale.ROOT,
        "load average: %.1f on %d cores; medians of %d rounds%n",
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
        Runtime.getRuntime().availableProcessors(),
        ROUNDS);
    compiler.close();
    executor.close();
    Platform.exit();
  }

  private record Result(
      double ms,
      String origin,
      int ngeom,
      int nflex,
      int geomNodes,
      int flexNodes,
      int hidden,
      String failure) {}

  /** A window with a viewer; show() opens a file and waits for its first rendered frame. */
  private static final class Harness {
    private final ViewerViewModel viewModel;
    private final ViewerPane pane;
    private final Stage stage = new Stage();
    private CompletableFuture<Double> pending;
    private long start;

    Harness(FxUiExecutor executor, SceneCompiler compiler) {
      viewModel =
          compiler == null
              ? new ViewerViewModel(new RunCursor(), executor)
              : new ViewerViewModel(new RunCursor(), executor, compiler);
      pane = new ViewerPane(viewModel);
      viewModel
          .sceneProperty()
          .addListener(
              (o, a, b) -> {
                if (pending != null && b != null) {
                  stage.getScene().snapshot(null);
                  pending.complete((System.nanoTime() - start) / 1e6);
                }
              });
      viewModel
          .errorProperty()
          .addListener(
              (o, a, b) -> {
                if (pending != null && b.startsWith("Cannot open")) {
                  pending.completeExceptionally(new IllegalStateException(b));
                }
              });
      stage.setScene(new Scene(pane, 1280, 800));
      stage.show();
    }

    /**
     * A scene equal to the one on screen fires no change (records compare by value), so every timed
     * open follows an untimed one of another, tiny scene.
     */
    Result show(Path file) throws Exception {
      if (blank != null) {
        time(blank);
      }
      return time(file);
    }

    Path blank;

    private Result time(Path file) throws Exception {
      CompletableFuture<Double> done = new CompletableFuture<>();
      Platform.runLater(
          () -> {
            pending = done;
            start = System.nanoTime();
            viewModel.openFile(file);
          });
      double ms;
      try {
        ms = done.get(5, TimeUnit.MINUTES);
      } catch (java.util.concurrent.ExecutionException e) {
        onFx(() -> pending = null).get(10, TimeUnit.SECONDS);
        return new Result(0, "", -1, -1, 0, 0, 0, e.getCause().getMessage());
      }
      return onFx(() -> {
            pending = null;
            LoadedScene s = viewModel.sceneProperty().get();
            SceneNodes n = pane.nodes();
            return new Result(
                ms,
                viewModel.originProperty().get(),
                s.counts() == null ? -1 : s.counts().ngeom(),
                s.counts() == null ? -1 : s.counts().nflex(),
                n.geomNodes,
                n.flexNodes,
                n.hiddenGeoms,
                null);
          })
          .get(10, TimeUnit.SECONDS);
    }
  }

  private static <T> CompletableFuture<T> onFx(java.util.function.Supplier<T> work) {
    CompletableFuture<T> f = new CompletableFuture<>();
    Platform.runLater(
        () -> {
          try {
            f.complete(work.get());
          } catch (RuntimeException e) {
            f.completeExceptionally(e);
          }
        });
    return f;
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }
}
