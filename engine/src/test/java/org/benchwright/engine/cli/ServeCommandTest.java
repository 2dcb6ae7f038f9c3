package org.benchwright.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.benchwright.engine.project.Project;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve}'s refusals: each before a project is opened or a token written. */
class ServeCommandTest {

  @TempDir Path dir;
  @RegisterExtension final StandardStreams std = new StandardStreams();
  private final ByteArrayOutputStream err = std.err;

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private Path project() {
    Path file = dir.resolve("p.bwproj");
    Project.create(file).close();
    return file;
  }

  @Test
  void helpExitsZeroAndSaysWhereItBinds() {
    assertThat(BenchwrightCli.run("serve", "--help")).isZero();
    assertThat(std.out.toString(StandardCharsets.UTF_8))
        .contains("--bind")
        .contains("127.0.0.1")
        .contains("--insecure");
  }

  @Test
  void exposingTheServiceWithoutTlsIsRefusedUnlessAskedForExplicitly() {
    Path file = project();
    Path token = dir.resolve("t.token");
    int code =
        BenchwrightCli.run(
            "serve",
            "--project",
            file.toString(),
            "--bind",
            "0.0.0.0",
            "--port",
            "0",
            "--token-file",
            token.toString());
    assertThat(code).isEqualTo(2);
    assertThat(err()).contains("exposes the service beyond this machine").contains("--insecure");
    assertThat(token).doesNotExist();
  }

  @Test
  void aKeyStoreWithoutItsPasswordIsRefused() throws Exception {
    Path file = project();
    Path store = Files.writeString(dir.resolve("s.p12"), "not really");
    int code =
        BenchwrightCli.run(
            "serve",
            "--project",
            file.toString(),
            "--tls-keystore",
            store.toString(),
            "--tls-password-env",
            "BW_NO_SUCH_VARIABLE_SET");
    assertThat(code).isEqualTo(2);
    assertThat(err()).contains("$BW_NO_SUCH_VARIABLE_SET, which is not set");
  }

  @Test
  void badPortsAndMissingKeyStoresAreRefused() {
    Path file = project();
    assertThat(BenchwrightCli.run("serve", "--project", file.toString(), "--port", "70000"))
        .isEqualTo(2);
    assertThat(err()).contains("--port must be 0..65535");
    assertThat(
            BenchwrightCli.run(
                "serve",
                "--project",
                file.toString(),
                "--tls-keystore",
                dir.resolve("missing.p12").toString()))
        .isEqualTo(2);
    assertThat(err()).contains("missing.p12 is not a file");
  }
}
