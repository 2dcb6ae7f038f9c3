package org.benchwright.desktop.fork;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.benchwright.desktop.ui.CurrentThreadUiExecutor;
import org.benchwright.desktop.ui.TextDiff;
import org.benchwright.engine.project.EventType;
import org.benchwright.engine.project.Project;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The comparison of a run and its fork, read from a real project file. */
class CompareViewModelTest {

  @TempDir Path dir;

  @Test
  void aForkAndItsParentAreAlignedAfterTheForkPointWithTheirFileDiffs() throws Exception {
    ForkFixture f = ForkFixture.create(dir.resolve("compare.bwproj"));
    try (Project project = Project.open(f.file)) {
      CompareViewModel vm =
          new CompareViewModel(project, f.parent, f.fork, new CurrentThreadUiExecutor());
      vm.load();
      assertThat(vm.errorProperty().get()).isEmpty();
      long parentLast = project.events().lastSeq(f.parent);
      long forkLast = project.events().lastSeq(f.fork);
      // The fork's FORK event is where it branched, not a step: its first step lines up with
      // the parent's first step after the point.
      assertThat(vm.rows())
          .hasSize((int) Math.max(parentLast - f.forkSeq, forkLast - f.forkSeq - 1));
      assertThat(vm.rows().getFirst().b().type()).isEqualTo(EventType.MODEL_REQUEST);
      assertThat(vm.rows().getFirst().b().seq()).isEqualTo(f.forkSeq + 2);
      assertThat(vm.rows().getFirst().a().seq()).isEqualTo(f.forkSeq + 1);
      assertThat(vm.rows().getFirst().same()).isTrue();
      assertThat(vm.sharedProperty().get()).startsWith("Shared history: events 1 to " + f.forkSeq);
      assertThat(shown(vm.endDiffProperty().get()))
          .contains("-ramp: 10 degrees", "-ball: 20 mm", "+ramp: 15 degrees");

      vm.select(vm.rows().getFirst()); // right after the fork point: no side wrote again yet
      assertThat(vm.stepDiffProperty().get()).isEmpty();
      vm.select(vm.rows().getLast());
      assertThat(shown(vm.stepDiffProperty().get())).contains("+ramp: 15 degrees");
    }
  }

  private static List<String> shown(List<TextDiff.Line> lines) {
    return lines.stream().map(TextDiff.Line::shown).toList();
  }
}
