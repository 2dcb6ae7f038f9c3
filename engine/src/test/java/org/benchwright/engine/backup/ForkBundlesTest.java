package org.benchwright.engine.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.benchwright.engine.project.ForkHistory.activity;
import static org.benchwright.engine.project.ForkHistory.fork;
import static org.benchwright.engine.project.ForkHistory.seen;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import org.benchwright.engine.project.ForkHistory;
import org.benchwright.engine.project.Lineage;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.project.RunInfo;
import org.benchwright.engine.project.RunStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bundles of forks: a fork whose ancestors stay behind carries what it shares with them, so it
 * reads the same elsewhere; a fork that travels with its parent keeps sharing.
 */
class ForkBundlesTest {

  @TempDir Path dir;
  private Path source;
  private long root;
  private long a;
  private long aa;
  private ForkHistory.Seen rootSeen;
  private ForkHistory.Seen aSeen;
  private ForkHistory.Seen aaSeen;
  private long aOwn;
  private long aaOwn;

  @BeforeEach
  void build() throws Exception {
    source = dir.resolve("source.bwproj");
    try (Project p = Project.create(source)) {
      root = ForkHistory.run(p, "root", 3);
      a = fork(p, root, 10, "a");
      activity(p, a, "a", 2);
      aa = fork(p, a, 14, "aa");
      activity(p, aa, "aa", 2);
      for (long id : List.of(root, a, aa)) {
        p.runs().finish(id, RunStatus.SUCCEEDED, "passed", "r", 1);
      }
      rootSeen = seen(p, root);
      aSeen = seen(p, a);
      aaSeen = seen(p, aa);
    }
    aOwn = ownEvents(source, a);
    aaOwn = ownEvents(source, aa);
    assertThat(aOwn).isEqualTo(1 + 7 + 8); // its FORK event and two rounds
  }

  /** Exports the runs, imports the bundle into a new project; returns the imported ids. */
  private List<Long> roundTrip(Path target, List<Long> runs) {
    Path bundle = dir.resolve(target.getFileName() + ".bwbundle");
    try (Project p = Project.openReadOnly(source)) {
      Bundles.export(p, runs, bundle);
    }
    try (Project p = Project.create(target)) {
      return Bundles.importBundle(p, bundle).localIds();
    }
  }

  @Test
  void aForkOfAForkExportedAloneCarriesItsWholeHistory() throws Exception {
    Path target = dir.resolve("alone.bwproj");
    long imported = roundTrip(target, List.of(aa)).getFirst();

    try (Project p = Project.openReadOnly(target)) {
      assertThat(seen(p, imported)).isEqualTo(aaSeen);
      RunInfo info = p.runs().find(imported).orElseThrow();
      assertThat(info.parentRunId()).isNull();
      assertThat(p.runs().lineage(imported))
          .containsExactly(new Lineage.Segment(imported, 1, Long.MAX_VALUE));
      assertThat(p.runs().list()).hasSize(1);
      assertThat(p.integrityCheck()).isEqualTo("ok");
    }
    assertThat(ownEvents(target, imported)).isEqualTo(14 + aaOwn);
  }

  @Test
  void aForkExportedWithItsParentKeepsSharing() throws Exception {
    Path target = dir.resolve("both.bwproj");
    List<Long> ids = roundTrip(target, List.of(root, a));

    try (Project p = Project.openReadOnly(target)) {
      assertThat(seen(p, ids.get(0))).isEqualTo(rootSeen);
      assertThat(seen(p, ids.get(1))).isEqualTo(aSeen);
      RunInfo fork = p.runs().find(ids.get(1)).orElseThrow();
      assertThat(fork.parentRunId()).isEqualTo(ids.get(0));
      assertThat(fork.forkSeq()).isEqualTo(10L);
    }
    assertThat(ownEvents(target, ids.get(1))).isEqualTo(aOwn);
  }

  @Test
  void aForkOfAForkWithItsGrandparentSharesWithItAndCarriesTheMiddle() throws Exception {
    Path target = dir.resolve("skip.bwproj");
    List<Long> ids = roundTrip(target, List.of(root, aa));

    try (Project p = Project.openReadOnly(target)) {
      assertThat(seen(p, ids.get(0))).isEqualTo(rootSeen);
      assertThat(seen(p, ids.get(1))).isEqualTo(aaSeen);
      RunInfo fork = p.runs().find(ids.get(1)).orElseThrow();
      assertThat(fork.parentRunId()).isEqualTo(ids.get(0));
      assertThat(fork.forkSeq()).isEqualTo(10L);
    }
    // a's 11..14 (its FORK event and three more) travel as the fork's own.
    assertThat(ownEvents(target, ids.get(1))).isEqualTo(4 + aaOwn);
  }

  @Test
  void aWholeChainKeepsSharingAndNothingIsDoubled() throws Exception {
    Path target = dir.resolve("chain.bwproj");
    List<Long> ids = roundTrip(target, List.of());

    try (Project p = Project.openReadOnly(target)) {
      assertThat(seen(p, ids.get(2))).isEqualTo(aaSeen);
      assertThat(p.runs().find(ids.get(2)).orElseThrow().parentRunId()).isEqualTo(ids.get(1));
    }
    assertThat(ownEvents(target, ids.get(1))).isEqualTo(aOwn);
    assertThat(ownEvents(target, ids.get(2))).isEqualTo(aaOwn);
  }

  private static long ownEvents(Path file, long run) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM events WHERE run_id = ?")) {
      ps.setLong(1, run);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
