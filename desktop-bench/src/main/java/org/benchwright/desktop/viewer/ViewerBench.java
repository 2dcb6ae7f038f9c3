package org.benchwright.desktop.viewer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.benchwright.bench.BinaryStl;
import org.benchwright.desktop.run.RunCursor;
import org.benchwright.desktop.ui.FxUiExecutor;

/**
 * The 3D viewer's performance target: open a 1,000,000-triangle binary STL and have its first frame
 * rendered in under 2 s, measured end to end through the viewer (read and weld by the engine's mesh
 * reader off the FX thread, TriangleMesh built on it, a frame rendered: a snapshot of the window,
 * which renders synchronously). References in the same run: a 12-triangle cube through the same
 * path, and the engine's read alone. Needs a display (xvfb-run) and -Dprism.forceGPU=true on Mesa.
 *
 * <pre>
 * ./mvnw -pl desktop-bench -am compile exec:exec@viewer-bench   [-Dviewer.bench.triangles=1000000]
 * </pre>
 */
public final class ViewerBench {

  private static final int ROUNDS = 5;

  private ViewerBench() {}

  public static void main(String[] args) throws Exception {
    int triangles =
        args.length > 0
            ? Integer.parseInt(args[0])
            : Integer.getInteger("viewer.bench.triangles", 1_000_000);
    Path dir = Files.createTempDirectory("benchwright-viewer-bench");
    Path big = dir.resolve("torus.stl");
    Path cube = dir.resolve("cube.stl");
    BinaryStl.writeTorus(big, triangles);
    BinaryStl.writeCube(cube);
    System.out.printf(
        Locale.ROOT,
        "Viewer bench: %,d-triangle binary STL (%.1f MB), %s%n",
        triangles,
        Files.size(big) / 1e6,
        Runtime.version());

    CountDownLatch started = new CountDownLatch(1);
    Platform.startup(started::countDown);
    started.await();
    FxUiExecutor executor = new FxUiExecutor(1, Duration.ofSeconds(5));
    Harness h = onFx(() -> new Harness(executor)).get(30, TimeUnit.SECONDS);
    System.out.println(
        "3D supported: " + Platform.isSupported(javafx.application.ConditionalFeature.SCENE3D));

    // Warm up every path once (class loading, JIT, shader compilation).
    h.show(cube);
    h.show(big);
    readAlone(big);

    List<Double> cubeTotals = new ArrayList<>();
    List<Double> bigTotals = new ArrayList<>();
    List<Double> bigBuild = new ArrayList<>();
    List<Double> reads = new ArrayList<>();
    List<Double> cpu = new ArrayList<>();
    List<Double> renderCpu = new ArrayList<>();
    List<Double> processCpu = new ArrayList<>();
    for (int i = 0; i < ROUNDS; i++) {
      cubeTotals.add(h.show(cube)[0]);
      double[] b = h.show(big);
      bigTotals.add(b[0]);
      bigBuild.add(b[1]);
      cpu.add(b[2]);
      renderCpu.add(b[3]);
      processCpu.add(b[4]);
      reads.add(readAlone(big));
    }
    double cubeMs = median(cubeTotals);
    double bigMs = median(bigTotals);
    double buildMs = median(bigBuild);
    double readMs = median(reads);
    double cpuMs = median(cpu);
    double renderMs = median(renderCpu);
    double processMs = median(processCpu);
    System.out.printf(Locale.ROOT, "%-68s %10s%n", "figure (median of " + ROUNDS + ")", "ms");
    System.out.printf(
        Locale.ROOT, "%-68s %10.1f%n", "reference: 12-triangle cube, open → first frame", cubeMs);
    System.out.printf(
        Locale.ROOT,
        "%-68s %10.1f%n",
        "reference: engine read + weld of the 1M STL alone (Meshes.read)",
        readMs);
    System.out.printf(
        Locale.ROOT,
        "%-68s %10.1f%n",
        "1M-triangle STL, open → first frame (target < 2000)",
        bigMs);
    System.out.printf(
        Locale.ROOT,
        "%-68s %10.1f%n",
        "  of which FX thread: nodes + TriangleMesh + first frame",
        buildMs);
    System.out.printf(
        Locale.ROOT,
        "%-68s %10.1f%n",
        "  CPU time of the worker, FX and render threads for it (contention-free)",
        cpuMs);
    System.out.printf(
        Locale.ROOT,
        "%-68s %10.1f%n",
        "  CPU time of the whole process meanwhile (+ Mesa's llvmpipe threads, GC)",
        processMs);
    System.out.printf(
        Locale.ROOT,
        "%-68s %10.1f%n",
        "  of which render thread (JavaFX's mesh preparation, draw)",
        renderMs);
    System.out.printf(
        Locale.ROOT,
        "load average during the run: %.1f on %d cores%n",
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
        Runtime.getRuntime().availableProcessors());
    System.out.printf(
        Locale.ROOT,
        "ratios: 1M open / cube open = %.1f x; 1M open / engine read = %.2f x; all runs: %s%n",
        bigMs / cubeMs,
        bigMs / readMs,
        bigTotals.stream().map(v -> String.format(Locale.ROOT, "%.0f", v)).toList());
    System.out.println(
        bigMs < 2000
            ? "PASS: under 2 s"
            : "OVER 2 s of wall time"
                + (processMs < 2000
                    ? " (but under 2 s of CPU: the machine's other load delayed it)"
                    : " and of CPU time"));
    executor.close();
    Platform.exit();
    Files.deleteIfExists(big);
    Files.deleteIfExists(cube);
    Files.deleteIfExists(dir);
  }

