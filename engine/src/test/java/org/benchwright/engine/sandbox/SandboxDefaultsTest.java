package org.benchwright.engine.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.benchwright.engine.project.Project;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SandboxDefaultsTest {

  @TempDir Path dir;

  @Test
  void projectLimitsOverrideDefaultsAndWorkflowLimitsOverrideThose() {
    try (Project p = Project.create(dir.resolve("p.bwproj"))) {
      p.settings().put(SandboxDefaults.KEY, "{\"memoryMb\": 2048, \"pids\": 512}");
      p.settings().put(SandboxDefaults.KEY + ".engineer", "{\"memoryMb\": 4096}");
      SandboxLimits project = SandboxDefaults.limitsFor(p.settings(), "benchmark-generator");
      SandboxLimits engineer = SandboxDefaults.limitsFor(p.settings(), "engineer");
      assertThat(project.memoryBytes()).isEqualTo(2048L << 20);
      assertThat(project.pids()).isEqualTo(512);
      assertThat(project.tmpBytes()).isEqualTo(SandboxLimits.defaults().tmpBytes());
      assertThat(engineer.memoryBytes()).isEqualTo(4096L << 20);
      assertThat(engineer.pids()).isEqualTo(512);
    }
  }

  @Test
  void badSettingsSayWhichSettingAndWhy() {
    try (Project p = Project.create(dir.resolve("p.bwproj"))) {
      p.settings().put(SandboxDefaults.KEY, "{\"memoryMb\": 2048,");
      assertThatThrownBy(() -> SandboxDefaults.limitsFor(p.settings(), null))
          .hasMessageContaining("sandbox.limits is not valid JSON");
      p.settings().put(SandboxDefaults.KEY, "{\"memory\": 2048}");
      assertThatThrownBy(() -> SandboxDefaults.limitsFor(p.settings(), null))
          .hasMessageContaining("unknown limit 'memory'");
      p.settings().put(SandboxDefaults.KEY, "{\"memoryMb\": 1}");
      assertThatThrownBy(() -> SandboxDefaults.limitsFor(p.settings(), null))
          .hasMessageContaining("at least 16 MiB");
      p.settings().put(SandboxDefaults.KEY, "{\"pids\": \"many\"}");
      assertThatThrownBy(() -> SandboxDefaults.limitsFor(p.settings(), null))
          .hasMessageContaining("'pids' must be a number");
    }
  }
}
