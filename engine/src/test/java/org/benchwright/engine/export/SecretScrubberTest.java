package org.benchwright.engine.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.benchwright.engine.project.Project;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretScrubberTest {

  @TempDir Path dir;

  static final List<String> SECRETS =
      List.of(
          "sk-proj-" + "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6",
          "sk-" + "ZYXWVUTSRQPONMLKJIHGFEDCBA0123456789",
          "sk-ant-" + "api03-Xy9_Zz8-Ww7Vv6Uu5Tt4Ss3Rr2Qq1Pp0Oo",
          "AIza" + "SyD3adB33fC0ffee1234567890abcdefghi",
          "ghp_" + "aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789",
          "github_pat_" + "11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz",
          "AKIA" + "IOSFODNN7EXAMPLE",
          "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
          "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.sig",
          "MIIEowIBAAKCAQEA7bq98s",
          "hunter2hunter2",
          "tok3n-value-77",
          "s3cr3tValue",
          "k3y-abc-999",
          "dbpass-42");

  /** Text that carries every secret above in the shapes they appear in the wild. */
  static String planted() {
    return String.join(
        "\n",
        "OPENAI_API_KEY=" + SECRETS.get(0),
        "use " + SECRETS.get(1) + " for the old project",
        "anthropic: " + SECRETS.get(2),
        "const key = '" + SECRETS.get(3) + "';",
        "git clone https://" + SECRETS.get(4) + "@github.com/x/y",
        "token " + SECRETS.get(5),
        "aws_access_key_id = " + SECRETS.get(6),
        "aws_secret_access_key = " + SECRETS.get(7),
        "Authorization: Bearer " + SECRETS.get(8),
        "-----BEGIN RSA PRIVATE KEY-----\n"
            + SECRETS.get(9)
            + "\nabc==\n-----END RSA PRIVATE KEY-----",
        "password=" + SECRETS.get(10),
        "{\"token\": \"" + SECRETS.get(11) + "\", \"client_secret\":\"" + SECRETS.get(12) + "\"}",
        "api_key: " + SECRETS.get(13),
        "postgres://admin:" + SECRETS.get(14) + "@db.example.com:5432/app");
  }

  static void assertNoSecrets(String text) {
    for (String s : SECRETS) {
      assertThat(text).as("leaked %s", s).doesNotContain(s);
    }
  }

  @Test
  void everyKindIsReplacedWithItsLabel() {
    String out = new SecretScrubber().scrub(planted());
    assertNoSecrets(out);
    assertThat(out)
        .contains("[REDACTED:openai_key]")
        .contains("[REDACTED:anthropic_key]")
        .contains("[REDACTED:google_api_key]")
        .contains("[REDACTED:github_token]")
        .contains("[REDACTED:aws_access_key]")
        .contains("[REDACTED:bearer_token]")
        .contains("[REDACTED:private_key]")
        .contains("[REDACTED:credential]")
        .contains("[REDACTED:url_credentials]")
        .contains("db.example.com")
        .contains("the old project");
  }

  @Test
  void ordinaryTextIsLeftAlone() {
    String text =
        "max_tokens: 4096\ninput_tokens=12\nThe task asks for a ramp. https://example.com/a?b=c\n"
            + "desk-lamp, risk-free";
    assertThat(new SecretScrubber().scrub(text)).isEqualTo(text);
  }

  @Test
  void anExportCarriesNoSecretFromMessagesArgumentsResultsOrFiles() throws Exception {
    try (Project p = Project.create(dir.resolve("s.bwproj"))) {
      String secrets = planted();
      RecordedRun r = new RecordedRun(p, "wf", "openai", "gpt-4o");
      r.enter("coder", "System prompt. " + secrets, RecordedRun.WRITE_FILE, RecordedRun.SUBMIT);
      r.user("Task: " + secrets);
      String args =
          RecordedRun.JSON
              .createObjectNode()
              .put("path", ".env")
              .put("content", secrets) // a file's contents
              .put("password", "dbpass-42")
              .toString();
      r.reply("Here: " + secrets, null, new String[] {"c1", "write_file", args});
      r.result("c1", "write_file", "cat .env\n" + secrets);
      r.reply(
          null,
          null,
          new String[] {
            "c2", "submit", "{\"outcome\":\"done\",\"summary\":\"" + SECRETS.get(0) + "\"}"
          });
      r.result("c2", "submit", "ok");
      long gate = r.planGate("Plan with " + secrets, 1);
      r.decide(gate, "edited", null, "Edited plan, key " + SECRETS.get(4));
      r.outcome("passed");

      StringWriter chat = new StringWriter();
      new TrainingDataExport(p)
          .export(ExportFilter.all(), ExportSplit.NONE, chat, null, (a, b) -> {}, () -> false);
      StringWriter prefs = new StringWriter();
      ExportResult pr =
          new TrainingDataExport(p)
              .exportPreferences(ExportFilter.all(), prefs, (a, b) -> {}, () -> false);

      TrainingDataExportTest.validChat(chat.toString());
      assertThat(chat.toString()).contains("[REDACTED:");
      assertNoSecrets(chat.toString());
      assertNoSecrets(unescape(chat.toString()));
      assertThat(pr.trainLines()).isEqualTo(1);
      assertNoSecrets(prefs.toString());
      assertNoSecrets(unescape(prefs.toString()));
    }
  }

  /** JSON-escaped text (arguments inside arguments) read back, so escapes cannot hide a key. */
  private static String unescape(String s) {
    return s.replace("\\\\", "\\").replace("\\n", "\n").replace("\\\"", "\"").replace("\\/", "/");
  }
}
