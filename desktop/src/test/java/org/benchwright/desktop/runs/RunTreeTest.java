package org.benchwright.desktop.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.time.Instant;
import java.util.List;
import org.benchwright.engine.project.RunInfo;
import org.benchwright.engine.project.RunStatus;
import org.junit.jupiter.api.Test;

class RunTreeTest {

  private static RunInfo run(long id, Long parent, Long forkSeq) {
    return new RunInfo(
        id,
        "u" + id,
        "engineer",
        "task " + id,
        null,
        RunStatus.SUCCEEDED,
        parent,
        forkSeq,
        "{}",
        Instant.EPOCH,
        0,
        0,
        0,
        0);
  }

  @Test
  void forksFollowTheirParentOldestFirstAndForksOfForksGoDeeper() {
    // As runs().list() gives them: newest first.
    List<RunInfo> newestFirst =
        List.of(
            run(7, 2L, 40L),
            run(6, null, null),
            run(5, 3L, 12L),
            run(4, 2L, 57L),
            run(3, 1L, 30L),
            run(2, 1L, 20L),
            run(1, null, null));
    assertThat(RunTree.rows(newestFirst))
        .extracting(RunRow::id, RunRow::depth)
        .containsExactly(
            tuple(6L, 0),
            tuple(1L, 0),
            tuple(2L, 1),
            tuple(4L, 2),
            tuple(7L, 2),
            tuple(3L, 1),
            tuple(5L, 2));
  }

  @Test
  void aForkOfARunNotListedIsARootAndSaysWhereItForked() {
    List<RunRow> rows = RunTree.rows(List.of(run(9, 8L, 57L), run(3, null, null)));
    assertThat(rows)
        .extracting(RunRow::id, RunRow::depth)
        .containsExactly(tuple(9L, 0), tuple(3L, 0));
    assertThat(rows.getFirst().forkStep()).isEqualTo("fork @ 57");
    assertThat(rows.getFirst().treeTask()).isEqualTo("↳ fork @ 57 · task 9");
  }

  @Test
  void theTaskColumnIndentsForksByDepth() {
    List<RunRow> rows = RunTree.rows(List.of(run(3, 2L, 9L), run(2, 1L, 5L), run(1, null, null)));
    assertThat(rows)
        .extracting(RunRow::treeTask)
        .containsExactly("task 1", "↳ fork @ 5 · task 2", "    ↳ fork @ 9 · task 3");
  }

  @Test
  void runsWhoseParentLinksMakeACycleStillShowOnce() {
    List<RunRow> rows = RunTree.rows(List.of(run(2, 1L, 3L), run(1, 2L, 4L)));
    assertThat(rows).extracting(RunRow::id).containsExactly(2L, 1L);
  }
}
