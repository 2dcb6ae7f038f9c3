package org.benchwright.engine.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.benchwright.engine.experiments.Metric.Direction;
import org.junit.jupiter.api.Test;

class MetricAndJudgeTest {

  @Test
  void theLastMatchOfTheOutputIsTheMetric() {
    Metric m = Metric.regex("val_acc ([-0-9.eE]+)", Direction.MAX);
    assertThat(m.read("epoch 1 val_acc 0.80\nepoch 2 val_acc 0.91\n", null).value())
        .isEqualTo(0.91);
  }

  @Test
  void aMissingNonNumericOrInfiniteMetricIsAReasonNotANumber() {
    Metric m = Metric.regex("val_acc (\\S+)", Direction.MAX);
    assertThat(m.read("Traceback: boom", null).problem()).contains("no match");
    assertThat(m.read("val_acc n/a", null).problem()).contains("not a number: 'n/a'");
    assertThat(m.read("val_acc NaN", null).problem()).contains("not a finite number");
  }

  @Test
  void aJsonMetricIsReadByItsDottedKey() {
    Metric m = Metric.json("metrics.json", "eval.rmse", Direction.MIN);
    assertThat(m.read("", "{\"eval\": {\"rmse\": 3.5}}".getBytes()).value()).isEqualTo(3.5);
    assertThat(m.read("", null).problem()).contains("wrote no metrics.json");
    assertThat(m.read("", "{\"eval\": {}}".getBytes()).problem()).contains("has no eval.rmse");
    assertThat(m.read("", "{oops".getBytes()).problem()).contains("not valid JSON");
  }

  @Test
  void aMetricSpecThatCannotWorkIsRefusedUpFront() {
    assertThatThrownBy(() -> Metric.regex("val_acc \\d+", Direction.MAX))
        .hasMessageContaining("needs a group");
    assertThatThrownBy(() -> Metric.regex("(", Direction.MAX))
        .hasMessageContaining("does not compile");
    assertThatThrownBy(() -> Direction.of("sideways")).hasMessageContaining("min or max");
  }

  @Test
  void aNoiseLevelImprovementIsDiscardedAndARealOneKept() {
    List<Double> baseline = List.of(0.900, 0.904);
    double noise = Judge.noise(baseline);
    double best = Judge.best(baseline, Direction.MAX);
    assertThat(noise).isCloseTo(0.004, org.assertj.core.data.Offset.offset(1e-12));

    Judge.Decision tiny = Judge.decide(best, 0.906, noise, 0, Direction.MAX);
    assertThat(tiny.keep()).isFalse();
    assertThat(tiny.reason()).startsWith("discarded").contains("the baseline's noise");

    Judge.Decision real = Judge.decide(best, 0.92, noise, 0, Direction.MAX);
    assertThat(real.keep()).isTrue();
    assertThat(real.delta()).isCloseTo(0.016, org.assertj.core.data.Offset.offset(1e-12));
  }

  @Test
  void lowerIsBetterAndAUserMinimumDeltaWinsOverSmallerNoise() {
    Judge.Decision d = Judge.decide(3.0, 2.95, 0.01, 0.1, Direction.MIN);
    assertThat(d.keep()).isFalse();
    assertThat(d.threshold()).isEqualTo(0.1);
    assertThat(d.reason()).contains("the minimum delta");
    assertThat(Judge.decide(3.0, 2.8, 0.01, 0.1, Direction.MIN).keep()).isTrue();
  }
}
