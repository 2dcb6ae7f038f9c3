package org.benchwright.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Installs the .deb this build made on this machine, as a user would (dpkg, as root), and uses it:
 * the CLI on the PATH, the desktop entry and the *.bwproj association, the workbench started from
 * its launcher under the test display with {@code --smoke}, its AOT cache used; then removes it and
 * checks nothing is left. CI runs it as root ({@code -Dbenchwright.requirePackage=true}, so it
 * cannot skip there); elsewhere, without root, it skips with a message.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PackagedAppIT {

  private static final Path OPT = Path.of("/opt/benchwright");
  private static final Path APP = OPT.resolve("bin/Benchwright");
  private static final Path CLI_LINK = Path.of("/usr/bin/benchwright");
  private static final Path DESKTOP_ENTRY =
      Path.of("/usr/share/applications/benchwright-Benchwright.desktop");
  private static final Path MIME_PACKAGE =
      Path.of("/usr/share/mime/packages/benchwright-Benchwright-MimeInfo.xml");

  private static Path deb;

  @TempDir static Path home;

  @BeforeAll
  static void install() throws Exception {
    boolean required = Boolean.getBoolean("benchwright.requirePackage");
    boolean root = "root".equals(System.getProperty("user.name"));
    if (!root && !required) {
      System.err.println(
          "PackagedAppIT skipped: installing the .deb needs root (CI runs it as root)");
    }
    assumeTrue(root || required, "installing the .deb needs root");
    assertThat(root).as("CI runs the installer test as root").isTrue();
    Path dir = Path.of(System.getProperty("benchwright.deb.dir", "target/installer"));
    try (Stream<Path> s = Files.list(dir)) {
      deb = s.filter(p -> p.toString().endsWith(".deb")).findFirst().orElseThrow();
    }
    Result r = run(List.of("dpkg", "-i", deb.toString()), Map.of(), 300);
    assertThat(r.exit()).as("dpkg -i %s:%n%s", deb, r.out()).isZero();
  }

  @AfterAll
  static void remove() throws Exception {
    if (deb == null) {
      return;
    }
    Result r = run(List.of("dpkg", "-r", "benchwright"), Map.of(), 300);
    assertThat(r.exit()).as("dpkg -r:%n%s", r.out()).isZero();
    // Nothing of the app is left: its folder, the CLI link, the menu entry, the MIME type.
    assertThat(OPT).doesNotExist();
    assertThat(Files.exists(CLI_LINK, java.nio.file.LinkOption.NOFOLLOW_LINKS)).isFalse();
    assertThat(DESKTOP_ENTRY).doesNotExist();
    assertThat(MIME_PACKAGE).doesNotExist();
  }

  @Test
  @Order(1)
  void theCliIsOnThePathAndKeepsItsManners() throws Exception {
    assertThat(Files.readSymbolicLink(CLI_LINK)).isEqualTo(OPT.resolve("bin/benchwright-cli"));

    Result help = run(List.of("benchwright", "--help"), Map.of(), 60);
    assertThat(help.exit()).as(help.out()).isZero();
    assertThat(help.out()).contains("Usage: benchwright");
    Result version = run(List.of("benchwright", "--version"), Map.of(), 60);
    assertThat(version.exit()).as(version.out()).isZero();
    assertThat(version.out()).contains("benchwright 0.1.0");
    Result unknown = run(List.of("benchwright", "no-such-command", "--help"), Map.of(), 60);
    assertThat(unknown.exit()).as(unknown.out()).isEqualTo(2);
  }

  @Test
  @Order(2)
  void theDesktopEntryStartsTheWorkbenchWithTheFileAndOwnsBwproj() throws Exception {
    String entry = Files.readString(DESKTOP_ENTRY);
    assertThat(entry)
        .contains("Name=Benchwright")
        .contains("Exec=" + APP + " %f")
        .contains("MimeType=application/x-benchwright-project")
        .contains("Categories=Development;");
    Path icon = Path.of(line(entry, "Icon="));
    assertThat(icon).isRegularFile();
    assertThat(Files.size(icon)).isGreaterThan(1000); // our 256 px icon, not an empty file
    assertThat(Files.readString(MIME_PACKAGE))
        .contains("application/x-benchwright-project")
        .contains("*.bwproj");
    // The terminal CLI has no menu entry of its own.
    assertThat(Path.of("/usr/share/applications/benchwright-benchwright-cli.desktop"))
        .doesNotExist();
  }

  @Test
  @Order(3)
  void theInstalledWorkbenchOpensTheDemoFromItsAotCache() throws Exception {
    assertThat(System.getenv("DISPLAY")).as("the test runs under a display (xvfb-run)").isNotNull();
    Path log = home.resolve("class-load.log");
    long t0 = System.nanoTime();
    Result r =
        run(
            List.of(APP.toString(), "--smoke"),
            Map.of(
                "BENCHWRIGHT_CONFIG_DIR", home.resolve("config").toString(),
                "BENCHWRIGHT_DATA_DIR", home.resolve("data").toString(),
                "JAVA_TOOL_OPTIONS", "-Xlog:class+load=info:file=" + log),
            180);
    double seconds = (System.nanoTime() - t0) / 1e9;

    assertThat(r.exit()).as(r.out()).isZero();
    assertThat(r.out())
        .contains(FirstWindowBench.APP_SHOWN)
        .contains(FirstWindowBench.APP_PASSED + ": demo.bwproj open");
    System.out.printf("PackagedAppIT: installed app smoke run took %.2f s%n", seconds);
    // The launcher's -XX:AOTCache was used: the app's own classes came out of the cache.
    String loads = Files.readString(log);
    assertThat(line(loads, "org.benchwright.desktop.BenchwrightApp "))
        .contains("shared objects file");
    // A sanity bound, not the benchmark (FirstWindowBench measures the ratio to a bare stage).
    assertThat(seconds).isLessThan(60);
  }

  @Test
  @Order(4)
  void aDoubleClickedProjectOpens() throws Exception {
    // What the file manager runs for a double-click: the entry's Exec with %f as the file.
    Path demo = home.resolve("data/demo.bwproj");
    assertThat(demo).as("the smoke run made the demo project").isRegularFile();
    Path mine = home.resolve("my project.bwproj");
    Files.copy(demo, mine);
    String exec = line(Files.readString(DESKTOP_ENTRY), "Exec=");
    List<String> cmd = new ArrayList<>();
    for (String part : exec.split(" ")) {
      cmd.add(part.equals("%f") ? mine.toString() : part);
    }
    cmd.add(1, "--smoke");

    Result r =
        run(
            cmd,
            Map.of(
                "BENCHWRIGHT_CONFIG_DIR", home.resolve("config2").toString(),
                "BENCHWRIGHT_DATA_DIR", home.resolve("data2").toString()),
            180);

    assertThat(r.exit()).as(r.out()).isZero();
    assertThat(r.out()).contains(FirstWindowBench.APP_PASSED + ": my project.bwproj open");
    // It opened that file, not a demo of its own.
    assertThat(home.resolve("data2/demo.bwproj")).doesNotExist();
  }

  private static String line(String text, String prefix) {
    return text.lines()
        .filter(l -> l.startsWith(prefix) || l.contains(prefix))
        .findFirst()
        .map(l -> l.startsWith(prefix) ? l.substring(prefix.length()) : l)
        .orElseThrow(() -> new AssertionError("no line with " + prefix));
  }

  record Result(int exit, String out) {}

  private static Result run(List<String> cmd, Map<String, String> env, int timeoutSeconds)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().putAll(env);
    Path out = Files.createTempFile("packaged-app", ".out");
    pb.redirectOutput(out.toFile());
    Process p = pb.start();
    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor();
      return new Result(-1, "timed out after " + timeoutSeconds + " s\n" + Files.readString(out));
    }
    String text = Files.readString(out, StandardCharsets.UTF_8);
    Files.delete(out);
    return new Result(p.exitValue(), text);
  }
}
