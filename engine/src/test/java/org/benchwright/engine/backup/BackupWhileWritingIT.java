package org.benchwright.engine.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.benchwright.engine.project.ChildProcess;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.project.RecordedEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A backup taken while another process keeps appending is a sound, complete snapshot. */
class BackupWhileWritingIT {

  @TempDir Path dir;

  @Test
  void backupWhileAChildJvmAppends() throws Exception {
    Path file = dir.resolve("busy.bwproj");
    Project.create(file).close();
    long run;
    long acked = 0;
    Backups.Result result;
    try (ChildProcess child = ChildProcess.start("append", file)) {
      String ready = child.awaitLine("ready", 60_000);
      assertThat(ready).isNotNull();
      run = Long.parseLong(ready.split(" ")[1]);
      String line;
      while (acked < 2_000 && (line = child.awaitLine("ack", 30_000)) != null) {
        acked = Math.max(acked, Long.parseLong(line.split(" ")[1]));
      }
      assertThat(acked).isGreaterThanOrEqualTo(2_000);
      result = Backups.backup(file, dir.resolve("backups"), 5);
      String after = child.awaitLine("ack", 30_000);
      assertThat(after).as("the writer kept going during the backup").isNotNull();
      child.killAndDrain();
    }
    Path restored = Backups.restore(result.backup(), dir.resolve("restored.bwproj"), false);
    try (Project p = Project.openReadOnly(restored)) {
      assertThat(p.integrityCheck()).isEqualTo("ok");
      long last = p.events().lastSeq(run);
      assertThat(last).isGreaterThanOrEqualTo(acked);
      List<RecordedEvent> all = p.events().events(run, 1, Integer.MAX_VALUE);
      assertThat(all).hasSize((int) last);
      for (int i = 0; i < all.size(); i++) {
        assertThat(all.get(i).seq()).isEqualTo(i + 1);
      }
    }
  }
}
