package org.benchwright.engine.automl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AutoMlPlanTest {

  static final String PLAN =
      """
      {"target": "target", "task": "binary", "metric": "roc_auc", "folds": 5, "seed": 0,
       "budget_seconds": 60, "drop": [],
       "preprocessing": {"numeric_impute": "median", "categorical": "onehot", "scale": true},
       "candidates": [
         {"name": "lgbm", "model": "lightgbm",
          "search": {"num_leaves": {"low": 8, "high": 64, "log": true, "type": "int"}}},
         {"name": "linear", "model": "linear", "params": {"C": 1.0}}],
       "ensemble": {"top": 2}}
      """;

  @Test
  void aValidPlanReadsItsParts() {
    AutoMlPlan p = AutoMlPlan.parse(PLAN);
    assertThat(p.target()).isEqualTo("target");
    assertThat(p.task()).isEqualTo("binary");
    assertThat(p.budgetSeconds()).isEqualTo(60);
    assertThat(p.candidates())
        .containsExactly(
            new AutoMlPlan.Candidate("lgbm", "lightgbm"),
            new AutoMlPlan.Candidate("linear", "linear"));
    assertThat(p.ensembleTop()).isEqualTo(2);
    assertThat(p.featuresCode()).isEmpty();
    // The stored text reads back as the same plan.
    assertThat(AutoMlPlan.parse(p.text()).json()).isEqualTo(p.json());
  }

  @Test
  void theRationaleAfterThePlanInARevisionIsNotPartOfIt() {
    AutoMlPlan p = AutoMlPlan.parse(PLAN + "\nRationale: boosting {usually} wins on tabular data.");
    assertThat(p.candidates()).hasSize(2);
  }

  @Test
  void notJsonSaysWhere() {
    assertThatThrownBy(() -> AutoMlPlan.parse("{\"target\": "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("The plan is not JSON");
    assertThatThrownBy(() -> AutoMlPlan.parse("[1, 2]"))
        .hasMessage("The plan must be a JSON object.");
  }

  @Test
  void everyStructuralProblemIsNamed() {
    String bad =
        PLAN.replace("\"lightgbm\"", "\"catboost\"")
            .replace("\"folds\": 5", "\"folds\": 1")
            .replace("\"seed\": 0,", "\"seed\": 0, \"epochs\": 3,");
    assertThatThrownBy(() -> AutoMlPlan.parse(bad))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("The plan is not valid: ")
        .hasMessageContaining("folds")
        .hasMessageContaining("epochs")
        .hasMessageContaining("model");
  }

  @Test
  void aMetricMustFitTheTaskAndNamesMustBeUnique() {
    assertThatThrownBy(() -> AutoMlPlan.parse(PLAN.replace("\"roc_auc\"", "\"rmse\"")))
        .hasMessageContaining("metric rmse does not fit a binary task")
        .hasMessageContaining("accuracy, log_loss, roc_auc");
    assertThatThrownBy(
            () -> AutoMlPlan.parse(PLAN.replace("\"linear\", \"model\"", "\"lgbm\", \"model\"")))
        .hasMessageContaining("two candidates are named 'lgbm'");
  }

  @Test
  void aSearchRangeNeedsBothEndsAndACandidateAName() {
    assertThatThrownBy(
            () -> AutoMlPlan.parse(PLAN.replace("\"low\": 8, \"high\": 64", "\"low\": 8")))
        .hasMessageStartingWith("The plan is not valid");
    assertThatThrownBy(() -> AutoMlPlan.parse(PLAN.replace("\"name\": \"lgbm\", ", "")))
        .hasMessageContaining("name");
  }
}
