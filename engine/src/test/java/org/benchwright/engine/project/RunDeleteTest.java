package org.benchwright.engine.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.benchwright.engine.project.ForkHistory.activity;
import static org.benchwright.engine.project.ForkHistory.dump;
import static org.benchwright.engine.project.ForkHistory.dumpExcept;
import static org.benchwright.engine.project.ForkHistory.fork;
import static org.benchwright.engine.project.ForkHistory.seen;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deleting a run keeps what its forks read: every fork, and every fork of a fork, sees exactly the
 * same events, files and plans at every step afterwards, and nothing else in the file changes.
 */
class RunDeleteTest {

  @TempDir Path dir;
  private Path file;
  private Project p;

  // root: 3 rounds. a: fork of root inside root's round 2; b: fork of root at an open gate;
  // aa: fork of a in a's own part; ab: fork of a inside the part a shares with root.
  private long root;
  private long a;
  private long b;
  private long aa;
  private long ab;
  private long other;

  @BeforeEach
  void build() {
    file = dir.resolve("p.bwproj");
    p = Project.create(file);
    root = ForkHistory.run(p, "root", 3);
    other = ForkHistory.run(p, "other", 2);
    a = fork(p, root, 10, "a");
    activity(p, a, "a", 2);
    b = fork(p, root, 5, "b"); // root's seq 5 opened a gate that root decided at 6
    activity(p, b, "b", 1);
    aa = fork(p, a, 14, "aa");
    activity(p, aa, "aa", 1);
    ab = fork(p, a, 8, "ab");
    activity(p, ab, "ab", 2);
    for (long id : List.of(root, other, a, b, aa, ab)) {
      p.runs().finish(id, RunStatus.SUCCEEDED, "passed", "r", 1);
    }
  }

  @org.junit.jupiter.api.AfterEach
  void close() {
    p.close();
  }

  private Map<Long, ForkHistory.Seen> seenAll(List<Long> ids) {
    Map<Long, ForkHistory.Seen> m = new LinkedHashMap<>();
    ids.forEach(id -> m.put(id, seen(p, id)));
    return m;
  }

  @Test
  void deletingARootKeepsWhatItsForksAndTheirForksRead() throws Exception {
    assertThat(p.runs().lineage(aa)).hasSize(3);
    List<Long> kept = List.of(a, b, aa, ab, other);
    Map<Long, ForkHistory.Seen> before = seenAll(kept);
    var pendingBefore = p.approvals().pending(b);
    var rest = dumpExcept(file, List.of(root, a, b));
    RunInfo aBefore = p.runs().find(a).orElseThrow();

    Runs.Deleted d = p.runs().delete(root);

    assertThat(d.forks()).containsExactly(a, b);
    assertThat(d.events()).isEqualTo(7 + 8 + 7);
    // a read root's 1..10, b root's 1..5.
    assertThat(d.eventsCopied()).isEqualTo(10 + 5);
    assertThat(p.runs().find(root)).isEmpty();
    assertThat(seenAll(kept)).isEqualTo(before);
    assertThat(p.approvals().pending(b)).isEqualTo(pendingBefore);

    RunInfo aAfter = p.runs().find(a).orElseThrow();
    assertThat(aAfter.parentRunId()).isNull();
    assertThat(aAfter.forkSeq()).isEqualTo(10L); // kept: where its copied history ends
    assertThat(aAfter).usingRecursiveComparison().ignoringFields("parentRunId").isEqualTo(aBefore);
    assertThat(p.runs().lineage(a)).containsExactly(new Lineage.Segment(a, 1, Long.MAX_VALUE));
    assertThat(p.runs().find(b).orElseThrow().parentRunId()).isNull();
    assertThat(p.runs().find(aa).orElseThrow().parentRunId()).isEqualTo(a);
    assertThat(p.runs().lineage(aa)).hasSize(2);
    assertThat(p.runs().forksOf(a)).extracting(RunInfo::id).containsExactly(aa, ab);

    // The gate root opened at 5 and decided at 6 was still open at b's point: not carried.
    assertThat(count("SELECT count(*) FROM approvals WHERE run_id = ? AND gate_seq = 5", b))
        .isZero();
    // a carries root's first round's decided gate and root's two execs of 1..10.
    assertThat(count("SELECT count(*) FROM approvals WHERE run_id = ? AND gate_seq <= 10", a))
        .isEqualTo(1);
    assertThat(count("SELECT count(*) FROM sandbox_execs WHERE run_id = ? AND seq <= 10", a))
        .isEqualTo(1);
    assertThat(count("SELECT count(*) FROM events WHERE run_id = ?", root)).isZero();
    assertThat(dumpExcept(file, List.of(root, a, b))).isEqualTo(rest);
  }

