package org.benchwright.desktop.automl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.benchwright.engine.project.Datasets;
import org.benchwright.engine.project.Event;
import org.benchwright.engine.project.EventPayload;
import org.benchwright.engine.project.NewRun;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.project.RunInfo;

/**
 * An automl run as the engine records one, written through the engine's API: the run's files
 * (harness, profile, plan), the profile and plan events, and candidates with the harness's result
 * data; and a dataset row with a profile as the harness writes it.
 */
final class AutoMlFixture {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The seqs of what {@link #run} wrote. */
  record Written(RunInfo run, long planFileSeq, List<Long> candidateSeqs) {}

  static final String PLAN =
      "{\"metric\": \"roc_auc\", \"budget_seconds\": 600, \"candidates\": [\"logreg\", \"rf\","
          + " \"lgbm\", \"svm\", \"knn\"]}\n";

  private AutoMlFixture() {}

  /**
   * A run of the automl workflow: logreg, rf and lgbm scored (roc_auc, max), svm crashed, knn over
   * its budget, the ensemble best; rf was trained twice (its second row replaces the first).
   */
  static Written run(Project p) {
    RunInfo run = p.runs().create(new NewRun("automl", "predict churn", "{\"provider\":\"x\"}"));
    long id = run.id();
    p.files().write(id, "import", "automl.json", bytes("{\"dataset\": \"churn\"}"));
    p.files().write(id, "setup", "bw_automl.py", bytes("# the harness\nimport sklearn\n"));
    append(p, id, "setup", "profile", null, "ok", "churn: 7,043 rows", "{\"dataset\": \"churn\"}");
    long plan = p.files().write(id, "planner", "plan.json", bytes(PLAN));
    append(p, id, "planner", "plan", null, "ok", "5 candidates, roc_auc", "{}");
    List<Long> seqs = new ArrayList<>();
    seqs.add(candidate(p, id, "logreg", "logistic_regression", 0.842, 0.011, 1.2, 4));
    seqs.add(candidate(p, id, "rf", "random_forest", 0.801, 0.030, 9.0, 8));
    seqs.add(candidate(p, id, "lgbm", "lightgbm", 0.861, 0.006, 6.5, 20));
    seqs.add(
        append(
            p,
            id,
            "trainer",
            "candidate",
            "svm",
            "crashed",
            "MemoryError: unable to allocate 3.1 GiB\nTraceback (most recent call last): …",
            "{\"model\": \"svc\", \"metric\": \"roc_auc\", \"direction\": \"max\","
                + " \"wall_seconds\": 41.0, \"budget_seconds\": 120}"));
    seqs.add(
        append(
            p,
            id,
            "trainer",
            "candidate",
            "knn",
            "over_budget",
            "stopped after 120 s of its 120 s budget",
            "{\"model\": \"knn\", \"metric\": \"roc_auc\", \"direction\": \"max\","
                + " \"wall_seconds\": 120.0, \"budget_seconds\": 120}"));
    // rf again, tuned: replaces its first row.
    seqs.add(candidate(p, id, "rf", "random_forest", 0.853, 0.009, 14.0, 30));
    seqs.add(
        append(
            p,
            id,
            "trainer",
            "ensemble",
            "ensemble",
            "ok",
            null,
            result("ensemble", "roc_auc", "max", 0.866, 0.005, 0.4, 0)));
    return new Written(run, plan, List.copyOf(seqs));
  }

  /** An automl run scored on rmse (lower is better). */
  static RunInfo regression(Project p) {
    RunInfo run = p.runs().create(new NewRun("automl", "predict price", "{\"provider\":\"x\"}"));
    append(
        p,
        run.id(),
        "trainer",
        "candidate",
        "ridge",
        "ok",
        null,
        result("ridge", "rmse", "min", 4.10, 0.20, 0.3, 1));
    append(
        p,
        run.id(),
        "trainer",
        "candidate",
        "gbm",
        "ok",
        null,
        result("gbm", "rmse", "min", 3.20, 0.15, 5.0, 10));
    return run;
  }

