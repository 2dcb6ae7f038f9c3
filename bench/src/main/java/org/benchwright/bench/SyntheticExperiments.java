package org.benchwright.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.benchwright.engine.project.Event;
import org.benchwright.engine.project.EventPayload;
import org.benchwright.engine.project.NewRun;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.project.RunInfo;

/**
 * Writes an experiment-loop run as the engine records one (issue 13): per experiment a model
 * response, the sandbox exec that ran it and its EXPERIMENT event, whose diff against its baseline
 * is a blob. Two baselines first; then a seeded random walk of changes, kept when they beat the
 * best by more than the noise (direction max), every 17th crashing and fixed on the next attempt.
 * Used by the Experiments tab's benchmark (1,000 experiments) and its UI test.
 */
public final class SyntheticExperiments {

  public static final String WORKFLOW = "experiment-loop";
  public static final double NOISE = 0.004;

  private static final int BATCH = 1_000;

  /** The run and the seq of each EXPERIMENT event, in index order. */
  public record Written(RunInfo run, List<Long> experimentSeqs) {}

  private SyntheticExperiments() {}

  public static Written write(Project project, String task, int experiments) {
    RunInfo run =
        project
            .runs()
            .create(
                new NewRun(WORKFLOW, task, "{\"provider\":\"scripted\",\"model\":\"bench-1\"}"));
    Random random = new Random(13);
    List<EventPayload> batch = new ArrayList<>();
    List<Integer> experimentAt = new ArrayList<>(); // batch positions of EXPERIMENT events
    List<Long> seqs = new ArrayList<>(experiments);
    batch.add(new EventPayload.RunStarted(WORKFLOW, task, null));
    String stdout =
        project.blobs().put("epoch 5/5 val_acc 0.91\n".repeat(20).getBytes(StandardCharsets.UTF_8));
    double best = 0;
    double lr = 0.1;
    String baselineId = null;
    for (int i = 1; i <= experiments; i++) {
      String id = String.format(Locale.ROOT, "%07x", (i * 2654435761L) & 0xfffffffL);
      boolean baseline = i <= 2;
      boolean crashed = !baseline && i % 17 == 0;
      int fixAttempt = !baseline && i % 17 == 1 && i > 17 ? 1 : 0;
      double next = lr * (0.7 + 0.6 * random.nextDouble());
      Double metric =
          crashed ? null : 0.90 + 0.002 * Math.log(i) + 0.01 * (random.nextDouble() - 0.5);
      String status;
      Double delta = null;
      if (baseline) {
        status = "baseline";
        best = i == 1 ? metric : Math.max(best, metric);
        baselineId = i == 1 ? id : baselineId;
      } else if (crashed) {
        status = "crashed";
      } else {
        delta = metric - best;
        status = delta > NOISE ? "kept" : "discarded";
      }
      String diffSha = null;
      if (!baseline) {
        String diff =
            String.format(
                Locale.ROOT,
                "--- a/train.py\n+++ b/train.py\n@@ -1,3 +1,3 @@\n import numpy as np\n"
                    + "-LR = %.5f\n+LR = %.5f\n EPOCHS = 5\n",
                lr,
                next);
        diffSha = project.blobs().put(diff.getBytes(StandardCharsets.UTF_8));
      }
      batch.add(
          new EventPayload.SandboxExec(
              List.of("sh", "-c", "python train.py"),
              crashed ? 1 : 0,
              9_000 + random.nextInt(2_000),
              "EXIT",
              false,
              false,
              stdout,
              null,
              crashed ? "Traceback (most recent call last):" : "val_acc " + metric,
              crashed ? "ValueError: shapes (3,) and (4,) not aligned" : "",
              null,
              null));
      batch.add(
          new EventPayload.Experiment(
              i,
              id,
              baseline ? null : baselineId,
              baseline ? "measure the baseline" : "learning rate " + fmt(next),
              baseline ? "unchanged" : "LR " + fmt(lr) + " -> " + fmt(next),
              status,
              metric,
              best,
              delta,
              NOISE,
              "max",
              crashed ? "the command failed (exit 1)" : status,
              9_000 + random.nextInt(2_000),
              300L * 1024 * 1024,
              0, // the exec's seq: filled below once known
              diffSha,
              fixAttempt));
      experimentAt.add(batch.size() - 1);
      if ("kept".equals(status)) {
        best = metric;
        lr = next;
        baselineId = id;
      }
      if (batch.size() >= BATCH || i == experiments) {
        seqs.addAll(flush(project, run, batch, experimentAt));
        batch.clear();
        experimentAt.clear();
      }
    }
    return new Written(run, List.copyOf(seqs));
  }

  /** Appends a batch; each EXPERIMENT names the exec just before it (written as seq - 1). */
  private static List<Long> flush(
      Project project, RunInfo run, List<EventPayload> batch, List<Integer> experimentAt) {
    long first = project.events().lastSeq(run.id()) + 1;
    List<EventPayload> fixed = new ArrayList<>(batch);
    for (int at : experimentAt) {
      EventPayload.Experiment x = (EventPayload.Experiment) fixed.get(at);
      fixed.set(
          at,
          new EventPayload.Experiment(
              x.index(),
              x.id(),
              x.parent(),
              x.hypothesis(),
              x.summary(),
              x.status(),
              x.metric(),
              x.best(),
              x.delta(),
              x.noise(),
              x.direction(),
              x.reason(),
              x.durationMs(),
              x.peakMemoryBytes(),
              first + at - 1,
              x.diffSha(),
              x.fixAttempt()));
    }
    project
        .events()
        .appendAll(run.id(), fixed.stream().map(p -> Event.of("experimenter", p)).toList());
    return experimentAt.stream().map(at -> first + at).toList();
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.5f", v);
  }
}
