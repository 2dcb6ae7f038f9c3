package org.benchwright.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.benchwright.engine.project.EventType;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.project.RecordedEvent;
import org.benchwright.engine.project.RunInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticRunTest {

  @Test
  void writesExactlyTheEventsAskedForWithEachTypeWhereFirstSeqOfSays(@TempDir Path dir) {
    try (Project project = Project.create(dir.resolve("synthetic.bwproj"))) {
      RunInfo run = SyntheticRun.write(project, "engineer", "bracket", 100);

      assertThat(project.events().lastSeq(run.id())).isEqualTo(100);
      for (EventType type :
          new EventType[] {EventType.SANDBOX_EXEC, EventType.FILE_CHANGE, EventType.TODO_CHANGE}) {
        long seq = SyntheticRun.firstSeqOf(type);
        RecordedEvent event = project.events().events(run.id(), seq, 1).getFirst();
        assertThat(event.type()).as("seq %d", seq).isEqualTo(type);
      }
    }
  }
}
