package org.benchwright.engine.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.benchwright.engine.model.ApiKeys;
import org.benchwright.engine.project.Project;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exports' lifecycle with the work held back, so "running" lasts as long as a test needs. */
class ExportStoreTest {

  @TempDir Path dir;

  /** Runs nothing until released. */
  static final class Held implements java.util.concurrent.Executor {
    final List<Runnable> waiting = new ArrayList<>();

    @Override
    public void execute(Runnable r) {
      waiting.add(r);
    }

    void release() {
      waiting.forEach(Runnable::run);
      waiting.clear();
    }
  }

  static Call call(String id, String part) {
    return new Call(
        "downloadExport",
        Map.of("exportId", id),
        part == null ? Map.of() : Map.of("part", List.of(part)),
        Map.of(),
        null);
  }

  @Test
  void aRunningExportIsNotDownloadedAndAtMostFourRunAtOnce() throws Exception {
    try (Project p = Project.create(dir.resolve("p.bwproj"));
        Service s = new Service(p, null, ApiKeys.of(Map.of(), dir.resolve("k")), "test", null)) {
      Held held = new Held();
      ExportOperations.Store store = new ExportOperations.Store(s, held);
      ObjectNode request = ApiServer.JSON.createObjectNode();
      Reply first = store.start(request);
      assertThat(first.status()).isEqualTo(202);
      String id = ((ObjectNode) ((Reply.Json) first).body()).get("id").asText();
      assertThat(store.find(call(id, null)).view().get("state").asText()).isEqualTo("running");

      assertThatThrownBy(() -> store.download(call(id, null)))
          .isInstanceOfSatisfying(
              ApiProblem.class,
              e -> {
                assertThat(e.status()).isEqualTo(409);
                assertThat(e.getMessage())
                    .isEqualTo(
                        "Export " + id + " is still running; download it when its state is done.");
              });
      for (int i = 0; i < 3; i++) {
        store.start(request);
      }
      assertThatThrownBy(() -> store.start(request))
          .isInstanceOfSatisfying(
              ApiProblem.class,
              e -> {
                assertThat(e.status()).isEqualTo(409);
                assertThat(e.getMessage()).startsWith("4 exports are running");
              });

      held.release();
      assertThat(store.find(call(id, null)).view().get("state").asText()).isEqualTo("done");
      // Done, so it can be downloaded (an empty project: an empty file, 204).
      assertThat(store.download(call(id, null)).status()).isEqualTo(204);
      store.start(request); // one can start again
    }
  }

  @Test
  void theWorkFolderGoesWithTheService() throws Exception {
    Path work;
    try (Project p = Project.create(dir.resolve("p.bwproj"));
        Service s = new Service(p, null, ApiKeys.of(Map.of(), dir.resolve("k")), "test", null)) {
      Held held = new Held();
      ExportOperations.Store store = new ExportOperations.Store(s, held);
      Reply r = store.start(ApiServer.JSON.createObjectNode());
      held.release();
      String id = ((ObjectNode) ((Reply.Json) r).body()).get("id").asText();
      work = store.find(call(id, null)).train.getParent();
      assertThat(work).isDirectory();
      assertThat(java.nio.file.Files.getPosixFilePermissions(work))
          .containsExactlyInAnyOrder(
              java.nio.file.attribute.PosixFilePermission.OWNER_READ,
              java.nio.file.attribute.PosixFilePermission.OWNER_WRITE,
              java.nio.file.attribute.PosixFilePermission.OWNER_EXECUTE);
    }
    assertThat(work).doesNotExist();
  }
}
