package org.benchwright.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.benchwright.engine.model.ModelException.Kind;
import org.junit.jupiter.api.Test;

class PriceTableTest {

  @Test
  void defaultsPriceWellKnownModels() {
    PriceTable prices = PriceTable.defaults();

    assertThat(prices.costUsd("gpt-4o", 1_000_000, 1_000_000)).isCloseTo(12.5, within(1e-9));
    assertThat(prices.knows("claude-sonnet-4-5")).isTrue();
    assertThat(prices.knows("gemini-2.5-pro")).isTrue();
  }

  @Test
  void datedSnapshotsArePricedLikeTheirFamily() {
    PriceTable prices = PriceTable.defaults();

    assertThat(prices.costUsd("gpt-4o-2024-08-06", 1_000_000, 0)).isEqualTo(2.5);
    assertThat(prices.costUsd("claude-sonnet-4-20250514", 0, 1_000_000)).isEqualTo(15.0);
    assertThat(prices.knows("o3-pro")).as("a variant is not its base model").isFalse();
  }

  @Test
  void unknownModelCostsNothingAndSaysSo() {
    PriceTable prices = PriceTable.defaults();

    assertThat(prices.costUsd("llama3.1:8b", 5000, 5000)).isZero();
    assertThat(prices.knows("llama3.1:8b")).isFalse();
    assertThat(prices.knows(null)).isFalse();
  }

  @Test
  void projectSettingOverridesAndAddsOverTheDefaults() {
    PriceTable prices =
        PriceTable.fromJson(
            """
            {"gpt-4o": {"input_per_mtok": 1.0, "output_per_mtok": 2.0},
             "my-local-model": {"input_per_mtok": 0, "output_per_mtok": 0.5}}
            """);

    assertThat(prices.costUsd("gpt-4o", 1_000_000, 1_000_000)).isEqualTo(3.0);
    assertThat(prices.costUsd("my-local-model", 1_000_000, 2_000_000)).isEqualTo(1.0);
    assertThat(prices.costUsd("gpt-4o-mini", 1_000_000, 0)).isEqualTo(0.15);
  }

  @Test
  void toJsonReadsBackAsTheSameTable() {
    PriceTable prices =
        PriceTable.fromJson("{\"x-model\": {\"input_per_mtok\": 3, \"output_per_mtok\": 4}}");

    PriceTable again = PriceTable.fromJson(prices.toJson());

    assertThat(again.toJson()).isEqualTo(prices.toJson());
    assertThat(again.costUsd("x-model", 1_000_000, 1_000_000)).isEqualTo(7.0);
  }

  @Test
  void malformedSettingSaysWhatIsWrong() {
    assertThatThrownBy(
            () ->
                PriceTable.fromJson(
                    "{\"gpt-4o\": {\"input_per_mtok\": -1, \"output_per_mtok\": 1}}"))
        .isInstanceOfSatisfying(
            ModelException.class, e -> assertThat(e.kind()).isEqualTo(Kind.CONFIGURATION))
        .hasMessageContaining("model.prices")
        .hasMessageContaining("'gpt-4o' needs input_per_mtok");
    assertThatThrownBy(() -> PriceTable.fromJson("[1, 2"))
        .hasMessageStartingWith("The project setting model.prices is not valid");
  }
}
