package org.benchwright.engine.workflow.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EditablePathsTest {

  private static ExperimentSpec editable(String globs) {
    return ExperimentSpec.parse(
        ("{\"editable\": "
                + globs
                + ", \"command\": \"x\", \"metric\": {\"regex\": \"(1)\"}, \"direction\": \"min\"}")
            .getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void anExactNameIsThatFileOnly() {
    ExperimentSpec s = editable("[\"train.py\"]");
    assertThat(s.isEditable("train.py")).isTrue();
    assertThat(s.isEditable("prepare.py")).isFalse();
    assertThat(s.isEditable("sub/train.py")).isFalse();
    assertThat(s.isEditable("train.py.bak")).isFalse();
    assertThat(s.isEditable(ExperimentSpec.FILE)).isFalse();
  }

  @Test
  void aStarStaysInItsFolderAndADoubleStarCrossesFolders() {
    ExperimentSpec one = editable("\"src/*.py\"");
    assertThat(one.isEditable("src/model.py")).isTrue();
    assertThat(one.isEditable("src/nn/layer.py")).isFalse();
    assertThat(one.isEditable("model.py")).isFalse();
    assertThat(one.isEditable("src/model.pyc")).isFalse();

    ExperimentSpec deep = editable("[\"**/*.py\"]");
    assertThat(deep.isEditable("src/nn/layer.py")).isTrue();
    assertThat(deep.isEditable("src/model.py")).isTrue();
    // "**/" needs a folder: a top-level file is not under one.
    assertThat(deep.isEditable("model.py")).isFalse();
    assertThat(deep.isEditable("data/train.csv")).isFalse();
  }

  @Test
  void anyOfSeveralPatternsMakesAFileEditable() {
    ExperimentSpec s = editable("[\"train.py\", \"conf/*.{yaml,yml}\"]");
    assertThat(s.isEditable("train.py")).isTrue();
    assertThat(s.isEditable("conf/a.yaml")).isTrue();
    assertThat(s.isEditable("conf/b.yml")).isTrue();
    assertThat(s.isEditable("conf/c.json")).isFalse();
  }

  @Test
  void aPathOutsideTheRunOrSpelledOtherwiseIsNeverEditable() {
    ExperimentSpec s = editable("[\"*.py\", \"**/*.py\", \"**\"]");
    assertThat(s.isEditable("a.py")).isTrue();
    assertThat(s.isEditable("../a.py")).isFalse();
    assertThat(s.isEditable("src/../../a.py")).isFalse();
    assertThat(s.isEditable("src/./a.py")).isFalse();
    assertThat(s.isEditable("./a.py")).isFalse();
    assertThat(s.isEditable("/etc/a.py")).isFalse();
    assertThat(s.isEditable("src//a.py")).isFalse();
    assertThat(s.isEditable("src/")).isFalse();
    assertThat(s.isEditable("")).isFalse();
    assertThat(s.isEditable("a\0.py")).isFalse();
  }

  @Test
  void aBackslashCannotSlipANestedFileThroughAOneFolderPattern() {
    // The run's files store "data\prep.py" as data/prep.py, which "*.py" does not match; the
    // guard once matched the unnormalised name as one file and let the write through.
    ExperimentSpec s = editable("[\"*.py\"]");
    assertThat(s.isEditable("data/prep.py")).isFalse();
    assertThat(s.isEditable("data\\prep.py")).isFalse();
  }
}
