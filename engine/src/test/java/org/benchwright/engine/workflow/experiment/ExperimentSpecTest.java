package org.benchwright.engine.workflow.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.benchwright.engine.experiments.Metric.Direction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExperimentSpecTest {

  private static final String GOOD =
      "\"editable\": [\"train.py\"], \"command\": \"python3 train.py\","
          + " \"metric\": {\"regex\": \"val_loss: ([0-9.]+)\"}, \"direction\": \"min\"";

  private static ExperimentSpec parse(String json) {
    return ExperimentSpec.parse(json.getBytes(StandardCharsets.UTF_8));
  }

  /** The good spec with {@code extra} members added (or, with a key of GOOD, replacing one). */
  private static ExperimentSpec with(String extra) {
    return parse("{" + GOOD + ", " + extra + "}");
  }

  @Test
  void aMinimalSpecGetsTheDocumentedDefaults() {
    ExperimentSpec s = parse("{" + GOOD + "}");
    assertThat(s.editable()).containsExactly("train.py");
    assertThat(s.command()).isEqualTo("python3 train.py");
    assertThat(s.metric().regex()).isEqualTo("val_loss: ([0-9.]+)");
    assertThat(s.metric().jsonFile()).isNull();
    assertThat(s.metric().direction()).isEqualTo(Direction.MIN);
    assertThat(s.budgetSeconds()).isEqualTo(300);
    assertThat(s.baselineRuns()).isEqualTo(2);
    assertThat(s.fixAttempts()).isEqualTo(3);
    assertThat(s.minDelta()).isZero();
    assertThat(s.stopExperiments()).isNull();
    assertThat(s.stopMinutes()).isNull();
    assertThat(s.stopRule()).isEqualTo("until stopped");
    assertThat(s.parallel()).isNull();
    // Absent, parallel is the sandbox slot count, at least 1 and at most 32.
    assertThat(s.parallelism(4)).isEqualTo(4);
    assertThat(s.parallelism(0)).isEqualTo(1);
    assertThat(s.parallelism(100)).isEqualTo(ExperimentSpec.MAX_PARALLEL);
  }

  @Test
  void everyFieldIsReadWhenGiven() {
    ExperimentSpec s =
        parse(
            "{\"editable\": \"src/*.py\", \"command\": \"make run\","
                + " \"metric\": {\"json_file\": \"out/metrics.json\", \"key\": \"eval.acc\"},"
                + " \"direction\": \"higher\", \"budget_seconds\": 60, \"baseline_runs\": 5,"
                + " \"min_delta\": 0.25, \"fix_attempts\": 0,"
                + " \"stop\": {\"experiments\": 20, \"minutes\": 90}, \"parallel\": 3}");
    assertThat(s.editable()).containsExactly("src/*.py");
    assertThat(s.metric().regex()).isNull();
    assertThat(s.metric().jsonFile()).isEqualTo("out/metrics.json");
    assertThat(s.metric().jsonKey()).isEqualTo("eval.acc");
    assertThat(s.metric().direction()).isEqualTo(Direction.MAX);
    assertThat(s.budgetSeconds()).isEqualTo(60);
    assertThat(s.baselineRuns()).isEqualTo(5);
    assertThat(s.minDelta()).isEqualTo(0.25);
    assertThat(s.fixAttempts()).isZero();
    assertThat(s.stopExperiments()).isEqualTo(20);
    assertThat(s.stopMinutes()).isEqualTo(90);
    assertThat(s.stopRule()).isEqualTo("after 20 experiments or 90 minutes, whichever comes first");
    assertThat(s.parallel()).isEqualTo(3);
    assertThat(s.parallelism(16)).isEqualTo(3);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          not JSON            | {oops                                        | is not valid JSON
          not an object       | [1, 2]                                       | must be a JSON object
          empty file          | ''                                           | must be a JSON object
          no editable         | {"command": "x", "metric": {"regex": "(1)"}} | needs "editable"
          empty editable      | {"editable": [], "command": "x"}             | needs "editable"
          blank editable      | {"editable": ["a.py", " "], "command": "x"}  | needs "editable"
          unknown key         | {"editable": ["a.py"], "comand": "x"}        | unknown key 'comand'
          """)
  void aSpecThatIsNotOneSaysWhatIsWrong(String what, String json, String message) {
    assertThatThrownBy(() -> parse(json))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("experiment.json ")
        .hasMessageContaining(message)
        // Every refusal carries a good spec to copy from.
        .hasMessageContaining("Example: " + ExperimentSpec.EXAMPLE);
  }

  @Test
  void theUnknownKeyMessageListsTheKnownOnes() {
    assertThatThrownBy(() -> with("\"budget\": 10"))
        .hasMessageContaining("unknown key 'budget'")
        .hasMessageContaining("budget_seconds")
        .hasMessageContaining("baseline_runs, budget_seconds, command");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          missing command     | {"editable": ["a.py"], "metric": {"regex": "(1)"}, "direction": "min"}                  | needs "command"
          blank command       | {"editable": ["a.py"], "command": "  ", "metric": {"regex": "(1)"}}                    | needs "command"
          missing metric      | {"editable": ["a.py"], "command": "x", "direction": "min"}                             | needs "metric"
          metric not object   | {"editable": ["a.py"], "command": "x", "metric": "(1)", "direction": "min"}            | needs "metric"
          both metric kinds   | {"editable": ["a.py"], "command": "x", "metric": {"regex": "(1)", "json_file": "m.json", "key": "k"}, "direction": "min"} | one of
          neither metric kind | {"editable": ["a.py"], "command": "x", "metric": {"key": "k"}, "direction": "min"}     | one of
          regex not compiling | {"editable": ["a.py"], "command": "x", "metric": {"regex": "(1"}, "direction": "min"}  | does not compile
          regex without group | {"editable": ["a.py"], "command": "x", "metric": {"regex": "loss \\\\d+"}, "direction": "min"} | needs a group
          json without key    | {"editable": ["a.py"], "command": "x", "metric": {"json_file": "m.json"}, "direction": "min"} | needs the key
          missing direction   | {"editable": ["a.py"], "command": "x", "metric": {"regex": "(1)"}}                    | direction must be min or max
          bad direction       | {"editable": ["a.py"], "command": "x", "metric": {"regex": "(1)"}, "direction": "up"} | direction must be min or max, not up
          """)
  void aMissingCommandOrUnusableMetricIsRefused(String what, String json, String message) {
    assertThatThrownBy(() -> parse(json))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("experiment.json ")
        .hasMessageContaining(message);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          "budget_seconds": 0         | "budget_seconds" 0; it must be a whole number from 1 to 21600
          "budget_seconds": -5        | "budget_seconds" -5; it must be a whole number from 1 to 21600
          "budget_seconds": 21601     | "budget_seconds" 21601
          "budget_seconds": 1.5       | "budget_seconds" 1.5
          "budget_seconds": "300"     | "budget_seconds" "300"
          "budget_seconds": 1e12      | "budget_seconds"
          "baseline_runs": 0          | "baseline_runs" 0; it must be a whole number from 1 to 20
          "baseline_runs": 21         | "baseline_runs" 21
          "fix_attempts": -1          | "fix_attempts" -1; it must be a whole number from 0 to 20
          "parallel": 0               | "parallel" 0; it must be a whole number from 1 to 32
          "parallel": 33              | "parallel" 33; it must be a whole number from 1 to 32
          "min_delta": -0.1           | "min_delta" -0.1; it must be a number ≥ 0
          "min_delta": "small"        | "min_delta" "small"
          "min_delta": 1e400          | "min_delta"
          "min_delta": true           | "min_delta" true; it must be a number ≥ 0
          "min_delta": "0.5"          | "min_delta" "0.5"; it must be a number ≥ 0
          "stop": 20                  | "stop" that is not an object
          "stop": {"rounds": 3}       | unknown stop rule 'rounds' (known: experiments, minutes)
          "stop": {"experiments": 0}  | "experiments" 0; it must be a whole number from 1 to 1000000
          "stop": {"minutes": -1}     | "minutes" -1
          """)
  void aNumberOutOfItsRangeIsRefusedNamingTheField(String member, String message) {
    assertThatThrownBy(() -> with(member))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("experiment.json has ")
        .hasMessageContaining(message);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          null entry      | {"editable": [null], "command": "x", "metric": {"regex": "(1)"}, "direction": "min"}   | "editable" entry null that is not a string
          number entry    | {"editable": ["a.py", 3], "command": "x", "metric": {"regex": "(1)"}, "direction": "min"} | "editable" entry 3 that is not a string
          editable object | {"editable": {"a": 1}, "command": "x", "metric": {"regex": "(1)"}, "direction": "min"}  | it must be a string or a list of strings
          command array   | {"editable": ["a.py"], "command": ["python", "t.py"], "metric": {"regex": "(1)"}, "direction": "min"} | "command" ["python","t.py"]; it must be a string
          trailing text   | {"editable": ["a.py"], "command": "x", "metric": {"regex": "(1)"}, "direction": "min"} {"editable": 1} | is not valid JSON
          """)
  void aValueOfTheWrongTypeIsRefusedNotCoercedToText(String what, String json, String message) {
    // Jackson's asText() would turn null into "null" and an array into "": a file named null
    // made editable, or an empty command that fails at the first experiment.
    assertThatThrownBy(() -> parse(json))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("experiment.json ")
        .hasMessageContaining(message);
  }

  @Test
  void theRangeEndsAreAccepted() {
    assertThat(with("\"parallel\": 1").parallel()).isEqualTo(1);
    assertThat(with("\"parallel\": 32").parallel()).isEqualTo(32);
    assertThat(with("\"budget_seconds\": 21600").budgetSeconds())
        .isEqualTo(ExperimentSpec.MAX_BUDGET_SECONDS);
    assertThat(with("\"parallel\": null").parallel()).isNull();
    assertThat(with("\"stop\": null").stopRule()).isEqualTo("until stopped");
    assertThat(with("\"stop\": {\"minutes\": 5}").stopRule())
        .isEqualTo("after 5 minutes, whichever comes first");
  }

  @Test
  void aNullStopRuleIsNoRuleNotAStopAtZero() {
    // JSON null means "not given" everywhere else in the spec; here it once became 0, a loop
    // that stopped before its first experiment.
    ExperimentSpec s = with("\"stop\": {\"experiments\": null, \"minutes\": 30}");
    assertThat(s.stopExperiments()).isNull();
    assertThat(s.stopMinutes()).isEqualTo(30);
    assertThat(with("\"stop\": {\"minutes\": null}").stopMinutes()).isNull();
  }

  @Test
  void aBadGlobOrTheSpecItselfCannotBeEditable() {
    assertThatThrownBy(() -> parse(withEditable("[\"src/[a\"]")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("editable pattern that is not a glob: 'src/[a'");
    assertThatThrownBy(() -> parse(withEditable("[\"{a,{b,c}}\"]")))
        .hasMessageContaining("not a glob: '{a,{b,c}}'");
    assertThatThrownBy(() -> parse(withEditable("[\"train.py\", \"experiment.json\"]")))
        .hasMessageContaining("cannot make experiment.json itself editable");
  }

  private static String withEditable(String editable) {
    return "{\"editable\": "
        + editable
        + ", \"command\": \"x\", \"metric\": {\"regex\": \"(1)\"}, \"direction\": \"min\"}";
  }
}
