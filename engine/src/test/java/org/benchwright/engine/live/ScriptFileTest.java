package org.benchwright.engine.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A scripted model's base URL names its turns file in either of the two ways runs record it. */
class ScriptFileTest {

  @Test
  void aFileUriAndAPlainPathNameTheSameFile() {
    Path file = Path.of("/tmp/turns dir/plan.json");
    assertThat(LiveRuns.scriptFile(file.toUri().toString())).isEqualTo(file);
    assertThat(LiveRuns.scriptFile(file.toString())).isEqualTo(file);
  }

  @Test
  void aFileUriWithAHostIsRefusedClearly() {
    assertThatThrownBy(() -> LiveRuns.scriptFile("file://server/share/plan.json"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a file URI: file://server/share/plan.json");
  }
}
