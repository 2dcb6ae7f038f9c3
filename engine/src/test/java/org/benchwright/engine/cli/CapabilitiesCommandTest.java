package org.benchwright.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.benchwright.engine.project.Capabilities;
import org.benchwright.engine.project.NewRun;
import org.benchwright.engine.project.Project;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** `benchwright capabilities ...` on a real project file; re-testing needs Docker (the ITs). */
class CapabilitiesCommandTest {

  @TempDir Path dir;
  @RegisterExtension final StandardStreams std = new StandardStreams();
  private final ByteArrayOutputStream out = std.out;
  private final ByteArrayOutputStream err = std.err;
  private Path file;

  @BeforeEach
  void record() {
    file = dir.resolve("caps.bwproj");
    try (Project p = Project.create(file)) {
      long run = p.runs().create(new NewRun("capability-synthesis", "reverse", "{}")).id();
      p.capabilities()
          .register(
              new Capabilities.NewVersion(
                  "reverse_string",
                  false,
                  "Reverse a string: return its characters in the opposite order.",
                  "{\"type\":\"object\",\"properties\":{\"text\":{\"type\":\"string\"}}}",
                  "{\"type\":\"string\"}",
                  "[{\"arguments\":{\"text\":\"ab\"},\"result\":\"ba\"}]",
                  "def reverse_string(text):\n    return text[::-1]\n",
                  "from capability import reverse_string\n\ndef test_a():\n"
                      + "    assert reverse_string(text='ab') == 'ba'\n",
                  null,
                  null,
                  run,
                  9L,
                  null,
                  Capabilities.ACTIVE),
              List.of(
                  new Capabilities.NewTestRun("red", false, 1, 1, 1, "EXIT", "1 failed", 40, run),
                  new Capabilities.NewTestRun(
                      "green", true, 1, 0, 0, "EXIT", "1 passed", 41, run)));
      p.capabilities().recordUse("reverse_string", 1, "called", run, 12L);
      p.capabilities().recordUse("reverse_string", 1, "succeeded", run, 12L);
    }
  }

  int run(String... args) {
    out.reset();
    err.reset();
    return BenchwrightCli.run(args);
  }

  @Test
  void listShowAndSearchReadTheRegistry() {
    assertThat(run("capabilities", "list", "--project", file.toString()))
        .as(err.toString())
        .isZero();
    assertThat(out.toString())
        .contains("reverse_string")
        .contains("active")
        .containsPattern("1\\s+1\\s+0\\s*$|\\s1\\s+1\\s+0\\s");
    assertThat(run("capabilities", "show", "--project", file.toString(), "reverse_string"))
        .isZero();
    assertThat(out.toString())
        .contains("from: run 1, event 9")
        .contains("return text[::-1]")
        .contains("v1 red    failed 1 tests, 1 failed")
        .contains("v1 green  passed 1 tests, 0 failed")
        .contains("called 1, succeeded 1")
        .contains("used in run 1");
    assertThat(
            run(
                "capabilities",
                "search",
                "--project",
                file.toString(),
                "reverse a string: return its characters in the opposite order"))
        .isZero();
    assertThat(out.toString()).startsWith("MATCH").contains("reverse_string v1");
  }

  @Test
  void exportImportQuarantineRestoreDelete() throws Exception {
    Path f = dir.resolve("reverse.json");
    assertThat(
            run(
                "capabilities",
                "export",
                "--project",
                file.toString(),
                "reverse_string",
                "--out",
                f.toString()))
        .as(err.toString())
        .isZero();
    assertThat(Files.readString(f)).contains("\"format\" : \"benchwright-capability\"");
    Path other = dir.resolve("other.bwproj");
    Project.create(other).close();
    assertThat(run("capabilities", "import", "--project", other.toString(), f.toString()))
        .as(err.toString())
        .isZero();
    assertThat(out.toString()).contains("unverified");
    // The same name again is refused; nothing changes.
    assertThat(run("capabilities", "import", "--project", other.toString(), f.toString()))
        .isEqualTo(2);
    assertThat(err.toString()).contains("exists already");
    Files.writeString(
        f,
        "{\"format\": \"benchwright-capability\", \"format_version\": 1, \"name\": \"x\", \"versions\": [{\"description\": \"d\", \"parameters\": {\"type\": \"strin\"}, \"result\": {}, \"examples\": [], \"code\": \"c\", \"tests\": \"t\"}]}");
    assertThat(run("capabilities", "import", "--project", other.toString(), f.toString()))
        .isEqualTo(2);
    assertThat(err.toString()).contains("parameters:");
    Files.writeString(f, "not json");
    assertThat(run("capabilities", "import", "--project", other.toString(), f.toString()))
        .isEqualTo(2);
    assertThat(err.toString()).contains("is not a JSON file");

    assertThat(
            run(
                "capabilities",
                "quarantine",
                "--project",
                file.toString(),
                "reverse_string",
                "--reason",
                "flaky"))
        .isZero();
    run("capabilities", "list", "--project", file.toString());
    assertThat(out.toString()).contains("quarantined");
    assertThat(run("capabilities", "restore", "--project", file.toString(), "reverse_string"))
        .isZero();
    assertThat(run("capabilities", "delete", "--project", file.toString(), "reverse_string"))
        .isZero();
    assertThat(run("capabilities", "list", "--project", file.toString())).isZero();
    assertThat(out.toString()).contains("No capabilities");
    assertThat(run("capabilities", "show", "--project", file.toString(), "reverse_string"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("no capability named 'reverse_string'");
  }

  @Test
  void helpAndUnknownCommands() {
    assertThat(run("capabilities", "--help")).isZero();
    assertThat(out.toString()).contains("list", "show", "search", "test", "export", "import");
    assertThat(run("capabilities", "test", "--help")).isZero();
    assertThat(run("capabilities", "frob", "--help")).isEqualTo(2);
    assertThat(err.toString()).contains("unknown command 'frob'");
  }
}
