package org.benchwright.engine.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.benchwright.engine.project.NewRun;
import org.benchwright.engine.project.Project;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** write_file and edit_file under a node's write guard: enforced in the tools, not asked. */
class GuardedWriteToolsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final WriteGuard ONLY_TRAIN =
      (p, r, path) -> path.equals("train.py") ? Optional.empty() : Optional.of("no: " + path);

  @TempDir Path dir;
  private Project project;
  private long run;
  private ToolContext ctx;
  private final Map<String, Tool> tools =
      CoreTools.all().stream().collect(Collectors.toMap(Tool::name, Function.identity()));

  @BeforeEach
  void open() {
    project = Project.create(dir.resolve("p.bwproj"));
    run = project.runs().create(new NewRun("guarded", "t", "{}")).id();
    project.files().write(run, "import", "prepare.py", "x = 1\n".getBytes(StandardCharsets.UTF_8));
    ctx =
        new ToolContext(
            project,
            run,
            "worker",
            () -> {
              throw new AssertionError("writing a file needs no sandbox");
            },
            List.of("done"),
            ONLY_TRAIN);
  }

  @AfterEach
  void close() {
    project.close();
  }

  private ToolResult call(String tool, String args) throws Exception {
    return tools.get(tool).run(ctx, JSON.readTree(args));
  }

  private String fileNow(String path) {
    return project
        .files()
        .fileAt(run, path, project.events().lastSeq(run))
        .map(b -> new String(b, StandardCharsets.UTF_8))
        .orElse(null);
  }

  @Test
  void aRefusedWriteOrEditIsAnErrorWithTheGuardsWordsAndRecordsNothing() throws Exception {
    long before = project.events().lastSeq(run);
    ToolResult w = call("write_file", "{\"path\": \"prepare.py\", \"content\": \"\"}");
    ToolResult e =
        call("edit_file", "{\"path\": \"prepare.py\", \"old_text\": \"1\", \"new_text\": \"2\"}");
    assertThat(w.error()).isTrue();
    assertThat(w.text()).isEqualTo("no: prepare.py");
    assertThat(e.error()).isTrue();
    assertThat(e.text()).isEqualTo("no: prepare.py");
    assertThat(project.events().lastSeq(run)).isEqualTo(before);
    assertThat(fileNow("prepare.py")).isEqualTo("x = 1\n");
  }

  @Test
  void aWriteTheGuardAllowsIsRecorded() throws Exception {
    ToolResult ok = call("write_file", "{\"path\": \"train.py\", \"content\": \"lr = 0.1\"}");
    assertThat(ok.error()).as(ok.text()).isFalse();
    assertThat(fileNow("train.py")).isEqualTo("lr = 0.1");
  }
}