  @Test
  void deletingAMiddleRunReParentsItsForksToItsParent() throws Exception {
    List<Long> kept = List.of(root, b, aa, ab, other);
    Map<Long, ForkHistory.Seen> before = seenAll(kept);
    var rest = dumpExcept(file, List.of(a, aa, ab));

    Runs.Deleted d = p.runs().delete(a);

    assertThat(d.forks()).containsExactly(aa, ab);
    assertThat(seenAll(kept)).isEqualTo(before);
    RunInfo aaNow = p.runs().find(aa).orElseThrow();
    assertThat(aaNow.parentRunId()).isEqualTo(root);
    assertThat(aaNow.forkSeq()).isEqualTo(10L); // root's part ends where a's began
    RunInfo abNow = p.runs().find(ab).orElseThrow();
    assertThat(abNow.parentRunId()).isEqualTo(root);
    assertThat(abNow.forkSeq()).isEqualTo(8L); // ab forked inside root's part: nothing of a's
    // aa read a's 11..14; ab read nothing a held itself.
    assertThat(d.eventsCopied()).isEqualTo(4);
    assertThat(p.runs().lineage(aa))
        .containsExactly(
            new Lineage.Segment(root, 1, 10), new Lineage.Segment(aa, 11, Long.MAX_VALUE));
    assertThat(p.runs().forksOf(root)).extracting(RunInfo::id).containsExactly(b, aa, ab);
    // aa's first event now is a's FORK event: it names root at 10, its new parent and point.
    RecordedEvent first = p.events().events(aa, 11, 1).getFirst();
    assertThat(first.type()).isEqualTo(EventType.FORK);
    assertThat(first.payload(EventPayload.Fork.class).atSeq()).isEqualTo(10);
    assertThat(dumpExcept(file, List.of(a, aa, ab))).isEqualTo(rest);
  }

  @Test
  void deletingALeafChangesNothingElse() throws Exception {
    List<Long> kept = List.of(root, a, b, aa, other);
    Map<Long, ForkHistory.Seen> before = seenAll(kept);
    var rest = dumpExcept(file, List.of(ab));

    Runs.Deleted d = p.runs().delete(ab);

    assertThat(d.forks()).isEmpty();
    assertThat(d.eventsCopied()).isZero();
    assertThat(seenAll(kept)).isEqualTo(before);
    assertThat(dumpExcept(file, List.of(ab))).isEqualTo(rest);
    assertThat(dump(file).get("events")).noneMatch(r -> r.startsWith("{run_id=" + ab + ","));
    // SQLite gives the newest id again to the next run: it starts empty, at seq 1, not after the
    // deleted run's events (the log's cached seq for that id is gone too).
    long next = ForkHistory.run(p, "next", 1);
    assertThat(next).isEqualTo(ab);
    assertThat(p.events().events(next, 1, 100)).hasSize(7);
    assertThat(p.events().lastSeq(next)).isEqualTo(7);
  }

  @Test
  void aLiveRunIsRefusedAndNothingChanges() throws Exception {
    p.runs().setStatus(ab, RunStatus.RUNNING);
    p.runs().setStatus(aa, RunStatus.WAITING_FOR_APPROVAL);
    var all = dump(file);

    assertThatThrownBy(() -> p.runs().delete(ab))
        .isInstanceOf(ProjectException.class)
        .hasMessage("Run " + ab + " is running; cancel it before deleting it.");
    assertThatThrownBy(() -> p.runs().delete(aa))
        .isInstanceOf(ProjectException.class)
        .hasMessageContaining("waiting for approval");
    assertThatThrownBy(() -> p.runs().delete(9_999))
        .isInstanceOf(ProjectException.class)
        .hasMessage("No run 9999 in this project.");
    assertThat(dump(file)).isEqualTo(all);
  }

  @Test
  void aForkOfALiveParentCanStillBeDeletedAndTheParentGoesOn() {
    p.runs().setStatus(a, RunStatus.RUNNING);
    long last = p.events().lastSeq(a);
    p.runs().delete(aa);
    assertThat(p.events().append(a, Event.of(EventType.NOTE, null, "{}"))).isEqualTo(last + 1);
  }

  @Test
  void referencesFromOtherTablesAreClearedAndTheirRowsKept() throws Exception {
    long bench =
        p.benchmarks()
            .save(
                new NewBenchmark(
                    "ramp",
                    root,
                    "print(1)".getBytes(StandardCharsets.UTF_8),
                    "{}",
                    "{}",
                    null,
                    "validated",
                    List.of()));
    p.skills().save(new Skills.NewVersion("s", "t", "# md", null, null, root, Map.of()));
    p.skills().save(new Skills.NewVersion("s2", "t", "# md", null, null, other, Map.of()));

    p.runs().delete(root);

    BenchmarkDetail detail = p.benchmarks().find(bench).orElseThrow();
    assertThat(detail.info().runId()).isNull();
    assertThat(detail.info().name()).isEqualTo("ramp");
    assertThat(p.skills().latest("s").orElseThrow().originRunId()).isNull();
    assertThat(p.skills().latest("s2").orElseThrow().originRunId()).isEqualTo(other);
    assertThat(p.integrityCheck()).isEqualTo("ok");
  }

  @Test
  void aDeletedRootsForksSurviveReopeningAndDeletingTheirOwnForks() throws Exception {
    Map<Long, ForkHistory.Seen> before = seenAll(List.of(aa, ab));
    p.runs().delete(root);
    p.runs().delete(a);
    p.close();
    p = Project.open(file);
    assertThat(seenAll(List.of(aa, ab))).isEqualTo(before);
    assertThat(p.runs().find(aa).orElseThrow().parentRunId()).isNull();
    assertThat(p.runs().lineage(aa)).hasSize(1);
    assertThat(p.integrityCheck()).isEqualTo("ok");
  }

  private long count(String sql, long run) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, run);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