  /** A window with the viewer; show() opens a file and waits for its first rendered frame. */
  private static final class Harness {
    private final ViewerViewModel viewModel;
    private final Stage stage = new Stage();
    private CompletableFuture<double[]> pending;
    private long start;
    private long arrived;

    Harness(FxUiExecutor executor) {
      viewModel = new ViewerViewModel(new RunCursor(), executor);
      // Registered before the pane's own listener: the moment the loaded scene reaches the FX
      // thread, before any node is built.
      viewModel.sceneProperty().addListener((o, a, b) -> arrived = System.nanoTime());
      ViewerPane pane = new ViewerPane(viewModel);
      // Registered after the pane's: its nodes are in the scene; render a frame now.
      viewModel
          .sceneProperty()
          .addListener(
              (o, a, b) -> {
                if (pending != null && b != null) {
                  stage.getScene().snapshot(null);
                  long end = System.nanoTime();
                  pending.complete(new double[] {(end - start) / 1e6, (end - arrived) / 1e6});
                }
              });
      viewModel
          .errorProperty()
          .addListener(
              (o, a, b) -> {
                if (pending != null && !b.isEmpty()) {
                  pending.completeExceptionally(new IllegalStateException(b));
                }
              });
      stage.setScene(new Scene(pane, 1280, 800));
      stage.show();
    }

    double[] show(Path file) throws Exception {
      CompletableFuture<double[]> done = new CompletableFuture<>();
      long[] before = new long[4];
      Platform.runLater(
          () -> {
            pending = done;
            cpu(before);
            before[3] = processCpu();
            start = System.nanoTime();
            viewModel.openFile(file);
          });
      double[] r = done.get(2, TimeUnit.MINUTES);
      long[] after = new long[4];
      onFx(() -> cpu(after)).get(10, TimeUnit.SECONDS);
      after[3] = processCpu();
      onFx(() -> pending = null).get(10, TimeUnit.SECONDS);
      double total = 0;
      for (int i = 0; i < 3; i++) {
        total += (after[i] - before[i]) / 1e6;
      }
      return new double[] {
        r[0], r[1], total, (after[2] - before[2]) / 1e6, (after[3] - before[3]) / 1e6
      };
    }

    private static long processCpu() {
      return ((com.sun.management.OperatingSystemMXBean)
              java.lang.management.ManagementFactory.getOperatingSystemMXBean())
          .getProcessCpuTime();
    }

    /** CPU nanoseconds of the loader worker, the FX thread and the render thread. */
    private static Void cpu(long[] out) {
      var mx = java.lang.management.ManagementFactory.getThreadMXBean();
      for (Thread t : Thread.getAllStackTraces().keySet()) {
        String n = t.getName();
        int slot =
            n.startsWith("benchwright-ui-worker")
                ? 0
                : n.equals("JavaFX Application Thread")
                    ? 1
                    : n.startsWith("QuantumRenderer") ? 2 : 3;
        if (slot < 3) {
          out[slot] += mx.getThreadCpuTime(t.threadId());
        }
      }
      return null;
    }
  }

  private static double readAlone(Path file) throws IOException {
    long t0 = System.nanoTime();
    int count = CadMeshReader.triangleCount(file);
    double ms = (System.nanoTime() - t0) / 1e6;
    if (count == 0) {
      throw new IllegalStateException("empty mesh");
    }
    return ms;
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
