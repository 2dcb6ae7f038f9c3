package org.benchwright.desktop.experiments;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.benchwright.bench.SyntheticExperiments;
import org.benchwright.desktop.run.RunCursor;
import org.benchwright.desktop.summary.RunSummaryView;
import org.benchwright.desktop.summary.RunSummaryViewModel;
import org.benchwright.desktop.ui.FxUiExecutor;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.project.RunInfo;

/**
 * The Experiments tab's figure (issue 13): a 1,000-experiment run written into a real project file
 * is selected; the time runs to the end of the first layout pulse after which the table holds all
 * 1,000 rows and the chart all 1,000 points (drawn in that pulse). The reference, measured the same
 * way in the same process on the same run: the Summary tab, an existing panel that folds every
 * event of the run and charts it. Median of 5, a small run selected between opens so each starts
 * cold. {@code xvfb-run -a ./mvnw -o -pl desktop-bench -am compile exec:exec@experiments-bench}.
 */
public final class ExperimentsBench {

  private static final int EXPERIMENTS = Integer.getInteger("bench.experiments", 1_000);
  private static final int OPENS = 5;

  public static void main(String[] args) throws Exception {
    Path dir = Files.createTempDirectory("benchwright-experiments-bench");
    try {
      run(dir.resolve("bench.bwproj"));
    } finally {
      try (var files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    System.exit(0);
  }

  private static void run(Path file) throws Exception {
    RunInfo big;
    RunInfo small;
    try (Project p = Project.create(file)) {
      small = SyntheticExperiments.write(p, "a short loop", 5).run();
      big = SyntheticExperiments.write(p, "a long loop", EXPERIMENTS).run();
    }
    CountDownLatch started = new CountDownLatch(1);
    Platform.startup(started::countDown);
    started.await();
    FxUiExecutor executor = new FxUiExecutor(1, Duration.ofSeconds(5));
    Project project = Project.open(file);
    RunCursor cursor = new RunCursor();
    long bigLast = project.events().lastSeq(big.id());
    long smallLast = project.events().lastSeq(small.id());
    Object[] built =
        onFx(
            () -> {
              ExperimentsViewModel vm =
                  new ExperimentsViewModel(cursor, executor, (step, title, diff) -> {});
              ExperimentsView view = new ExperimentsView(vm, () -> {});
              RunSummaryViewModel svm = new RunSummaryViewModel(cursor, executor);
              RunSummaryView summary = new RunSummaryView(svm);
              TabPane tabs = new TabPane();
              tabs.getTabs().add(new javafx.scene.control.Tab("Experiments", view.node()));
              tabs.getTabs().add(new javafx.scene.control.Tab("Summary", summary.node()));
              Stage stage = new Stage();
              Scene scene = new Scene(tabs, 720, 800);
              stage.setScene(scene);
              stage.show();
              return new Object[] {vm, view, svm, scene, tabs};
            });
    ExperimentsViewModel vm = (ExperimentsViewModel) built[0];
    ExperimentsView view = (ExperimentsView) built[1];
    RunSummaryViewModel svm = (RunSummaryViewModel) built[2];
    Scene scene = (Scene) built[3];
    TabPane tabs = (TabPane) built[4];
    TableView<ExperimentRow> table = view.table();

    List<Double> tab = new ArrayList<>();
    List<Double> reference = new ArrayList<>();
    for (int i = 0; i <= OPENS; i++) {
      onFx(
          () -> {
            tabs.getSelectionModel().select(0);
            return null;
          });
      select(scene, cursor, project, small, smallLast, () -> table.getItems().size() == 5);
      double t =
          select(
              scene,
              cursor,
              project,
              big,
              bigLast,
              () ->
                  table.getItems().size() == EXPERIMENTS
                      && vm.chartProperty().get().points().size() == EXPERIMENTS);
      onFx(
          () -> {
            tabs.getSelectionModel().select(1);
            return null;
          });
      select(
          scene,
          cursor,
          project,
          small,
          smallLast,
          () -> svm.summaryProperty().get().events() == smallLast);
      double r =
          select(
              scene,
              cursor,
              project,
              big,
              bigLast,
              () -> svm.summaryProperty().get().events() == bigLast);
      System.out.printf(Locale.ROOT, "open %d: experiments %.1f ms, summary %.1f ms%n", i, t, r);
      if (i > 0) {
        tab.add(t);
        reference.add(r);
      }
    }
    double t = median(tab);
    double r = median(reference);
    System.out.println();
    System.out.println("| figure | target | measured |");
    System.out.println("|---|---|---|");
    System.out.printf(
        Locale.ROOT,
        "| reference: Summary tab of the same run, select → folded and drawn (median of %d) | — |"
            + " %.1f ms |%n",
        OPENS,
        r);
    System.out.printf(
        Locale.ROOT,
        "| Experiments tab of a %,d-experiment run (%,d events): select → table and chart drawn"
            + " (median of %d) | < 300 ms | **%.1f ms (%.2f × the Summary tab)** |%n",
        EXPERIMENTS,
        bigLast,
        OPENS,
        t,
        t / r);
    onFx(
        () -> {
          cursor.clear();
          return null;
        });
    executor.close();
    project.close();
    Platform.exit();
  }

  private static double select(
      Scene scene, RunCursor cursor, Project project, RunInfo run, long last, BooleanSupplier done)
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
          cursor.select(project, run, last);
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

  private static double median(List<Double> xs) {
    List<Double> s = xs.stream().sorted().toList();
    int n = s.size();
    return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
  }
}