  static long candidate(
      Project p,
      long run,
      String name,
      String model,
      double mean,
      double std,
      double fit,
      int trials) {
    return append(
        p,
        run,
        "trainer",
        "candidate",
        name,
        "ok",
        null,
        result(model, "roc_auc", "max", mean, std, fit, trials));
  }

  /** The data of a candidate's AUTOML event, shaped as the harness's result.json. */
  static String result(
      String model,
      String metric,
      String direction,
      double mean,
      double std,
      double fit,
      int trials) {
    return String.format(
        java.util.Locale.ROOT,
        "{\"model\": \"%s\", \"metric\": \"%s\", \"direction\": \"%s\", \"cv_mean\": %s,"
            + " \"cv_std\": %s, \"fold_scores\": [%s, %s, %s], \"fit_seconds\": %s,"
            + " \"predict_seconds\": %s, \"peak_memory_mb\": %s, \"wall_seconds\": %s,"
            + " \"budget_seconds\": 120, \"trials\": %d, \"params\": {\"C\": 1.0},"
            + " \"model_file\": \"automl/%s/model.pkl\"}",
        model,
        metric,
        direction,
        mean,
        std,
        mean - std,
        mean,
        mean + std,
        fit,
        fit / 20,
        180 + trials,
        fit * 3 + 2,
        trials,
        model);
  }

  static long append(
      Project p,
      long run,
      String node,
      String step,
      String name,
      String status,
      String detail,
      String data) {
    return p.events()
        .append(
            run, Event.of(node, new EventPayload.AutoMl(step, name, status, detail, json(data))));
  }

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** A profile as the harness writes it: a binary target with its reason, columns, warnings. */
  static final String PROFILE =
      """
      {"format": "csv", "rows": 7043,
       "columns": [
        {"name": "customer_id", "type": "text", "missing": 0, "distinct": 7043,
         "distinct_capped": false, "top": []},
        {"name": "tenure", "type": "numeric", "missing": 0, "distinct": 73,
         "distinct_capped": false, "min": 0, "max": 72, "mean": 32.37, "std": 24.56, "top": []},
        {"name": "monthly_charges", "type": "numeric", "missing": 11, "distinct": 1585,
         "distinct_capped": false, "min": 18.25, "max": 118.75, "mean": 64.76, "std": 30.09,
         "top": []},
        {"name": "contract", "type": "categorical", "missing": 0, "distinct": 3,
         "distinct_capped": false,
         "top": [["Month-to-month", 3875], ["Two year", 1695], ["One year", 1473]]},
        {"name": "paperless", "type": "boolean", "missing": 0, "distinct": 2,
         "distinct_capped": false, "top": [["true", 4171], ["false", 2872]]},
        {"name": "churn", "type": "categorical", "missing": 0, "distinct": 2,
         "distinct_capped": false, "top": [["No", 5174], ["Yes", 1869]]}
       ],
       "target": {"name": "churn", "task": "binary",
        "reason": "the last column, categorical with 2 classes",
        "classes": {"No": 5174, "Yes": 1869}},
       "candidates": [
        {"name": "churn", "task": "binary", "reason": "the last column, 2 classes"},
        {"name": "contract", "task": "multiclass", "reason": "categorical with 3 classes"}],
       "meta": {"rows": 7043, "columns": 6, "numeric_share": 0.33, "missing_share": 0.0003,
        "class_imbalance": 2.77},
       "warnings": ["customer_id looks like an identifier (every value distinct); it is dropped.",
        "monthly_charges has 11 missing values."]}
      """;

  static Datasets.Dataset dataset(Project p, String name) {
    String sha =
        p.blobs().put(bytes("customer_id,tenure,monthly_charges,contract,paperless,churn\n"));
    return p.datasets()
        .add(
            new Datasets.NewDataset(
                name,
                name + ".csv",
                "csv",
                sha,
                977_501,
                7043,
                6,
                PROFILE,
                "churn",
                "binary",
                "the last column, categorical with 2 classes",
                false));
  }
}
