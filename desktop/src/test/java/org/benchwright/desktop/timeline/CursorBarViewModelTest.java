package org.benchwright.desktop.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.benchwright.desktop.run.RunCursor;
import org.benchwright.engine.project.NewRun;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.project.RunInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CursorBarViewModelTest {

  private final RunCursor cursor = new RunCursor();
  private final CursorBarViewModel vm = new CursorBarViewModel(cursor);

  @Test
  void saysNoRunUntilOneIsSelected() {
    assertThat(vm.stepText().get()).isEqualTo("no run selected");
    assertThat(vm.noRun().get()).isTrue();
  }

  @Test
  void showsTheStepOfTheLastAndFollowsTheCursor(@TempDir Path dir) {
    try (Project p = Project.create(dir.resolve("c.bwproj"))) {
      RunInfo run = p.runs().create(new NewRun("engineer", "t", "{}"));
      cursor.select(p, run, 240);
      assertThat(vm.stepText().get()).isEqualTo("step 240 / 240");
      assertThat(vm.noRun().get()).isFalse();

      vm.scrubTo(17.4);
      assertThat(cursor.step()).isEqualTo(17);
      assertThat(vm.stepText().get()).isEqualTo("step 17 / 240");

      cursor.extendTo(300);
      assertThat(vm.stepText().get()).isEqualTo("step 17 / 300");
      vm.scrubTo(1e9);
      assertThat(cursor.step()).isEqualTo(300);
    }
  }
}
