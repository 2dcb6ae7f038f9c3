package org.benchwright.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.benchwright.engine.model.ModelException.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class ApiKeysTest {

  @TempDir Path dir;

  @Test
  void environmentWinsOverTheUserFile() throws Exception {
    Path file = keyFile("openai=sk-from-file\nanthropic=sk-ant-from-file\n");

    ApiKeys keys = ApiKeys.of(Map.of("OPENAI_API_KEY", "sk-from-env"), file);

    assertThat(keys.forProvider("openai")).contains("sk-from-env");
    assertThat(keys.forProvider("anthropic")).contains("sk-ant-from-file");
  }

  @Test
  void geminiFallsBackToGoogleApiKey() {
    assertThat(ApiKeys.of(Map.of("GOOGLE_API_KEY", "g-key"), null).forProvider("gemini"))
        .contains("g-key");
    assertThat(
            ApiKeys.of(Map.of("GEMINI_API_KEY", "gem", "GOOGLE_API_KEY", "g-key"), null)
                .forProvider("gemini"))
        .contains("gem");
  }

  @Test
  void blankValuesCountAsMissing() throws Exception {
    Path file = keyFile("openai =   \n");

    ApiKeys keys = ApiKeys.of(Map.of("OPENAI_API_KEY", "  "), file);

    assertThat(keys.forProvider("openai")).isEmpty();
  }

  @Test
  void providersWithoutKeysNeverReadTheFile() throws Exception {
    Path file = keyFile("ollama=whatever\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    ApiKeys keys = ApiKeys.of(Map.of(), file);

    assertThat(keys.forProvider("ollama")).isEmpty();
    assertThat(keys.forProvider("scripted")).isEmpty();
  }

  @Test
  void missingUserFileMeansNoKey() {
    assertThat(ApiKeys.of(Map.of(), dir.resolve("absent.properties")).forProvider("openai"))
        .isEmpty();
  }

  @Test
  @DisabledOnOs(OS.WINDOWS)
  void userFileOpenToOthersIsRefusedWithChmodAdvice() throws Exception {
    Path file = keyFile("openai=sk-secret-in-file\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    assertThatThrownBy(() -> ApiKeys.of(Map.of(), file).forProvider("openai"))
        .isInstanceOfSatisfying(
            ModelException.class, e -> assertThat(e.kind()).isEqualTo(Kind.CONFIGURATION))
        .hasMessageContaining("is open to other users (rw-r--r--)")
        .hasMessageEndingWith("Run: chmod 600 " + file)
        .message()
        .doesNotContain("sk-secret-in-file");
  }

  @Test
  @DisabledOnOs(OS.WINDOWS)
  void environmentKeyNeedsNoFileEvenAnInsecureOne() throws Exception {
    Path file = keyFile("openai=sk-file\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-rw-"));

    assertThat(ApiKeys.of(Map.of("OPENAI_API_KEY", "sk-env"), file).forProvider("openai"))
        .contains("sk-env");
  }

  @Test
  void toStringNamesSourcesButNoKeys() throws Exception {
    Path file = keyFile("anthropic=sk-ant-secret\n");
    ApiKeys keys = ApiKeys.of(Map.of("OPENAI_API_KEY", "sk-env-secret", "PATH", "/bin"), file);
    keys.forProvider("anthropic");

    assertThat(keys.toString())
        .contains("OPENAI_API_KEY")
        .doesNotContain("sk-env-secret", "sk-ant-secret", "PATH");
  }

  private Path keyFile(String content) throws Exception {
    Path file = dir.resolve("keys.properties");
    Files.writeString(file, content);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    return file;
  }

  @Test
  @DisabledOnOs(OS.WINDOWS)
  void statusesSayWhichProvidersHaveAKeyAndWhyOneCannotBeReadNeverTheKey() throws Exception {
    Path file = keyFile("anthropic=sk-ant-in-file\n");
    ApiKeys keys = ApiKeys.of(Map.of("OPENAI_API_KEY", "sk-env-secret"), file);
    assertThat(keys.statuses())
        .extracting(ApiKeys.KeyStatus::provider, ApiKeys.KeyStatus::configured)
        .contains(
            org.assertj.core.groups.Tuple.tuple("openai", true),
            org.assertj.core.groups.Tuple.tuple("anthropic", true),
            org.assertj.core.groups.Tuple.tuple("gemini", false),
            org.assertj.core.groups.Tuple.tuple("ollama", false));

    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    ApiKeys.KeyStatus anthropic =
        keys.statuses().stream().filter(k -> k.provider().equals("anthropic")).findFirst().get();
    assertThat(anthropic.configured()).isFalse();
    assertThat(anthropic.required()).isTrue();
    assertThat(anthropic.problem()).contains("is open to other users").doesNotContain("sk-ant");
    assertThat(keys.statuses().toString()).doesNotContain("sk-env-secret", "sk-ant-in-file");
  }
}
